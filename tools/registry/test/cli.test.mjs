// The real CLI as a child process: the table, exit codes and one-line errors. The spawns run
// concurrently; the two that load the specification take a few seconds each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REGISTRY = path.join(HERE, '..', 'registry.mjs');
const FIXTURES = path.join(HERE, 'fixtures');

function registry(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [REGISTRY, ...args], { cwd: FIXTURES }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('CLI', { concurrency: true }, async (t) => {
  await t.test('a finding in a nested stack of a cloud assembly: table row, FAIL, exit 1', async () => {
    const r = await registry(['cloud-assembly']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^TEMPLATE +LOGICAL ID +TYPE +PROPERTY PATH +FINDING$/m);
    assert.match(r.stdout, /^cloud-assembly\/IdentityTriggers\.nested\.template\.json +TriggerLogs +AWS::Logs::LogGroup +RetentionInDays +not allowed: 13 is not one of 1, 3, 5,/m);
    assert.match(r.stdout, /^registry: 1 finding in 2 templates \(3 resources\)\nFAIL$/m);
  });

  await t.test('a clean template: PASS, exit 0', async () => {
    const r = await registry(['clean.template.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CloudFormation registry: @aws-cdk\/aws-service-spec \d+\.\d+\.\d+ \(\d+ resource types\)$/m);
    assert.match(r.stdout, /^registry: 0 findings in 1 template \(10 resources\)\nPASS$/m);
  });

  await t.test('default input is ./cdk.out; missing -> exit 2, one line, no stack trace', async () => {
    const r = await registry([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'registry: error: no such directory: cdk.out\n');
  });

  await t.test('unknown option -> exit 2', async () => {
    const r = await registry(['--strict', 'cloud-assembly']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'registry: error: unknown option --strict (see --help)\n');
  });

  await t.test('a template that is not JSON -> exit 2 naming the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'registry-'));
    try {
      writeFileSync(path.join(dir, 'Broken.template.json'), '{"Resources": ');
      const r = await registry([dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^registry: error: cannot read .*Broken\.template\.json: .*JSON.*\n$/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  await t.test('--help -> usage, exit 0', async () => {
    const r = await registry(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: node tools\/registry\/registry\.mjs/);
  });
});

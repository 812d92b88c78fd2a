// The real CLI as a child process: exit codes and stderr. Each spawn costs
// ~0.7 s, so only the contract is covered here (the logic is in gate.test.mjs);
// the spawns run concurrently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NAG = path.join(HERE, '..', 'nag.mjs');
const FIXTURES = path.join(HERE, 'fixtures');

function nag(args, cwd = FIXTURES) {
  return new Promise((resolve) => {
    execFile(process.execPath, [NAG, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('CLI exit codes', { concurrency: true }, async (t) => {
  await t.test('open error -> 1', async () => {
    const r = await nag(['weak-user-pool.template.json']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /OPEN\s+error\s+AwsSolutions-COG1/);
    assert.match(r.stdout, /^FAIL: 2 unsuppressed errors$/m);
  });

  await t.test('all suppressed -> 0', async () => {
    const r = await nag(['suppressed-user-pool.template.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^PASS$/m);
  });

  await t.test('default input is ./cdk.out; missing -> 2, one line, no stack trace', async () => {
    const r = await nag([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'cdk-nag: error: no such directory: cdk.out\n');
  });

  await t.test('directory without templates -> 2', async () => {
    const r = await nag([HERE]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^cdk-nag: error: no \*\.template\.json templates found in .*\n$/);
  });
});

// The real CLI as a child process: the exit codes a CI step sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTROLS = path.join(HERE, '..', 'controls.mjs');
const FIXTURES = path.join(HERE, 'fixtures');

function controls(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CONTROLS, ...args], { cwd: FIXTURES }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('CLI exit codes', { concurrency: true }, async (t) => {
  await t.test('open failure -> 1', async () => {
    const r = await controls(['--acknowledged', 'none.json', 'failing.template.json']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^FAIL$/m);
  });

  await t.test('all acknowledged -> 0', async () => {
    const r = await controls(['--acknowledged=acknowledged.json', 'failing.template.json', 'sample']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS$/m);
  });

  await t.test('default input is ./cdk.out; missing -> 2, one line, no stack trace', async () => {
    const r = await controls(['--acknowledged', 'none.json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'controls: error: no such directory: cdk.out\n');
  });
});

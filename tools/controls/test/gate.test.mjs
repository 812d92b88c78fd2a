// The gate in-process (run() returns the exit code and writes to the given streams): each case spawns
// cfn-guard once over small fixtures (~0.1 s of CPU each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ACKNOWLEDGED, environmentOf, run } from '../controls.mjs';
import { loadAcknowledgements } from '../lib/acknowledgements.mjs';
import { loadCatalog } from '../lib/catalog.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, 'fixtures');
const fixture = (name) => path.join(FIXTURES, name);
const FAILING = fixture('failing.template.json');
const PASSING = fixture('passing.template.json');
const ASSEMBLY = fixture('sample');
const NONE = fixture('none.json');

function gate(...argv) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

test('the pinned package: every control has metadata, a rule file and a page; cfn-guard runs here', () => {
  const catalog = loadCatalog();
  assert.ok(catalog.controls.size >= 200, `only ${catalog.controls.size} controls`);
  for (const c of catalog.controls.values()) {
    assert.match(c.id, /^CT\.[A-Z0-9-]+\.PR\.\d+$/);
    assert.ok(c.resourceTypes.length, `${c.id} evaluates no resource type`);
    assert.match(c.url ?? '', /^https:\/\/docs\.aws\.amazon\.com\/controltower\/latest\/controlreference\/[a-z0-9-]+\.html#ct-/, `${c.id} has no page`);
  }
  assert.match(execFileSync(catalog.guard, ['--version'], { encoding: 'utf8' }), /^cfn-guard \d+\.\d+\.\d+/);
});

test('the committed acknowledgement list names known controls, each with patterns and a reason (CI judges staleness over every environment)', () => {
  const { entries, problems } = loadAcknowledgements(DEFAULT_ACKNOWLEDGED, loadCatalog().controls);
  assert.deepEqual(problems, []);
  assert.ok(entries.length > 0);
});

test('a template that fails: one row per control and resource, the fix and page of each control, exit 1', () => {
  const r = gate('--acknowledged', NONE, FAILING);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^ENVIRONMENT +STACK +CONTROL +SEVERITY +RESOURCE +REQUIREMENT$/m);
  assert.match(r.stdout, /^fixtures +failing +CT\.CLOUDWATCH\.PR\.2 +MEDIUM +AppLogs \(Sample\/App\/Logs\/Resource\) +Require an Amazon CloudWatch log group to be retained for at least one year$/m);
  assert.match(r.stdout, /^fixtures +failing +CT\.CLOUDWATCH\.PR\.3 +MEDIUM +AppLogs /m);
  assert.match(r.stdout, /^fixtures +failing +CT\.KMS\.PR\.3 +MEDIUM +DataKey /m);
  assert.match(r.stdout, /^ {2}CT\.KMS\.PR\.3: Configure a KMS key policy statement .* \(https:\/\/docs\.aws\.amazon\.com\/controltower\/latest\/controlreference\/kms-rules\.html#ct-kms-pr-3-description\)$/m);
  assert.match(r.stdout, /^controls: 3 open failures, 0 acknowledged, 0 acknowledgement problems in 1 template of fixtures\nFAIL$/m);
});

test('a template that passes: no table, PASS, exit 0', () => {
  const r = gate('--acknowledged', NONE, PASSING);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /ENVIRONMENT/);
  assert.match(r.stdout, /^controls: 0 open failures, 0 acknowledged, 0 acknowledgement problems in 1 template of fixtures\nPASS$/m);
});

test('a nested template of a cloud assembly is checked; the environment is the name of its directory', () => {
  const r = gate('--acknowledged', NONE, ASSEMBLY);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^sample +SampleNested\.nested +CT\.LAMBDA\.PR\.3 +LOW +Handler \(Sample\/Nested\/Handler\/Resource\)/m);
  assert.match(r.stdout, /in 2 templates of sample\nFAIL$/m);
});

test('acknowledged by logical id, construct-path pattern and environment: PASS; an entry for another environment is not stale', () => {
  const r = gate('--acknowledged', fixture('acknowledged.json'), FAILING, ASSEMBLY);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^controls: 0 open failures, 4 acknowledged, 0 acknowledgement problems in 3 templates of fixtures, sample \(1 acknowledgement for environments not in this run\)\nPASS$/m);
});

test('an acknowledgement scoped to one environment does not cover the same failure in another', () => {
  const r = gate('--acknowledged', fixture('acknowledged.json'), FAILING, path.join(FIXTURES, 'copy', 'failing.template.json'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^copy +failing +CT\.CLOUDWATCH\.PR\.2 /m);
  assert.doesNotMatch(r.stdout, /^fixtures +failing +CT\.CLOUDWATCH\.PR\.2 /m);
});

test('a stale acknowledgement (a pattern that matches no failure) fails the gate', () => {
  const r = gate('--acknowledged', fixture('stale.json'), FAILING);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^ {2}STALE {2}acknowledgements\[1\]: CT\.CLOUDWATCH\.PR\.3 "OldLogs\*" matches no failure/m);
  assert.match(r.stdout, /^ {2}STALE {2}acknowledgements\[3\]: CT\.S3\.PR\.10 "RemovedBucket" matches no failure/m);
  assert.match(r.stdout, /^controls: 0 open failures, 3 acknowledged, 2 acknowledgement problems/m);
});

test('an unknown control id fails the gate, with the right spelling or the service\'s controls as a hint', () => {
  const r = gate('--acknowledged', fixture('unknown-control.json'), FAILING);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^ {2}UNKNOWN {2}acknowledgements\[2\]: ct-kms-pr-3 is not a Control Tower proactive control \(did you mean CT\.KMS\.PR\.3\?\)$/m);
  assert.match(r.stdout, /^ {2}UNKNOWN {2}acknowledgements\[3\]: CT\.KMS\.PR\.9 is not a Control Tower proactive control \(CT\.KMS has CT\.KMS\.PR\.1, /m);
  assert.match(r.stdout, /^fixtures +failing +CT\.KMS\.PR\.3 /m, 'an unknown entry acknowledges nothing');
});

test('entries without a reason, without resources, with unknown keys, and unknown top-level keys are invalid', () => {
  const r = gate('--acknowledged', fixture('invalid.json'), FAILING);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^ {2}INVALID {2}file: unknown top-level key "extra"$/m);
  assert.match(r.stdout, /^ {2}INVALID {2}acknowledgements\[0\]: CT\.CLOUDWATCH\.PR\.2: "reason" must say why, in at least 20 characters$/m);
  assert.match(r.stdout, /^ {2}INVALID {2}acknowledgements\[1\]: CT\.CLOUDWATCH\.PR\.3: "resources" must be a non-empty list/m);
  assert.match(r.stdout, /^ {2}INVALID {2}acknowledgements\[2\]: unknown key "resource" \(allowed: control, resources, environments, reason\)$/m);
});

test('leaving out the controls whose resource types are absent changes no result (--all-rules runs all of them)', () => {
  for (const input of [FAILING, PASSING, ASSEMBLY]) {
    const rows = (out) => out.split('\n').filter((l) => /^(fixtures|sample) /.test(l)).join('\n');
    const some = gate('--acknowledged', NONE, input);
    const all = gate('--acknowledged', NONE, '--all-rules', input);
    assert.equal(rows(all.stdout), rows(some.stdout), input);
    assert.equal(all.code, some.code, input);
    assert.match(all.stdout, /\d+ controls, \d+ evaluate resource types present/);
  }
});

test('usage errors: exit 2 with one line', () => {
  assert.deepEqual(gate('--acknowledged', NONE, fixture('no-such-dir')), { code: 2, stdout: '', stderr: `controls: error: no such directory: ${fixture('no-such-dir')}\n` });
  assert.equal(gate('--strict', FAILING).stderr, 'controls: error: unknown option --strict (see --help)\n');
  assert.match(gate('--acknowledged', fixture('no-such.json'), FAILING).stderr, /^controls: error: cannot read acknowledgements .*no-such\.json: ENOENT/);
  assert.match(gate('--acknowledged', PASSING, FAILING).stderr, /^controls: error: .*passing\.template\.json: expected an object with an "acknowledgements" array\n$/);
  assert.equal(gate('--help').code, 0);
});

test('environment names', () => {
  assert.equal(environmentOf('cdk.out.prod'), 'prod');
  assert.equal(environmentOf('cdk.out.tests/federated/'), 'federated');
  assert.equal(environmentOf('cdk.out'), 'cdk.out');
  assert.equal(environmentOf('cdk.out.dev/Identity.template.json'), 'dev');
});

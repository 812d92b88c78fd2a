// End-to-end checks of the fixture templates with the real cdk-nag packs, in
// one process (one checker / App shared by every template, ~1 s in total).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecker } from '../lib/check.mjs';
import { summarize, verdict } from '../lib/report.mjs';
import { run } from '../nag.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name) => path.join(FIXTURES, name);

let checker;
before(() => {
  checker = createChecker();
});
after(() => checker?.dispose());

const check = (name) => checker.check(fixture(`${name}.template.json`), name);
const statuses = (result) =>
  result.findings.map((f) => `${f.status} ${f.level} ${f.logicalId} ${f.rule}`).sort();
const gate = (result, opts) => verdict(summarize(result), opts);

describe('rule catalogue', () => {
  test('covers both packs and only real rule ids', () => {
    const { catalog } = checker;
    assert.ok(catalog.has('AwsSolutions-COG1'));
    assert.ok(catalog.has('AwsSolutions-IAM5'));
    assert.ok(catalog.has('Serverless-LambdaDLQ'));
    assert.ok(!catalog.has('AwsSolutions-COG99'));
    assert.ok(catalog.size > 100);
  });
});

describe('fixtures', () => {
  test('weak password policy: COG1 is an open error and the gate fails', () => {
    const r = check('weak-user-pool');
    assert.deepEqual(statuses(r), [
      'open error UserPool6BA7E5F2 AwsSolutions-COG1',
      'open error UserPool6BA7E5F2 AwsSolutions-COG8',
      'open warning UserPool6BA7E5F2 AwsSolutions-COG2',
    ]);
    assert.equal(r.findings[0].path, 'WeakStack/UserPool/Resource');
    assert.deepEqual(r.problems, []);
    assert.equal(gate(r).exitCode, 1);
  });

  test('same pool with metadata suppressions: acknowledged with reasons, gate passes', () => {
    const r = check('suppressed-user-pool');
    assert.deepEqual(statuses(r), [
      'suppressed error UserPool6BA7E5F2 AwsSolutions-COG1',
      'suppressed error UserPool6BA7E5F2 AwsSolutions-COG8',
      'suppressed warning UserPool6BA7E5F2 AwsSolutions-COG2',
    ]);
    const cog1 = r.findings.find((f) => f.rule === 'AwsSolutions-COG1');
    assert.equal(cog1.reason, 'Password policy is enforced by the upstream identity provider.');
    assert.equal(cog1.suppressedAt, 'resource');
    assert.deepEqual(r.problems, []);
    assert.equal(gate(r).exitCode, 0);
  });

  test('IAM5 findings on a Fn::GetAtt bucket ARN are suppressed via applies_to (string and regex)', () => {
    const r = check('iam5-applies-to');
    assert.deepEqual(statuses(r), [
      'suppressed error AuthenticatedRoleDefaultPolicy1234 AwsSolutions-IAM5[Action::s3:List*]',
      'suppressed error AuthenticatedRoleDefaultPolicy1234 AwsSolutions-IAM5[Resource::<UserFilesBucketABC123.Arn>/private/<cognito-identity.amazonaws.com:sub>/*]',
      'suppressed error UserFilesBucketABC123 AwsSolutions-S1',
      'suppressed error UserFilesBucketABC123 AwsSolutions-S10',
    ]);
    assert.deepEqual(r.problems, []);
    assert.equal(gate(r).exitCode, 0);
  });

  test('unknown rule ids in suppressions fail the gate (and suppress nothing)', () => {
    const r = check('unknown-rule');
    const invalid = r.problems.filter((p) => p.kind === 'invalid');
    assert.deepEqual(invalid.map((p) => p.id), ['AwsSolutions-Cog1', 'AwsSolutions-COG99']);
    assert.match(invalid[0].message, /did you mean 'AwsSolutions-COG1'/);
    assert.ok(statuses(r).includes('open error UserPool6BA7E5F2 AwsSolutions-COG1'));
    assert.equal(gate(r).exitCode, 1);
  });

  test('empty and too-short reasons fail the gate (and suppress nothing)', () => {
    const r = check('bad-reason');
    assert.deepEqual(
      r.problems.map((p) => `${p.kind} ${p.id}`),
      ['invalid AwsSolutions-COG1', 'invalid AwsSolutions-COG2'],
    );
    assert.ok(statuses(r).includes('open error UserPool6BA7E5F2 AwsSolutions-COG1'));
    assert.ok(statuses(r).includes('open warning UserPool6BA7E5F2 AwsSolutions-COG2'));
    assert.equal(gate(r).exitCode, 1);
  });

  test('a template with the CDK BootstrapVersion parameter and rule loads', () => {
    const r = check('bootstrap-version');
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.problems, []);
    assert.equal(r.resources, 1);
    assert.equal(gate(r).exitCode, 0);
  });

  test('stale suppressions are reported; they fail only with --strict', () => {
    const r = check('stale');
    assert.deepEqual(r.problems.map((p) => `${p.kind} ${p.target} ${p.id}`), ['stale Handle AwsSolutions-S1']);
    assert.equal(gate(r).exitCode, 0);
    assert.equal(gate(r, { strict: true }).exitCode, 1);
  });

  test('a bare IAM5 id is stale under cdk-nag 3 and the hint lists the findings to put in applies_to', () => {
    const r = check('bare-iam5');
    assert.deepEqual(statuses(r), [
      'open error WildcardPolicy AwsSolutions-IAM5[Action::logs:*]',
      'open error WildcardPolicy AwsSolutions-IAM5[Resource::*]',
    ]);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /applies_to; current findings on this resource: "Action::logs:\*", "Resource::\*"/);
    assert.equal(gate(r).exitCode, 1);
  });

  test('template-level Metadata.cdk_nag suppresses across the whole stack', () => {
    const r = check('stack-wide');
    assert.deepEqual(statuses(r), [
      'suppressed warning PoolA1234 AwsSolutions-COG2',
      'suppressed warning PoolB5678 AwsSolutions-COG2',
    ]);
    assert.ok(r.findings.every((f) => f.suppressedAt === 'stack'));
    assert.deepEqual(r.problems, []);
  });
});

describe('run() (CLI logic in-process)', () => {
  const capture = (argv) => {
    let out = '';
    let err = '';
    const code = run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  };

  test('a cloud assembly: manifest stack + nested template, Serverless pack, open warning passes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nag-test-'));
    try {
      const jsonFile = path.join(dir, 'nag.json');
      const { code, out, err } = capture([fixture('cloud-assembly'), '--json', jsonFile]);
      assert.equal(err, '');
      assert.equal(code, 0);
      assert.match(out, /^ApiStack {2}\(/m);
      assert.match(out, /OPEN\s+warning\s+Serverless-LambdaTracing\s+Handler886CB40B \(ApiStack\/Handler\/Resource\)/);
      assert.match(out, /suppressed\s+error\s+Serverless-LambdaDLQ/);
      assert.match(out, /^cdk-nag: 0 errors, 1 warning open, 1 suppressed across 2 templates$/m);
      assert.match(out, /^PASS$/m);

      const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
      assert.equal(json.exitCode, 0);
      assert.deepEqual(json.summary, {
        templates: 2, errors: 0, warnings: 1, suppressed: 1, invalidSuppressions: 0, staleSuppressions: 0,
      });
      assert.deepEqual(json.templates.map((t) => t.stack), ['ApiStack', 'ApiStackNestedC0FFEE12.nested']);
      assert.equal(json.versions['cdk-nag'], '3.0.2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('several templates in one run: overall line and FAIL verdict', () => {
    const { code, out } = capture([fixture('weak-user-pool.template.json'), fixture('stale.template.json'), '--strict']);
    assert.equal(code, 1);
    assert.match(out, /^cdk-nag: 2 errors, 1 warning open, 0 suppressed, 1 stale suppression across 2 templates$/m);
    assert.match(out, /^FAIL: 2 unsuppressed errors, 1 stale suppression \(--strict\)$/m);
  });

  test('usage errors exit 2 with a one-line message', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'nag-empty-'));
    try {
      for (const [argv, message] of [
        [['/nonexistent/cdk.out'], /^cdk-nag: error: no such directory: \/nonexistent\/cdk.out\n$/],
        [[empty], /^cdk-nag: error: no \*\.template\.json templates found in .*\n$/],
        [['--frobnicate'], /^cdk-nag: error: unknown option --frobnicate/],
        [['--json'], /^cdk-nag: error: --json needs a file name\n$/],
      ]) {
        const { code, out, err } = capture(argv);
        assert.equal(code, 2, argv.join(' '));
        assert.equal(out, '');
        assert.match(err, message);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

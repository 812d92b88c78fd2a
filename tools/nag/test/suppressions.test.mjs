// Unit tests for the metadata parsing / expansion (no CDK loaded: fast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expandSuppression,
  parseAppliesTo,
  readSuppressions,
  splitRuleName,
} from '../lib/suppressions.mjs';
import { withoutBootstrapChecks } from '../lib/check.mjs';

const catalog = new Map([
  ['AwsSolutions-COG1', { pack: 'AwsSolutions', level: 'error' }],
  ['AwsSolutions-IAM5', { pack: 'AwsSolutions', level: 'error' }],
  ['Serverless-LambdaDLQ', { pack: 'Serverless', level: 'error' }],
]);
const REASON = 'A reason that is long enough to pass.';
const meta = (...rules) => ({ cdk_nag: { rules_to_suppress: rules } });

test('splitRuleName separates the finding from the rule id', () => {
  assert.deepEqual(splitRuleName('AwsSolutions-COG1'), { ruleId: 'AwsSolutions-COG1', finding: null });
  assert.deepEqual(splitRuleName('AwsSolutions-IAM5[Resource::<B.Arn>/private/<x:sub>/*]'), {
    ruleId: 'AwsSolutions-IAM5',
    finding: 'Resource::<B.Arn>/private/<x:sub>/*',
  });
});

test('parseAppliesTo accepts strings and cdk-nag 2 {regex: "/.../flags"} objects', () => {
  assert.deepEqual(parseAppliesTo('Action::s3:*'), { text: 'Action::s3:*', exact: 'Action::s3:*' });
  const re = parseAppliesTo({ regex: '/^Resource::arn:aws:s3:::cdk-.*$/g' });
  assert.equal(re.text, '/^Resource::arn:aws:s3:::cdk-.*$/g');
  assert.ok(re.regex.test('Resource::arn:aws:s3:::cdk-assets/*'));
  assert.ok(re.regex.test('Resource::arn:aws:s3:::cdk-assets/*'), 'g flag must not make test() stateful');
  assert.ok(parseAppliesTo({ regex: '^Action::' }).regex.test('Action::s3:*'), 'slashes are optional');
  assert.match(parseAppliesTo({ regex: '/([/' }).error, /invalid regex/);
  assert.match(parseAppliesTo(42).error, /applies_to entries/);
  assert.match(parseAppliesTo('').error, /applies_to entries/);
});

test('readSuppressions returns nothing for resources without cdk_nag metadata', () => {
  assert.deepEqual(readSuppressions(undefined, 'R', catalog), { suppressions: [], problems: [] });
  assert.deepEqual(readSuppressions({ 'aws:cdk:path': 'S/R' }, 'R', catalog), { suppressions: [], problems: [] });
});

test('readSuppressions accepts well-formed entries', () => {
  const { suppressions, problems } = readSuppressions(
    meta({ id: 'AwsSolutions-COG1', reason: REASON }, { id: 'AwsSolutions-IAM5', reason: REASON, applies_to: ['Action::s3:*'] }),
    'R',
    catalog,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(suppressions.map((s) => [s.id, s.appliesTo.length]), [['AwsSolutions-COG1', 0], ['AwsSolutions-IAM5', 1]]);
});

test('readSuppressions rejects unknown ids, short reasons and malformed entries', () => {
  const { suppressions, problems } = readSuppressions(
    meta(
      { id: 'AwsSolutions-COG99', reason: REASON },
      { id: 'AwsSolutions-COG1', reason: '' },
      { id: 'AwsSolutions-COG1', reason: '   too short      ' },
      { id: 'AwsSolutions-COG1' },
      { reason: REASON },
      { id: 'AwsSolutions-IAM5', reason: REASON, applies_to: 'Action::s3:*' },
      { id: 'AwsSolutions-IAM5', reason: REASON, applies_to: [{ regex: '/(/' }] },
      { id: 'AwsSolutions-IAM5[Action::s3:*]', reason: REASON, applies_to: ['Resource::*'] },
    ),
    'R',
    catalog,
    (id) => (id === 'AwsSolutions-COG99' ? 'AwsSolutions-COG1' : undefined),
  );
  assert.deepEqual(suppressions, []);
  const messages = problems.map((p) => `${p.kind} ${p.id}: ${p.message}`);
  assert.match(messages[0], /^invalid AwsSolutions-COG99: unknown rule id .*did you mean 'AwsSolutions-COG1'/);
  assert.match(messages[1], /reason is missing or empty/);
  assert.match(messages[2], /reason is too short \(9 < 20/);
  assert.match(messages[3], /reason is missing or empty/);
  assert.match(messages[4], /without an "id"/);
  assert.match(messages[5], /applies_to must be a non-empty array/);
  assert.match(messages[6], /invalid regex/);
  assert.match(messages[7], /do not combine it with applies_to/);
  assert.equal(problems.length, 8);
});

test('readSuppressions flags a cdk_nag block without rules_to_suppress', () => {
  const { problems } = readSuppressions({ cdk_nag: [{ id: 'AwsSolutions-COG1', reason: REASON }] }, null, catalog);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /rules_to_suppress/);
});

test('expandSuppression builds exact cdk-nag 3 acknowledgement ids', () => {
  const findings = [
    { ruleName: 'AwsSolutions-IAM5[Action::s3:List*]', ruleId: 'AwsSolutions-IAM5', finding: 'Action::s3:List*' },
    { ruleName: 'AwsSolutions-IAM5[Action::s3:Get*]', ruleId: 'AwsSolutions-IAM5', finding: 'Action::s3:Get*' },
    { ruleName: 'AwsSolutions-IAM5[Resource::*]', ruleId: 'AwsSolutions-IAM5', finding: 'Resource::*' },
  ];
  const [bare] = expandSuppression({ id: 'AwsSolutions-COG1', target: 'R', appliesTo: [] }, findings);
  assert.deepEqual(bare.ackIds, ['AwsSolutions-COG1']);

  const { suppressions } = readSuppressions(
    meta({ id: 'AwsSolutions-IAM5', reason: REASON, applies_to: ['Resource::*', { regex: '/^Action::s3:(List|Get)\\*$/' }, { regex: '/nomatch/' }] }),
    'R',
    catalog,
  );
  const entries = expandSuppression(suppressions[0], findings);
  assert.deepEqual(entries.map((e) => e.ackIds), [
    ['AwsSolutions-IAM5[Resource::*]'],
    ['AwsSolutions-IAM5[Action::s3:List*]', 'AwsSolutions-IAM5[Action::s3:Get*]'],
    [],
  ]);
  assert.equal(entries[1].label, 'AwsSolutions-IAM5[/^Action::s3:(List|Get)\\*$/]');
});

test('withoutBootstrapChecks drops only the CDK bootstrap parameter and rule', () => {
  const t = {
    Parameters: { BootstrapVersion: {}, Stage: {} },
    Rules: { CheckBootstrapVersion: {} },
    Resources: { R: {} },
  };
  assert.deepEqual(withoutBootstrapChecks(t), { Parameters: { Stage: {} }, Resources: { R: {} } });
  assert.ok(t.Rules.CheckBootstrapVersion, 'input is not mutated');
});

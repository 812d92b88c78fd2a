// The comparison and its verdict against mutated copies of the committed dev templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareStack, scrubAssetHashes, status, STATEFUL_TYPES } from '../lib/compare.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { renameResource, resourceOf, snapshot, SNAPSHOTS } from './templates.mjs';

const judge = (before, after) => {
  const comparison = compareStack(before, after);
  return { ...comparison, status: status([comparison]) };
};

test('the same templates: no differences, exit 0', () => {
  for (const stack of ['Identity', 'Api']) {
    const r = judge(snapshot(stack), snapshot(stack));
    assert.equal(r.status, 0);
    assert.equal(r.changes, 0);
    assert.equal(r.report, 'There were no differences\n');
  }
});

test('asset hashes are scrubbed as in the snapshots: a new backend build alone is no change', () => {
  const hash = 'ab'.repeat(32);
  const fresh = JSON.parse(JSON.stringify(snapshot('Api')).replaceAll('ASSET_HASH', hash));
  assert.notDeepEqual(fresh, snapshot('Api'));
  const r = judge(snapshot('Api'), JSON.parse(scrubAssetHashes(JSON.stringify(fresh))));
  assert.equal(r.status, 0);
});

test('a property updated in place: exit 1, the resource marked [~] with the property', () => {
  const after = snapshot('Api');
  resourceOf(after, 'AWS::Lambda::Function').resource.Properties.MemorySize = 4096;
  const r = judge(snapshot('Api'), after);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stateful, []);
  assert.match(r.report, /^\[~\] AWS::Lambda::Function \S+$/m);
  assert.match(r.report, /\[\+\] 4096/);
});

test('a stateful resource changed in place is a change, not a replacement: exit 1', () => {
  const after = snapshot('Identity');
  resourceOf(after, 'AWS::Cognito::UserPool').resource.Properties.UserPoolTags = { team: 'identity' };
  const r = judge(snapshot('Identity'), after);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stateful, []);
});

test('an added and a removed stateless resource: exit 1, marked [+] and [-]', () => {
  const after = snapshot('Api');
  after.Resources.AlarmTopic = { Type: 'AWS::SNS::Topic', Properties: {} };
  const { logicalId } = resourceOf(after, 'AWS::ApiGateway::Model');
  delete after.Resources[logicalId];
  const r = judge(snapshot('Api'), after);
  assert.equal(r.status, 1);
  assert.match(r.report, /^\[\+\] AWS::SNS::Topic AlarmTopic$/m);
  assert.match(r.report, new RegExp(`^\\[-\\] AWS::ApiGateway::Model ${logicalId} destroy$`, 'm'));
});

test('a broader IAM statement: exit 1, shown in the IAM statement changes table', () => {
  const after = snapshot('Api');
  const policy = resourceOf(after, 'AWS::IAM::Policy').resource;
  policy.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const r = judge(snapshot('Api'), after);
  assert.equal(r.status, 1);
  assert.match(r.report, /IAM Statement Changes/);
  assert.match(r.report, /s3:\*/);
});

// Each stateful type with a property whose change CloudFormation makes by replacing the resource (the
// registry spec's replacement flags; the user pool and identity pool have none): exit 2.
const REPLACEMENTS = {
  'the domain prefix': ['AWS::Cognito::UserPoolDomain', (p) => { p.Domain = `${p.Domain}-new`; }],
  'a client secret': ['AWS::Cognito::UserPoolClient', (p) => { p.GenerateSecret = !p.GenerateSecret; }],
  'a group name': ['AWS::Cognito::UserPoolGroup', (p) => { p.GroupName = `${p.GroupName}-new`; }],
  'the bucket name': ['AWS::S3::Bucket', (p) => { p.BucketName = 'user-files-renamed'; }],
};

for (const [name, [type, mutate]] of Object.entries(REPLACEMENTS)) {
  test(`a change to ${name} replaces the ${type}: exit 2, named, "requires replacement"`, () => {
    const after = snapshot('Identity');
    const { logicalId, resource } = resourceOf(after, type);
    mutate(resource.Properties);
    const r = judge(snapshot('Identity'), after);
    assert.equal(r.status, 2);
    assert.deepEqual(r.stateful, [{ logicalId, type, what: 'replaced' }]);
    assert.match(r.report, /requires replacement/);
  });
}

test('a stateful resource moved to a new logical ID (a changed construct ID): exit 2', () => {
  for (const type of ['AWS::Cognito::IdentityPool', 'AWS::Cognito::UserPool']) {
    const after = snapshot('Identity');
    const logicalId = renameResource(after, type);
    const r = judge(snapshot('Identity'), after);
    assert.equal(r.status, 2, type);
    assert.ok(r.stateful.some((s) => s.logicalId === logicalId && s.type === type && /deleted|orphaned/.test(s.what)), JSON.stringify(r.stateful));
  }
});

test('a removed stack with stateful resources: exit 2; a new stack: exit 1', () => {
  const removed = judge(snapshot('Identity'), {});
  assert.equal(removed.status, 2);
  assert.ok(removed.stateful.length >= STATEFUL_TYPES.size - 1, JSON.stringify(removed.stateful));
  const added = judge({}, snapshot('Identity'));
  assert.equal(added.status, 1);
});

test('the worst stack decides: 2 over 1 over 0', () => {
  const of = (changes, stateful) => ({ changes, stateful });
  assert.equal(status([of(0, []), of(0, [])]), 0);
  assert.equal(status([of(0, []), of(3, [])]), 1);
  assert.equal(status([of(3, []), of(1, [{}])]), 2);
});

test('a Cedar policy change shows in the diff: the Verified Permissions policy marked [~] with its statement', () => {
  // The test-only environment "complete" runs the verifiedPermissions authorization mode.
  const before = JSON.parse(fs.readFileSync(path.join(SNAPSHOTS, 'complete', 'Identity.template.json'), 'utf8'));
  const after = JSON.parse(JSON.stringify(before));
  const policy = Object.values(after.Resources)
    .find((r) => r.Type === 'AWS::VerifiedPermissions::Policy' && JSON.stringify(r.Properties).includes('/admin/health'));
  const join = policy.Properties.Definition.Static.Statement['Fn::Join'][1];
  const i = join.findIndex((part) => typeof part === 'string' && part.includes('|admin'));
  join[i] = join[i].replace('|admin', '|users');
  const r = judge(before, after);
  assert.equal(r.status, 1);
  assert.match(r.report, /^\[~\] AWS::VerifiedPermissions::Policy \S+$/m);
  assert.match(r.report, /Statement/);
  assert.match(r.report, /\|users/);
});

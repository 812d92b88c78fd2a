import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { run } from '../cedar.mjs';
import { validatePolicies } from '../lib/cedar.mjs';
import { DEFAULT_DIR, loadPolicies, render, schemaActions } from '../lib/policies.mjs';

const { schema, policies } = loadPolicies();

function capture(argv) {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

function copyWith(name, text) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cedar-'));
  copyFileSync(path.join(DEFAULT_DIR, 'schema.cedarschema.json'), path.join(dir, 'schema.cedarschema.json'));
  writeFileSync(path.join(dir, `${name}.cedar`), text);
  return dir;
}

test('every policy in config/authorization is valid against the schema (STRICT)', () => {
  assert.deepEqual(validatePolicies(schema, policies), []);
  const { code, out } = capture([]);
  assert.equal(code, 0);
  assert.match(out, /PASS$/m);
});

test('a policy naming an attribute the schema lacks fails, naming the file', () => {
  const dir = copyWith('typo', 'permit (principal, action == CognitoStack::Action::"GET /me", resource) when { principal.tenat == "a" };');
  const { code, out } = capture([dir]);
  assert.equal(code, 1);
  assert.match(out, /^typo: /m);
  assert.match(out, /FAIL$/m);
});

test('a policy reading an optional attribute without has fails (STRICT), and passes with it', () => {
  const unguarded = 'permit (principal, action == CognitoStack::Action::"GET /me", resource) when { principal.tenant == "a" };';
  assert.equal(capture([copyWith('unguarded', unguarded)]).code, 1);
  const guarded = 'permit (principal, action == CognitoStack::Action::"GET /me", resource) when { principal has tenant && principal.tenant == "a" };';
  assert.equal(capture([copyWith('guarded', guarded)]).code, 0);
});

test('an action the schema does not declare fails', () => {
  const dir = copyWith('unknown', 'permit (principal, action == CognitoStack::Action::"DELETE /items", resource);');
  assert.equal(capture([dir]).code, 1);
});

test('a policy that does not parse fails', () => {
  assert.equal(capture([copyWith('broken', 'permit (principal, action, resource')]).code, 1);
});

test('a missing directory or schema is a usage error (exit 2)', () => {
  const { code, err } = capture([path.join(tmpdir(), 'no-such-policy-dir')]);
  assert.equal(code, 2);
  assert.match(err, /schema\.cedarschema\.json not found/);
});

test('an unknown placeholder is refused', () => {
  assert.throws(() => render('"{{userPool}}|admin"'), /unknown placeholder \{\{userPool\}\}/);
  assert.equal(render('"{{userPoolId}}|admin"'), '"eu-west-1_TestPool1|admin"');
});

// The route table lives in the contract (src/CognitoStack.Contract/ApiRoutes.cs); the schema must declare
// exactly its actions, so a new route cannot ship without a schema action (and then a policy) for it.
test('the schema declares exactly the routes of the contract', () => {
  const source = readFileSync(path.resolve(DEFAULT_DIR, '../../src/CognitoStack.Contract/ApiRoutes.cs'), 'utf8');
  const routes = [...source.matchAll(/new\("(GET|POST|PUT|PATCH|DELETE)", "([^"]*)"( \+ TenantParameter \+ "([^"]*)")?\)/g)]
    .map((m) => `${m[1]} ${m[2]}${m[3] ? `tenant${m[4]}` : ''}`).sort();
  assert.equal(routes.length, 6);
  assert.deepEqual(schemaActions(schema), routes);
});

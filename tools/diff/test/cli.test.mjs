// The command as reviewers and CI run it: exit statuses, what it prints, --markdown and --base. Most
// tests compare a prepared cloud assembly (--assembly) so they need no synth; the last two synthesize dev
// for real through cdk.json's app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, resourceOf, snapshot } from './templates.mjs';

const DIFF = path.join(ROOT, 'tools', 'diff', 'diff.mjs');

function diff(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [DIFF, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** A cloud assembly of the dev stacks as given (default: the committed snapshots), in a temp dir. */
function assembly(t, templates = { Identity: snapshot('Identity'), Api: snapshot('Api') }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-assembly-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const artifacts = {};
  for (const [id, template] of Object.entries(templates)) {
    fs.writeFileSync(path.join(dir, `${id}.template.json`), JSON.stringify(template, null, 1));
    artifacts[id] = { type: 'aws:cloudformation:stack', properties: { templateFile: `${id}.template.json`, stackName: `CognitoStack-dev-${id}` } };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
  return dir;
}

test('exit statuses and what is printed', { concurrency: true }, async (t) => {
  await t.test('unchanged -> 0, both stacks "There were no differences"', async (t) => {
    const r = await diff(['dev', '--assembly', assembly(t)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Stack CognitoStack-dev-Api \(dev\/Api, against the snapshot\)\nThere were no differences$/m);
    assert.match(r.stdout, /^Stack CognitoStack-dev-Identity \(dev\/Identity, against the snapshot\)\nThere were no differences$/m);
    assert.match(r.stdout, /^dev: no changes \(exit 0\)$/m);
  });

  await t.test('a change -> 1', async (t) => {
    const api = snapshot('Api');
    resourceOf(api, 'AWS::Lambda::Function').resource.Properties.Timeout = 29;
    const r = await diff(['dev', '--assembly', assembly(t, { Identity: snapshot('Identity'), Api: api })]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^\[~\] AWS::Lambda::Function /m);
    assert.match(r.stdout, /^dev: changes \(exit 1\)$/m);
  });

  await t.test('a replaced domain -> 2, the resource named under the verdict', async (t) => {
    const identity = snapshot('Identity');
    const { logicalId, resource } = resourceOf(identity, 'AWS::Cognito::UserPoolDomain');
    resource.Properties.Domain = 'another-prefix';
    const r = await diff(['dev', '--assembly', assembly(t, { Identity: identity, Api: snapshot('Api') })]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /\[~\] Domain \(requires replacement\)/);
    assert.match(r.stdout, new RegExp(`^dev: a stateful resource would be replaced \\(exit 2\\)\\n  AWS::Cognito::UserPoolDomain ${logicalId} in CognitoStack-dev-Identity would be replaced$`, 'm'));
  });

  await t.test('a stack missing from the assembly -> 2 (its pool, bucket… would be deleted)', async (t) => {
    const r = await diff(['dev', '--assembly', assembly(t, { Api: snapshot('Api') })]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /AWS::Cognito::UserPool \S+ in Identity would be deleted/);
  });

  await t.test('--markdown: a job-summary section without colours', async (t) => {
    const identity = snapshot('Identity');
    resourceOf(identity, 'AWS::Cognito::UserPoolDomain').resource.Properties.Domain = 'another-prefix';
    const r = await diff(['dev', '--markdown', '--assembly', assembly(t, { Identity: identity, Api: snapshot('Api') })]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /^### ⚠️ `dev`: a stateful resource would be replaced \(exit 2\)$/m);
    assert.match(r.stdout, /^- \*\*AWS::Cognito::UserPoolDomain \S+ in CognitoStack-dev-Identity would be replaced\*\*$/m);
    assert.match(r.stdout, /<details open><summary><code>CognitoStack-dev-Identity<\/code>: 1 difference<\/summary>\n\n```\nResources\n/);
    assert.match(r.stdout, /<details><summary><code>CognitoStack-dev-Api<\/code>: 0 differences<\/summary>/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no ANSI colour codes');
  });

  await t.test('--base: against the snapshots committed at a git ref', async (t) => {
    const committed = (stack) => JSON.parse(execFileSync('git', ['show', `HEAD:tests/CognitoStack.Cdk.Tests/Snapshots/dev/${stack}.template.json`], { cwd: ROOT, encoding: 'utf8' }));
    const same = await diff(['dev', '--base', 'HEAD', '--assembly', assembly(t, { Identity: committed('Identity'), Api: committed('Api') })]);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /against the snapshot at HEAD/);
    const missing = await diff(['dev', '--base', 'no-such-ref', '--assembly', assembly(t)]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^diff: git /);
  });

  await t.test('bad input -> 3 with one line naming it', async (t) => {
    const unknown = await diff(['nowhere']);
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /^diff: unknown environment "nowhere": use .*dev.*prod.* or --all\n$/);
    const option = await diff(['--colour']);
    assert.equal(option.code, 3);
    assert.match(option.stderr, /^diff: unknown option --colour\nusage: /);
    const none = await diff([]);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /^diff: name an environment/);
    const two = await diff(['dev', 'prod', '--assembly', assembly(t)]);
    assert.equal(two.code, 3);
    assert.equal(two.stderr, 'diff: --assembly compares one environment\n');
    const noAssembly = await diff(['dev', '--assembly', path.join(os.tmpdir(), 'no-such-assembly')]);
    assert.equal(noAssembly.code, 3);
    assert.match(noAssembly.stderr, /^diff: the cloud assembly manifest .*no-such-assembly\/manifest\.json does not exist\n$/);
  });
});

test('npm run diff -- dev, synthesized for real: 0 on this tree, 2 with a new domain prefix', async (t) => {
  await t.test('clean tree -> 0', async () => {
    const r = await diff(['dev']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^dev: no changes \(exit 0\)$/m);
  });

  await t.test('domain.prefix changed in cdk.json -> 2, the domain replaced', async (t) => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8'));
    config.context.environments.dev.domain.prefix = `${config.context.environments.dev.domain.prefix}-moved`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diff-config-')), 'cdk.json');
    t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    const r = await diff(['dev', '--config', file]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /\[~\] AWS::Cognito::UserPoolDomain \S+ replace\n └─ \[~\] Domain \(requires replacement\)/);
    assert.match(r.stdout, /^  AWS::Cognito::UserPoolDomain \S+ in CognitoStack-dev-Identity would be replaced$/m);
  });
});

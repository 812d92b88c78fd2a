#!/usr/bin/env bash
# Proves every workflow under .github/workflows parses as YAML and has the expected shape: jobs with
# runs-on and steps, every action pinned to a version, and for ci.yml the build and deploy jobs this
# repository relies on (including the pull-request diff posted to the job summary).
#
# Usage: scripts/tests/validate-workflows.sh [<workflows directory>]   (default: .github/workflows)
# Parser: the "yaml" package that aws-cdk-lib bundles (node_modules/aws-cdk-lib/node_modules/yaml), so it
# is there, at a version pinned by package-lock.json, wherever `npm ci` ran. Needs node.
# Exit status: 0 valid, 1 a problem found, 2 node or the yaml package missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${1:-$ROOT/.github/workflows}"

command -v node >/dev/null 2>&1 || { echo "validate-workflows: node is not installed" >&2; exit 2; }
[[ -d "$DIR" ]] || { echo "validate-workflows: no directory \"$DIR\"" >&2; exit 1; }

node - "$ROOT" "$DIR" <<'JS'
'use strict';
const fs = require('fs');
const path = require('path');
const [root, dir] = process.argv.slice(2);

let YAML;
try {
  YAML = require(require.resolve('yaml', { paths: [path.join(root, 'node_modules', 'aws-cdk-lib'), root] }));
} catch {
  console.error('validate-workflows: the "yaml" package was not found; run "npm ci" (aws-cdk-lib bundles it)');
  process.exit(2);
}

const problems = [];
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const steps = (job) => (Array.isArray(job.steps) ? job.steps : []);
const uses = (job, action) => steps(job).filter((s) => typeof s.uses === 'string' && s.uses.split('@')[0] === action);
const runs = (job, needle) => steps(job).some((s) => typeof s.run === 'string' && s.run.includes(needle));

function checkGeneric(file, wf) {
  const p = (m) => problems.push(`${file}: ${m}`);
  if (!isMap(wf)) return p('is not a mapping');
  if (wf.on === undefined) p('has no "on" trigger');
  if (!isMap(wf.jobs) || Object.keys(wf.jobs).length === 0) return p('has no jobs');
  for (const [id, job] of Object.entries(wf.jobs)) {
    if (!isMap(job)) { p(`job ${id} is not a mapping`); continue; }
    if (typeof job.uses === 'string') continue; // reusable workflow call
    if (!job['runs-on']) p(`job ${id} has no runs-on`);
    if (steps(job).length === 0) p(`job ${id} has no steps`);
    steps(job).forEach((s, i) => {
      if (!isMap(s) || (s.uses === undefined && s.run === undefined)) p(`job ${id} step ${i + 1} has neither uses nor run`);
      else if (typeof s.uses === 'string' && !s.uses.startsWith('./') && !s.uses.startsWith('docker://') && !/@[\w.\-]+$/.test(s.uses)) {
        p(`job ${id} step ${i + 1}: action "${s.uses}" is not pinned to a version`);
      }
    });
  }
}

function checkCi(file, wf) {
  const p = (m) => problems.push(`${file}: ${m}`);
  const { build, deploy } = wf.jobs || {};
  if (!isMap(build)) return p('has no "build" job');
  if (!runs(build, 'bash .ci/run')) p('build does not run "bash .ci/run"');
  const dotnet = uses(build, 'actions/setup-dotnet')[0];
  if (!dotnet || (dotnet.with || {})['global-json-file'] !== 'global.json') p('build does not set up .NET from global.json');
  const nodeSetup = uses(build, 'actions/setup-node')[0];
  if (!nodeSetup || String((nodeSetup.with || {})['node-version']) !== '22' || (nodeSetup.with || {}).cache !== 'npm') {
    p('build does not set up Node 22 with the npm cache');
  }
  const diff = steps(build).find((s) => typeof s.run === 'string' && s.run.includes('npm run --silent diff -- --all --markdown'));
  if (!diff || !String(diff.if || '').includes("github.event_name == 'pull_request'") || !diff.run.includes('$GITHUB_STEP_SUMMARY')) {
    p('build does not post "npm run diff -- --all --markdown" to the job summary on pull requests');
  }
  const upload = uses(build, 'actions/upload-artifact')[0];
  if (!upload || (upload.with || {}).path !== 'cdk.out') p('build does not upload cdk.out');

  if (!isMap(deploy)) return p('has no "deploy" job');
  if (![].concat(deploy.needs || []).includes('build')) p('deploy does not need build');
  if (!String(deploy.if || '').includes("vars.DEPLOY_ENABLED == 'true'")) p('deploy is not gated on vars.DEPLOY_ENABLED');
  if ((deploy.permissions || {})['id-token'] !== 'write') p('deploy lacks permissions id-token: write');
  const aws = uses(deploy, 'aws-actions/configure-aws-credentials')[0];
  if (!aws || !String((aws.with || {})['role-to-assume'] || '').includes('vars.')) p('deploy does not assume a role from a variable');
  if (!runs(deploy, 'npx cdk deploy --all') || !runs(deploy, '--require-approval never') || !runs(deploy, '--outputs-file outputs.json')) {
    p('deploy does not run "npx cdk deploy --all ... --require-approval never --outputs-file outputs.json"');
  }
  if (!runs(deploy, 'scripts/smoke-test.sh')) p('deploy does not run scripts/smoke-test.sh');
  const dispatch = isMap(wf.on) ? wf.on.workflow_dispatch : undefined;
  if (!isMap(dispatch) || !isMap(dispatch.inputs) || !dispatch.inputs.environment) p('has no workflow_dispatch input "environment"');
}

const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) problems.push(`${dir}: no workflow files`);
for (const f of files) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'), { prettyErrors: true });
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length > 0 || docs.length !== 1) {
    problems.push(`${f}: not one valid YAML document: ${errors.map((e) => e.message).join('; ') || `${docs.length} documents`}`);
    continue;
  }
  const wf = docs[0].toJSON();
  const before = problems.length;
  checkGeneric(f, wf);
  if (f === 'ci.yml' && problems.length === before) checkCi(f, wf);
  if (problems.length === before) console.log(`ok ${f}: jobs ${Object.keys(wf.jobs).join(', ')}`);
}
for (const m of problems) console.error(`FAIL ${m}`);
process.exit(problems.length > 0 ? 1 : 0);
JS

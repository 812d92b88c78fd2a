#!/usr/bin/env node
// Offline `cdk diff` for reviewers: synthesizes an environment and compares each stack with its committed
// snapshot (tests/CognitoStack.Cdk.Tests/Snapshots/<env>/<stack>.template.json), printing what `cdk diff`
// prints: resources added, removed and modified with replacement markers, and the IAM statement and
// security group tables. No AWS account needed. Usage: docs/reviewing.md, or --help.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SNAPSHOTS = 'tests/CognitoStack.Cdk.Tests/Snapshots';
const TEST_ENVIRONMENTS = 'tests/CognitoStack.Cdk.Tests/Fixtures/test-environments.json';
const COULD_NOT_RUN = 3;

const USAGE = `usage: npm run diff -- [options] <env>... | --all
Synthesizes each environment (bundling skipped, as the tests do) and compares it with the committed snapshots.
  --all               every environment: cdk.json's and the tests' (${TEST_ENVIRONMENTS})
  --base <git ref>    compare with the snapshots committed at that ref (default: the working tree's)
  --markdown          GitHub-flavoured markdown without colours (for a job summary)
  --config <file>     the cdk.json to synthesize with (default: cdk.json)
  --assembly <dir>    compare this cloud assembly instead of synthesizing (one environment)
  --snapshots <dir>   the snapshot directory (default: ${SNAPSHOTS})
Exit status: 0 no change, 1 changes, 2 a stateful resource (user pool, group, client, domain, identity pool,
bucket) would or may be replaced, or leaves the stack; 3 could not compare.`;

const fail = (message) => {
  console.error(`diff: ${message}`);
  process.exit(COULD_NOT_RUN);
};

const options = parseArguments(process.argv.slice(2));
if (options.markdown) process.env.FORCE_COLOR = '0';
const { compareStack, scrubAssetHashes, status } = await import('./lib/compare.mjs');

const config = readJson(options.config, 'the CDK configuration');
const testEnvironments = readJson(path.join(ROOT, TEST_ENVIRONMENTS), 'the test environments');
const environments = { ...testEnvironments, ...config.context?.environments };
const names = options.all ? Object.keys(environments) : options.environments;
if (names.length === 0) fail(`name an environment (${Object.keys(environments).join(', ')}) or --all\n${USAGE}`);
const unknown = names.filter((name) => !(name in environments));
if (unknown.length > 0) fail(`unknown environment ${unknown.map((n) => `"${n}"`).join(', ')}: use ${Object.keys(environments).join(', ')} or --all`);
if (options.assembly && names.length !== 1) fail('--assembly compares one environment');

let worst = 0;
for (const name of names) {
  worst = Math.max(worst, compareEnvironment(name));
}
process.exit(worst);

function compareEnvironment(name) {
  const temporary = options.assembly ? null : fs.mkdtempSync(path.join(os.tmpdir(), `diff-${name}-`));
  try {
    const assembly = options.assembly ?? synthesize(name, temporary);
    const after = stacksOf(assembly);
    const before = snapshotsOf(name);
    const comparisons = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().map((id) => {
      const template = after[id] ? JSON.parse(scrubAssetHashes(fs.readFileSync(after[id].file, 'utf8'))) : {};
      const baseline = before[id] !== undefined ? JSON.parse(before[id]) : {};
      const columns = options.markdown ? 120 : process.stdout.columns ?? 120;
      return { id, stackName: after[id]?.stackName ?? id, ...compareStack(baseline, template, { columns }) };
    });
    const result = status(comparisons);
    process.stdout.write(options.markdown ? markdown(name, comparisons, result) : text(name, comparisons, result));
    return result;
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * Runs cdk.json's app for one environment with the context the snapshot tests synthesize with: cdk.json's
 * feature flags, bundling skipped, no construct-path metadata (it would change the API deployment's
 * logical ID, which hashes the API's resources, metadata included).
 */
function synthesize(name, outdir) {
  const context = {
    ...config.context,
    environments: name in (config.context?.environments ?? {}) ? config.context.environments : testEnvironments,
    env: name,
    'aws:cdk:bundling-stacks': [],
  };
  const result = spawnSync(config.app, {
    cwd: ROOT,
    shell: true,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
  });
  if (result.status !== 0) fail(`synth of ${name} failed (exit ${result.status ?? result.signal}): ${config.app}`);
  return outdir;
}

/** The stacks of a cloud assembly: { id: { file, stackName } }. */
function stacksOf(assembly) {
  const manifest = readJson(path.join(assembly, 'manifest.json'), 'the cloud assembly manifest');
  return Object.fromEntries(Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => [id, { file: path.join(assembly, artifact.properties.templateFile), stackName: artifact.properties.stackName ?? id }]));
}

/** The committed snapshots of an environment: { stack id: template text }. */
function snapshotsOf(name) {
  const suffix = '.template.json';
  if (options.base) {
    const folder = `${options.snapshots}/${name}/`;
    const listing = git(['ls-tree', '--name-only', `${options.base}:${folder}`], true);
    return Object.fromEntries(listing.split('\n').filter((f) => f.endsWith(suffix))
      .map((f) => [f.slice(0, -suffix.length), git(['show', `${options.base}:${folder}${f}`])]));
  }
  const folder = path.resolve(ROOT, options.snapshots, name);
  if (!fs.existsSync(folder)) return {};
  return Object.fromEntries(fs.readdirSync(folder).filter((f) => f.endsWith(suffix)).sort()
    .map((f) => [f.slice(0, -suffix.length), fs.readFileSync(path.join(folder, f), 'utf8')]));
}

function git(args, missingIsEmpty = false) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return result.stdout;
  if (missingIsEmpty && /does not exist|not a tree object|Not a valid object name/.test(result.stderr)) {
    if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `${options.base}^{commit}`], { cwd: ROOT }).status === 0) return '';
  }
  return fail(`git ${args.join(' ')}: ${result.stderr.trim() || `exit ${result.status}`}`);
}

function statefulLines(comparisons) {
  return comparisons.flatMap((c) => c.stateful.map((s) =>
    `${s.type} ${s.logicalId} in ${c.stackName} ${s.what === 'may be replaced' ? s.what : `would be ${s.what}`}`));
}

function verdict(result) {
  return ['no changes', 'changes', 'a stateful resource would be replaced'][result];
}

function text(name, comparisons, result) {
  const base = options.base ? ` at ${options.base}` : '';
  const sections = comparisons.map((c) => `Stack ${c.stackName} (${name}/${c.id}, against the snapshot${base})\n${c.report}`);
  const stateful = statefulLines(comparisons).map((line) => `  ${line}\n`).join('');
  return `${sections.join('\n')}\n${name}: ${verdict(result)} (exit ${result})\n${stateful}\n`;
}

function markdown(name, comparisons, result) {
  const icon = ['✅', '📝', '⚠️'][result];
  const stateful = statefulLines(comparisons).map((line) => `- **${line}**\n`).join('');
  const stacks = comparisons.map((c) =>
    `<details${c.changes > 0 ? ' open' : ''}><summary><code>${c.stackName}</code>: ${c.changes} difference${c.changes === 1 ? '' : 's'}</summary>\n\n\`\`\`\n${c.report.trimEnd()}\n\`\`\`\n\n</details>\n`);
  return `### ${icon} \`${name}\`: ${verdict(result)} (exit ${result})\n\n${stateful}${stateful ? '\n' : ''}${stacks.join('\n')}\n`;
}

function readJson(file, what) {
  let text;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return fail(`${what} ${path.relative(process.cwd(), file)} does not exist`); }
  try { return JSON.parse(text); } catch (error) { return fail(`${what} ${path.relative(process.cwd(), file)} is not JSON: ${error.message}`); }
}

function parseArguments(args) {
  const parsed = { environments: [], all: false, markdown: false, base: null, assembly: null, config: path.join(ROOT, 'cdk.json'), snapshots: SNAPSHOTS };
  const valued = { '--base': 'base', '--config': 'config', '--assembly': 'assembly', '--snapshots': 'snapshots' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') { console.log(USAGE); process.exit(0); }
    if (arg === '--all') parsed.all = true;
    else if (arg === '--markdown') parsed.markdown = true;
    else if (arg in valued) {
      if (i + 1 >= args.length || args[i + 1].startsWith('--')) fail(`${arg} needs a value\n${USAGE}`);
      parsed[valued[arg]] = args[++i];
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}\n${USAGE}`);
    else parsed.environments.push(arg);
  }
  if (parsed.all && parsed.environments.length > 0) fail('name environments or --all, not both');
  for (const key of ['config', 'assembly']) if (parsed[key]) parsed[key] = path.resolve(parsed[key]);
  return parsed;
}

#!/usr/bin/env node
// AWS Control Tower proactive controls gate: runs every proactive control (cfn-guard rules shipped by
// @cdklabs/cdk-validator-cfnguard) over synthesized templates. See tools/controls/README.md.
//
//   node tools/controls/controls.mjs [--acknowledged <file>] [--all-rules] [cdk.out dir | template.json ...]
//
// Exit codes: 0 no open failure and a clean acknowledgement list, 1 otherwise, 2 could not run.
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../nag/lib/deps.mjs';
import { discoverTemplates } from '../nag/lib/discover.mjs';
import { applyAcknowledgements, loadAcknowledgements } from './lib/acknowledgements.mjs';
import { loadCatalog, rulesFor } from './lib/catalog.mjs';
import { runGuard } from './lib/guard.mjs';
import { formatText } from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ACKNOWLEDGED = path.join(HERE, 'acknowledged.json');

const USAGE = `usage: node tools/controls/controls.mjs [--acknowledged <file>] [--all-rules] [cdk.out dir | template.json ...]
  Runs AWS Control Tower's proactive controls (cfn-guard rules) over every *.template.json in the given
  cloud assemblies (default: cdk.out), nested stacks included. A failure is open unless an entry of the
  acknowledgement list (default: tools/controls/acknowledged.json) covers it; an entry that matches no
  failure, names an unknown control or lacks a reason fails the gate.
  The environment of a cloud assembly is its directory name without "cdk.out." (cdk.out.prod: prod;
  cdk.out.tests/federated: federated).
  --acknowledged <file>  the acknowledgement list to apply
  --all-rules            also run the controls whose resource types no template holds (they can only skip)
exit codes: 0 passed, 1 open failures or acknowledgement problems, 2 usage or setup error`;

/**
 * Runs the gate; returns the exit code instead of exiting (used by the tests).
 * @param {string[]} argv  arguments after the script name
 */
export function run(argv, { stdout = (s) => process.stdout.write(s), stderr = (s) => process.stderr.write(s) } = {}) {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      stdout(`${USAGE}\n`);
      return 0;
    }
    const templates = collect(opts.inputs);
    const catalog = loadCatalog();
    const { entries, problems } = loadAcknowledgements(opts.acknowledged, catalog.controls);
    const types = new Set(templates.flatMap((t) => Object.values(t.template.Resources ?? {}).map((r) => r?.Type)));
    const ruleFiles = rulesFor(catalog, types, { all: opts.allRules });
    const byFile = new Map(templates.map((t) => [t.file, t]));
    const failures = runGuard(catalog.guard, ruleFiles, templates, catalog.controls).map((f) => {
      const t = byFile.get(f.file);
      return { ...f, stack: t.stack, environment: t.environment, path: t.template.Resources?.[f.logicalId]?.Metadata?.['aws:cdk:path'] ?? null };
    });
    const environments = [...new Set(templates.map((t) => t.environment))];
    const { stale, notInRun } = applyAcknowledgements(failures, entries, new Set(environments));
    stdout(`${formatText({
      failures, problems: [...problems, ...stale], notInRun, templates: templates.length, environments,
      rulesRun: ruleFiles.length, catalog, ackFile: opts.acknowledged,
    })}\n`);
    return failures.some((f) => !f.acknowledged) || problems.length || stale.length ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) stderr(`controls: error: ${e.message}\n`);
    else stderr(`controls: internal error: ${e?.message ?? e}${process.env.CONTROLS_DEBUG ? `\n${e?.stack}` : ' (set CONTROLS_DEBUG=1 for details)'}\n`);
    return 2;
  }
}

function parseArgs(argv) {
  const opts = { inputs: [], acknowledged: DEFAULT_ACKNOWLEDGED, allRules: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') opts.help = true;
    else if (arg === '--all-rules') opts.allRules = true;
    else if (arg === '--acknowledged' || arg.startsWith('--acknowledged=')) {
      opts.acknowledged = arg.includes('=') ? arg.slice('--acknowledged='.length) : argv[++i];
      if (!opts.acknowledged) throw new UsageError('--acknowledged needs a file name');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (see --help)`);
    else opts.inputs.push(arg);
  }
  if (opts.inputs.length === 0) opts.inputs.push('cdk.out');
  return opts;
}

/** Every template of every input, once, with its stack name, environment and contents. */
function collect(inputs) {
  const seen = new Map();
  for (const input of inputs) {
    for (const t of discoverTemplates([input])) {
      if (!seen.has(t.file)) seen.set(t.file, { ...t, environment: environmentOf(input), template: readTemplate(t.file) });
    }
  }
  return [...seen.values()];
}

/** cdk.out.prod → prod, cdk.out.tests/federated → federated, cdk.out → cdk.out; a template file: its directory's. */
export function environmentOf(input) {
  const resolved = path.resolve(input);
  const dir = input.endsWith('.json') ? path.dirname(resolved) : resolved;
  return path.basename(dir).replace(/^cdk\.out\./, '');
}

function readTemplate(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  process.exitCode = run(process.argv.slice(2));
}

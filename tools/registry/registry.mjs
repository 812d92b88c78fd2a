#!/usr/bin/env node
// CloudFormation registry gate: checks synthesized templates against the CloudFormation resource
// specification (@aws-cdk/aws-service-spec). See tools/registry/README.md.
//
//   node tools/registry/registry.mjs [cdk.out dir | template.json ...]
//
// Exit codes: 0 no findings, 1 findings, 2 could not run (usage/setup error).
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../nag/lib/deps.mjs';
import { discoverTemplates } from '../nag/lib/discover.mjs';
import { checkTemplate } from './lib/check.mjs';
import { formatText } from './lib/report.mjs';
import { loadSpec } from './lib/spec.mjs';

const USAGE = `usage: node tools/registry/registry.mjs [cdk.out dir | template.json ...]
  Checks every *.template.json in the given cloud assemblies (default: cdk.out), nested stacks
  included, against the CloudFormation resource specification: unknown resource types and
  attributes, unknown and missing required properties (down the property-type tree), wrong
  primitive types and values outside a property's allowed values.
exit codes: 0 no findings, 1 findings, 2 usage or setup error`;

let cachedSpec;

/**
 * Runs the gate; returns the exit code instead of exiting (used by the tests, which share the
 * specification loaded by the first run).
 * @param {string[]} argv  arguments after the script name
 * @param {{stdout?: (s: string) => void, stderr?: (s: string) => void}} io
 */
export function run(argv, { stdout = (s) => process.stdout.write(s), stderr = (s) => process.stderr.write(s) } = {}) {
  try {
    const inputs = parseArgs(argv);
    if (inputs === null) {
      stdout(`${USAGE}\n`);
      return 0;
    }
    const templates = discoverTemplates(inputs).map((t) => ({ ...t, template: readTemplate(t.file) }));
    cachedSpec ??= loadSpec();
    const results = templates.map((t) => ({ ...t, findings: checkTemplate(t.template, cachedSpec) }));
    stdout(`${formatText(results, cachedSpec)}\n`);
    return results.some((r) => r.findings.length) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) stderr(`registry: error: ${e.message}\n`);
    else stderr(`registry: internal error: ${e?.message ?? e}${process.env.REGISTRY_DEBUG ? `\n${e?.stack}` : ' (set REGISTRY_DEBUG=1 for details)'}\n`);
    return 2;
  }
}

/** The inputs, or null for --help. */
function parseArgs(argv) {
  const inputs = [];
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return null;
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (see --help)`);
    inputs.push(arg);
  }
  return inputs.length ? inputs : ['cdk.out'];
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

#!/usr/bin/env node
// cdk-nag security gate for synthesized CDK apps. See tools/nag/README.md.
//
//   node tools/nag/nag.mjs [--strict] [--json <file>] [cdk.out dir | template.json ...]
//
// Exit codes: 0 gate passed, 1 gate failed, 2 could not run (usage/setup error).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkVersions, UsageError } from './lib/deps.mjs';
import { discoverTemplates } from './lib/discover.mjs';
import { createChecker } from './lib/check.mjs';
import { formatText, toJson } from './lib/report.mjs';

const USAGE = `usage: node tools/nag/nag.mjs [--strict] [--json <file>] [cdk.out dir | template.json ...]
  Runs the cdk-nag AwsSolutions and Serverless packs over every *.template.json
  in the given cloud assemblies (default: cdk.out), honouring
  Metadata.cdk_nag.rules_to_suppress on resources.
  --json <file>  also write machine-readable results to <file>
  --strict       fail on stale suppressions (suppressions that match no finding)
exit codes: 0 passed, 1 failed (open errors / invalid suppressions), 2 usage or setup error`;

export function parseArgs(argv) {
  const opts = { inputs: [], json: null, strict: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') opts.help = true;
    else if (arg === '--strict') opts.strict = true;
    else if (arg === '--json' || arg.startsWith('--json=')) {
      opts.json = arg.includes('=') ? arg.slice('--json='.length) : argv[++i];
      if (!opts.json) throw new UsageError('--json needs a file name');
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} (see --help)`);
    else opts.inputs.push(arg);
  }
  if (opts.inputs.length === 0) opts.inputs.push('cdk.out');
  return opts;
}

/**
 * Runs the gate; returns the exit code instead of exiting (used by the tests).
 * @param {string[]} argv  arguments after the script name
 * @param {{stdout?: (s: string) => void, stderr?: (s: string) => void}} io
 */
export function run(argv, { stdout = (s) => process.stdout.write(s), stderr = (s) => process.stderr.write(s) } = {}) {
  let checker;
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      stdout(`${USAGE}\n`);
      return 0;
    }
    const templates = discoverTemplates(opts.inputs);
    const versions = checkVersions();
    checker = createChecker();
    const results = templates.map((t) => checker.check(t.file, t.stack));
    stdout(`${formatText(results, { versions, strict: opts.strict })}\n`);
    const report = toJson(results, { versions, strict: opts.strict });
    if (opts.json) {
      try {
        writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
      } catch (e) {
        throw new UsageError(`cannot write ${opts.json}: ${e.message}`);
      }
    }
    return report.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`cdk-nag: error: ${e.message}\n`);
    } else {
      stderr(`cdk-nag: internal error: ${e?.message ?? e}${process.env.NAG_DEBUG ? `\n${e?.stack}` : ' (set NAG_DEBUG=1 for details)'}\n`);
    }
    return 2;
  } finally {
    checker?.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])) {
  process.exitCode = run(process.argv.slice(2));
}

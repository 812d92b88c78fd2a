#!/usr/bin/env node
// Cedar policy gate: validates every policy of the Verified Permissions policy store against its schema in
// STRICT mode, with Cedar itself (@cedar-policy/cedar-wasm). See tools/cedar/README.md.
//
//   node tools/cedar/cedar.mjs [config/authorization]
//
// Exit codes: 0 every policy valid, 1 at least one finding, 2 could not run.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../nag/lib/deps.mjs';
import { cedarVersion, validatePolicies } from './lib/cedar.mjs';
import { DEFAULT_DIR, loadPolicies } from './lib/policies.mjs';

/** Runs the gate; returns the exit code (used by the tests). */
export function run(argv, { stdout = (s) => process.stdout.write(s), stderr = (s) => process.stderr.write(s) } = {}) {
  try {
    if (argv.length > 1 || argv[0]?.startsWith('-')) throw new UsageError('usage: node tools/cedar/cedar.mjs [policy directory, default config/authorization]');
    const dir = argv[0] ?? DEFAULT_DIR;
    const { schema, policies } = loadPolicies(dir);
    const findings = validatePolicies(schema, policies);
    const lines = [`Cedar ${cedarVersion()}: ${Object.keys(policies).length} policy files against ${dir}/schema.cedarschema.json (STRICT)`];
    for (const f of findings) lines.push(`${f.policy}: ${f.message}`);
    lines.push(findings.length ? `cedar: ${findings.length} finding(s)\nFAIL` : 'PASS');
    stdout(`${lines.join('\n')}\n`);
    return findings.length ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = run(process.argv.slice(2));
}

// The AWS Control Tower proactive controls shipped by @cdklabs/cdk-validator-cfnguard (pinned in the root
// package.json): where its cfn-guard binary and rule files are, and each control's metadata.
//
// Package layout (0.0.62): bin/<ubuntu|macos>/<x86_64|aarch64>/cfn-guard; rules/control-tower/cfn-guard/
// <service>/ct-<service>-pr-<n>.guard, one control per file, each failure message tagged [CT.<SERVICE>.PR.<N>];
// rules/control-tower/metadata/<service>/<same name>.metadata.json with Id, DisplayName, Severity,
// EvaluatedResourceTypes, RemediationMessage.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkVersions, UsageError } from '../../nag/lib/deps.mjs';

const require = createRequire(import.meta.url);

export const PACKAGE = '@cdklabs/cdk-validator-cfnguard';

/**
 * Loads the catalogue of controls and locates cfn-guard; throws UsageError when the package is missing,
 * differs from its pin, or has no binary for this platform.
 * @returns {{version: string, guard: string, guardVersion: string, controls: Map<string, {id: string, name: string, severity: string,
 *   resourceTypes: string[], ruleFile: string, remediation: string, url?: string}>}}
 */
export function loadCatalog() {
  const version = checkVersions([PACKAGE])[PACKAGE];
  const root = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const guard = path.join(root, 'bin', platformDir(), archDir(), 'cfn-guard');
  if (!existsSync(guard)) throw new UsageError(`${PACKAGE} ${version} has no cfn-guard for ${os.platform()} ${os.arch()} (${guard})`);
  const rulesDir = path.join(root, 'rules', 'control-tower');
  const controls = new Map();
  for (const service of readdirSync(path.join(rulesDir, 'metadata')).sort()) {
    for (const file of readdirSync(path.join(rulesDir, 'metadata', service)).sort()) {
      if (!file.endsWith('.metadata.json')) continue;
      const meta = JSON.parse(readFileSync(path.join(rulesDir, 'metadata', service, file), 'utf8'));
      const ruleFile = path.join(rulesDir, 'cfn-guard', service, file.replace(/\.metadata\.json$/, '.guard'));
      if (!existsSync(ruleFile)) throw new UsageError(`${PACKAGE}: ${meta.Id} has metadata but no rule file ${ruleFile}`);
      controls.set(meta.Id, {
        id: meta.Id,
        name: meta.DisplayName,
        severity: meta.Severity,
        resourceTypes: meta.EvaluatedResourceTypes ?? [],
        remediation: meta.RemediationMessage ?? '',
        ruleFile,
      });
    }
  }
  if (controls.size === 0) throw new UsageError(`${PACKAGE} ${version}: no Control Tower rules found under ${rulesDir}`);
  // The package's README links each control to its page in AWS's Control Tower control reference (written
  // there under the older /userguide/ path, which AWS now serves as /controlreference/).
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const [, id, url] of readme.matchAll(/\[(CT\.[A-Z0-9-]+\.PR\.\d+)\]\((https:\/\/docs\.aws\.amazon\.com\/controltower\/[^)\s]+)\)/g)) {
    const control = controls.get(id);
    if (control) control.url = url.replace('/latest/userguide/', '/latest/controlreference/');
  }
  return { version, guard, guardVersion: guardVersion(root), controls };
}

/**
 * The rule files to run over templates holding these resource types. Every control rule starts with
 * `when <resources of its evaluated types> not empty`, so a control whose types are absent can only SKIP:
 * leaving it out changes no result (the tests prove it against --all-rules) and cuts the run ~8x.
 */
export function rulesFor(catalog, resourceTypes, { all = false } = {}) {
  return [...catalog.controls.values()]
    .filter((c) => all || c.resourceTypes.some((t) => resourceTypes.has(t)))
    .map((c) => c.ruleFile);
}

function guardVersion(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, 'guard-version.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// cfn-guard's release names (the package follows them: "ubuntu" is any Linux).
function platformDir() {
  if (os.platform() === 'linux') return 'ubuntu';
  if (os.platform() === 'darwin') return 'macos';
  throw new UsageError(`cfn-guard is shipped for Linux and macOS only, not ${os.platform()}`);
}

function archDir() {
  if (os.arch() === 'x64') return 'x86_64';
  if (os.arch() === 'arm64') return 'aarch64';
  throw new UsageError(`cfn-guard is shipped for x64 and arm64 only, not ${os.arch()}`);
}

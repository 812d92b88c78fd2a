// Loads the pinned CDK / cdk-nag packages from the repository's node_modules and
// checks that the installed versions are exactly the ones pinned in the root
// package.json (the gate must not silently run a different rule set).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Packages whose installed version must equal the pin in the root package.json. */
const PINNED = ['aws-cdk-lib', 'cdk-nag', 'constructs'];

export class UsageError extends Error {}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Returns { name: installedVersion } and throws UsageError when a package is
 * missing or its installed version differs from the root package.json pin.
 * @param {string[]} names  the packages to check (default: the ones cdk-nag runs on)
 */
export function checkVersions(names = PINNED) {
  const rootPkg = readJson(path.join(REPO_ROOT, 'package.json'));
  const pins = { ...rootPkg.dependencies, ...rootPkg.devDependencies };
  const versions = {};
  for (const name of names) {
    let installed;
    try {
      installed = readJson(require.resolve(`${name}/package.json`)).version;
    } catch {
      throw new UsageError(`${name} is not installed; run 'npm ci' in ${REPO_ROOT}`);
    }
    if (pins[name] && pins[name] !== installed) {
      throw new UsageError(
        `${name} ${installed} is installed but package.json pins ${pins[name]}; run 'npm ci' in ${REPO_ROOT}`,
      );
    }
    versions[name] = installed;
  }
  return versions;
}

/** The CDK and cdk-nag APIs the gate uses (loaded lazily: ~0.3 s). */
export function loadCdk() {
  const cdk = require('aws-cdk-lib');
  const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
  const nag = require('cdk-nag');
  return {
    App: cdk.App,
    Stack: cdk.Stack,
    Validations: cdk.Validations,
    CfnInclude,
    // The two rule packs the gate runs. Add a pack here and every part of the
    // tool (rule catalogue, unknown-id check, evaluation) picks it up.
    packs: [nag.AwsSolutionsChecks, nag.ServerlessChecks],
    NagMessageLevel: nag.NagMessageLevel,
  };
}

// Compares stack templates the way `cdk diff` does, with the CDK's own library
// (@aws-cdk/cloudformation-diff, pinned exactly in package.json), and judges the result:
//   0 no change, 1 changes, 2 a stateful resource would (or may) be replaced, or leaves the stack.
// Callers import this after deciding on colours: chalk reads FORCE_COLOR when it is loaded.
import { fullDiff, formatDifferences, ResourceImpact } from '@aws-cdk/cloudformation-diff';

export const NO_CHANGE = 0;
export const CHANGED = 1;
export const STATEFUL_REPLACED = 2;

/**
 * Resource types that hold users' data or identities: replacing one loses it (a new user pool is an
 * empty directory; a new client has a new ID every app must be given; a new domain breaks sign-in URLs).
 */
export const STATEFUL_TYPES = new Set([
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::IdentityPool',
  'AWS::S3::Bucket',
]);

/** Impacts that cost a stateful resource its data: replaced, possibly replaced, deleted or orphaned. */
const DATA_LOSS = new Map([
  [ResourceImpact.WILL_REPLACE, 'replaced'],
  [ResourceImpact.MAY_REPLACE, 'may be replaced'],
  [ResourceImpact.WILL_DESTROY, 'deleted'],
  [ResourceImpact.WILL_ORPHAN, 'removed from the stack (orphaned)'],
]);

/** 64 hex characters: the asset hashes in S3 keys and asset paths, as the snapshot tests scrub them. */
const ASSET_HASH = /[0-9a-f]{64}/g;

/** A template's text with asset hashes replaced, as committed in the snapshots. */
export const scrubAssetHashes = (text) => text.replace(ASSET_HASH, 'ASSET_HASH');

/**
 * Compares one stack. `before` / `after` are templates ({} when the stack does not exist on that side).
 * Returns { changes, stateful: [{ logicalId, type, what }], report } where report is `cdk diff`'s text.
 */
export function compareStack(before, after, { columns = 120 } = {}) {
  const diff = fullDiff(before, after);
  const stateful = [];
  for (const [logicalId, change] of Object.entries(diff.resources.changes)) {
    const type = change.oldResourceType ?? change.newResourceType;
    const what = DATA_LOSS.get(change.changeImpact);
    if (what && STATEFUL_TYPES.has(type)) stateful.push({ logicalId, type, what });
  }
  return { changes: diff.differenceCount, stateful, report: diff.isEmpty ? 'There were no differences\n' : render(diff, columns) };
}

/** The exit status for a set of stack comparisons. */
export function status(comparisons) {
  if (comparisons.some((c) => c.stateful.length > 0)) return STATEFUL_REPLACED;
  return comparisons.some((c) => c.changes > 0) ? CHANGED : NO_CHANGE;
}

function render(diff, columns) {
  let text = '';
  formatDifferences({ columns, write(chunk) { text += chunk; return true; } }, diff);
  return text;
}

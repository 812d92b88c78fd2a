// Test templates: the committed dev snapshots (whatever they hold today), and ways to mutate them that
// find resources by type, so the tests keep working when other changes reshape the templates.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SNAPSHOTS = path.join(ROOT, 'tests', 'CognitoStack.Cdk.Tests', 'Snapshots');

/** The committed snapshot of a dev stack, parsed afresh (callers may mutate it). */
export const snapshot = (stack) => JSON.parse(fs.readFileSync(path.join(SNAPSHOTS, 'dev', `${stack}.template.json`), 'utf8'));

/** The logical ID and resource of the first resource of a type. */
export function resourceOf(template, type) {
  const found = Object.entries(template.Resources).find(([, r]) => r.Type === type);
  assert.ok(found, `the dev snapshot has no ${type}`);
  return { logicalId: found[0], resource: found[1] };
}

/** Moves a resource to another logical ID (what changing a construct ID does). */
export function renameResource(template, type) {
  const { logicalId, resource } = resourceOf(template, type);
  delete template.Resources[logicalId];
  template.Resources[`${logicalId}Renamed`] = resource;
  return logicalId;
}

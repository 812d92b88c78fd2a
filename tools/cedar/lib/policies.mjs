// The policy store's inputs as the repository keeps them: config/authorization/schema.cedarschema.json and
// one Cedar policy per *.cedar file (the policy's ID is the file name without .cedar, as the CDK app
// names each AWS::VerifiedPermissions::Policy). Placeholders {{name}} are filled at synth by the CDK app
// (cdk/Constructs/AuthorizationPolicies.cs) and here by render().
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../nag/lib/deps.mjs';

export const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/authorization');
export const SCHEMA_FILE = 'schema.cedarschema.json';

/** The placeholders a policy may use, with the stand-ins the offline checks fill in. */
export const PLACEHOLDERS = { userPoolId: 'eu-west-1_TestPool1', resourceServer: 'myapp-api' };

/**
 * Reads the schema and the policies of `dir`.
 * @returns {{schema: object, policies: Record<string, string>}}
 */
export function loadPolicies(dir = DEFAULT_DIR) {
  const schemaFile = path.join(dir, SCHEMA_FILE);
  if (!existsSync(schemaFile)) throw new UsageError(`${schemaFile} not found: the policy store's schema (Cedar JSON schema format)`);
  let schema;
  try {
    schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  } catch (e) {
    throw new UsageError(`${schemaFile} is not JSON: ${e.message}`);
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cedar')).sort();
  if (files.length === 0) throw new UsageError(`${dir} holds no *.cedar policy`);
  const policies = Object.fromEntries(files.map((f) => [f.slice(0, -'.cedar'.length), readFileSync(path.join(dir, f), 'utf8')]));
  return { schema, policies };
}

/** Fills every {{name}} of `text`; an unknown placeholder throws (the CDK app refuses it too). */
export function render(text, values = PLACEHOLDERS) {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new UsageError(`unknown placeholder {{${name}}}: use ${Object.keys(values).map((k) => `{{${k}}}`).join(', ')}`);
    return values[name];
  });
}

/** The action IDs the schema declares, sorted. */
export function schemaActions(schema) {
  return Object.values(schema).flatMap((ns) => Object.keys(ns.actions ?? {})).sort();
}

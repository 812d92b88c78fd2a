// Renders the Api stack's FrontendConfig output (an Fn::Join) into the amplify_outputs.json a user gets
// after deploying, with each deploy-time value replaced by a stand-in: the region by REGION, every other
// reference by <LogicalIdWithoutHash>.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The region stand-in. */
export const REGION = 'eu-west-1';

/**
 * The synthesized Api template of an environment: the CDK tests' fresh synth (cdk.out.tests, which CI
 * writes before this runs) when present, otherwise the committed snapshot, which the snapshot tests keep
 * equal to the synth.
 */
export function apiTemplate(env) {
  const fresh = path.join(ROOT, 'cdk.out.tests', env, 'Api.template.json');
  const file = existsSync(fresh) ? fresh : path.join(ROOT, 'tests', 'CognitoStack.Cdk.Tests', 'Snapshots', env, 'Api.template.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

function standIn(token) {
  const name = token.Ref ?? token['Fn::ImportValue'] ?? JSON.stringify(token);
  if (name === 'AWS::Region') return REGION;
  const exported = /ExportsOutput(?:Ref|FnGetAtt)([A-Za-z]+?)[0-9A-F]{8}/.exec(name);
  return `<${exported ? exported[1] : name.replace(/[0-9A-F]{8}$/, '')}>`;
}

/** amplify_outputs.json of an environment, as an object. */
export function frontendConfig(env) {
  const value = apiTemplate(env).Outputs.FrontendConfig.Value;
  const [separator, parts] = value['Fn::Join'];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : standIn(p))).join(separator));
}

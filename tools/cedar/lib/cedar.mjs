// Validation and evaluation with Cedar itself (@cedar-policy/cedar-wasm, pinned in the root package.json),
// the language Verified Permissions runs: https://docs.aws.amazon.com/verifiedpermissions/latest/userguide/
import { createRequire } from 'node:module';
import { render } from './policies.mjs';

const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

export const cedarVersion = () => cedar.getCedarVersion();

/**
 * Validates every policy against the schema in STRICT mode (the policy store's ValidationSettings).
 * @returns {{policy: string, message: string}[]} one entry per problem; empty when valid
 */
export function validatePolicies(schema, policies) {
  const findings = [];
  const parsedSchema = cedar.checkParseSchema(schema);
  if (parsedSchema.type === 'failure') {
    return parsedSchema.errors.map((e) => ({ policy: '(schema)', message: e.message }));
  }
  const rendered = {};
  for (const [id, text] of Object.entries(policies)) {
    const parsed = cedar.checkParsePolicySet({ staticPolicies: render(text) });
    if (parsed.type === 'failure') {
      findings.push(...parsed.errors.map((e) => ({ policy: id, message: e.message })));
      continue;
    }
    // One file holds one or more policies: Cedar numbers them policy0, policy1… within the file.
    const parts = cedar.policySetTextToParts(render(text));
    if (parts.type === 'failure') {
      findings.push(...parts.errors.map((e) => ({ policy: id, message: e.message })));
      continue;
    }
    parts.policies.forEach((p, i) => { rendered[parts.policies.length === 1 ? id : `${id}#${i}`] = p; });
  }
  if (findings.length) return findings;
  const answer = cedar.validate({ validationSettings: { mode: 'strict' }, schema, policies: { staticPolicies: rendered } });
  if (answer.type === 'failure') return answer.errors.map((e) => ({ policy: '(validator)', message: e.message }));
  return answer.validationErrors.map((e) => ({ policy: e.policyId, message: e.error.message }));
}

/**
 * What Verified Permissions decides for one request, built the way IsAuthorizedWithToken builds it from a
 * Cognito token (https://docs.aws.amazon.com/verifiedpermissions/latest/userguide/identity-sources-cognito.html):
 * the principal is User "<pool>|<sub>" in UserGroup "<pool>|<group>" for each cognito:groups entry; an ID
 * token's claims become principal attributes, an access token's claims context.token.
 * @param {{action: string, tokenUse: 'id'|'access', groups?: string[], tenant?: string, scopes?: string[], pathTenant?: string}} request
 * @returns {'allow'|'deny'}
 */
export function decide(schema, policies, request, values) {
  const { userPoolId } = values;
  const ns = Object.keys(schema)[0];
  const groups = (request.groups ?? []).map((g) => ({ type: `${ns}::UserGroup`, id: `${userPoolId}|${g}` }));
  const principal = { type: `${ns}::User`, id: `${userPoolId}|11111111-2222-3333-4444-555555555555` };
  const claims = request.tenant === undefined ? {} : { tenant: request.tenant };
  const entities = [
    { uid: principal, attrs: request.tokenUse === 'id' ? claims : {}, parents: groups },
    ...groups.map((uid) => ({ uid, attrs: {}, parents: [] })),
  ];
  let resource = { type: `${ns}::Application`, id: 'api' };
  if (request.pathTenant !== undefined) {
    resource = { type: `${ns}::Tenant`, id: request.pathTenant };
    entities.push({ uid: resource, attrs: { name: request.pathTenant }, parents: [] });
  }
  const context = request.tokenUse === 'access'
    ? { token: { client_id: 'client1', scope: request.scopes ?? [], ...claims } }
    : {};
  const rendered = Object.fromEntries(Object.entries(policies).map(([id, text]) => [id, render(text, values)]));
  const all = cedar.policySetTextToParts(Object.values(rendered).join('\n'));
  if (all.type === 'failure') throw new Error(all.errors.map((e) => e.message).join('; '));
  const answer = cedar.isAuthorized({
    principal, action: { type: `${ns}::Action`, id: request.action }, resource, context,
    schema, validateRequest: true,
    policies: { staticPolicies: Object.fromEntries(all.policies.map((p, i) => [`p${i}`, p])) },
    entities,
  });
  if (answer.type === 'failure') throw new Error(answer.errors.map((e) => e.message).join('; '));
  if (answer.response.diagnostics.errors.length) {
    throw new Error(answer.response.diagnostics.errors.map((e) => JSON.stringify(e)).join('; '));
  }
  return answer.response.decision;
}

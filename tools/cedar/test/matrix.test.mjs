// The whole route × group × tenant × scope × token-type matrix, evaluated offline with Cedar against the
// committed policies, compared with the rules written out independently below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide } from '../lib/cedar.mjs';
import { loadPolicies, PLACEHOLDERS } from '../lib/policies.mjs';

const { schema, policies } = loadPolicies();
const READ = `${PLACEHOLDERS.resourceServer}/read`;
const WRITE = `${PLACEHOLDERS.resourceServer}/write`;
const TENANT_ROUTE = 'GET /tenants/{tenant}/items';

const routes = ['GET /me', 'GET /admin/health', 'GET /admin/claims', 'GET /items', 'POST /items', TENANT_ROUTE];
const groupSets = [[], ['users'], ['admin'], ['admin', 'users'], ['Admin'], ['administrators']];
const tenants = [undefined, 'a.example.com', 'b.example.com', 'a.example.com.attacker.net'];
const scopeSets = [[], [READ], [WRITE], [READ, WRITE], ['other-api/read'], [`${READ}x`]];
const pathTenants = ['a.example.com', 'b.example.com', 'example.com'];

/** The rules, as docs/authorization.md states them. */
function expected({ action, tokenUse, groups, tenant, scopes, pathTenant }) {
  switch (action) {
    case 'GET /me': return 'allow';
    case 'GET /admin/health':
    case 'GET /admin/claims': return groups.includes('admin') ? 'allow' : 'deny';
    case 'GET /items': return tokenUse === 'access' && scopes.includes(READ) ? 'allow' : 'deny';
    case 'POST /items': return tokenUse === 'access' && scopes.includes(WRITE) ? 'allow' : 'deny';
    case TENANT_ROUTE: return tenant !== undefined && tenant === pathTenant ? 'allow' : 'deny';
    default: throw new Error(action);
  }
}

function* requests() {
  for (const action of routes) {
    for (const tokenUse of ['id', 'access']) {
      for (const groups of groupSets) {
        for (const tenant of tenants) {
          // ID tokens carry no scopes.
          for (const scopes of tokenUse === 'id' ? [[]] : scopeSets) {
            for (const pathTenant of action === TENANT_ROUTE ? pathTenants : [undefined]) {
              yield { action, tokenUse, groups, tenant, scopes, pathTenant };
            }
          }
        }
      }
    }
  }
}

test('every request of the matrix gets the decision the rules give', () => {
  const wrong = [];
  let count = 0;
  for (const request of requests()) {
    count += 1;
    const got = decide(schema, policies, request, PLACEHOLDERS);
    if (got !== expected(request)) wrong.push({ ...request, got });
  }
  assert.ok(count > 1000, `matrix has ${count} requests`);
  assert.deepEqual(wrong, []);
});

test('a user of one tenant is denied another tenant\'s items, with either token', () => {
  for (const tokenUse of ['id', 'access']) {
    assert.equal(decide(schema, policies, { action: TENANT_ROUTE, tokenUse, tenant: 'a.example.com', pathTenant: 'b.example.com' }, PLACEHOLDERS), 'deny');
    assert.equal(decide(schema, policies, { action: TENANT_ROUTE, tokenUse, tenant: 'a.example.com', pathTenant: 'a.example.com' }, PLACEHOLDERS), 'allow');
  }
});

test('a group of another user pool does not count as admin', () => {
  const request = { action: 'GET /admin/health', tokenUse: 'id', groups: ['admin'] };
  assert.equal(decide(schema, policies, request, PLACEHOLDERS), 'allow');
  // The same group name under another pool's prefix: the entity is eu-west-1_Other|admin.
  assert.equal(decide(schema, policies, request, { ...PLACEHOLDERS, userPoolId: 'eu-west-1_Other' }), 'allow');
  const onlyRenderedForOther = Object.fromEntries(Object.entries(policies).map(([k, v]) => [k, v.replaceAll('{{userPoolId}}', 'eu-west-1_Other')]));
  assert.equal(decide(schema, onlyRenderedForOther, request, PLACEHOLDERS), 'deny');
});

// Amplify JS's own parser (aws-amplify, pinned in package.json) must read the FrontendConfig output:
// Amplify.configure(outputs) then Amplify.getConfig() is what an app sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { frontendConfig, REGION } from '../frontend-config.mjs';

function parsed(env) {
  const outputs = frontendConfig(env);
  Amplify.configure(outputs);
  return { outputs, cognito: Amplify.getConfig().Auth.Cognito, storage: Amplify.getConfig().Storage };
}

test('the outputs use the current amplify_outputs schema version', () => {
  for (const env of ['dev', 'prod', 'federated', 'passwordless']) {
    assert.equal(frontendConfig(env).version, '1.5', env);
  }
});

test('prod: passkeys with user verification, TOTP MFA required, the pool, client and domain', () => {
  const { cognito, storage } = parsed('prod');

  assert.equal(cognito.userPoolId, '<UserDirectoryUserPool>');
  assert.equal(cognito.userPoolClientId, '<AppClientsWebClient>');
  assert.equal(cognito.identityPoolId, '<IdentityFederationIdentityPool>');
  assert.deepEqual(cognito.passwordless, {
    emailOtpEnabled: false,
    smsOtpEnabled: false,
    webAuthn: { relyingPartyId: `myapp-auth-prod.auth.${REGION}.amazoncognito.com`, userVerification: 'required' },
    preferredChallenge: undefined,
  });
  assert.deepEqual(cognito.mfa, { status: 'on', smsEnabled: false, totpEnabled: true });
  assert.equal(cognito.passwordFormat.minLength, 14);
  assert.equal(cognito.loginWith.oauth.domain, `myapp-auth-prod.auth.${REGION}.amazoncognito.com`);
  assert.equal(cognito.loginWith.oauth.responseType, 'code');
  // aws.cognito.signin.user.admin: passkey registration in the app (associateWebAuthnCredential) needs it.
  assert.deepEqual(cognito.loginWith.oauth.scopes, ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'myapp-api/read', 'myapp-api/write']);
  assert.equal(cognito.loginWith.email, true);
  assert.deepEqual(cognito.groups, [{ admin: { precedence: 0 } }, { users: { precedence: 10 } }]);
  assert.equal(cognito.allowGuestAccess, undefined);
  assert.equal(storage.S3.bucket, '<UserFilesBucket>');
});

test('dev: optional MFA, guests, passkeys on the prefix domain', () => {
  const { cognito } = parsed('dev');

  assert.equal(cognito.mfa.status, 'optional');
  assert.equal(cognito.allowGuestAccess, true);
  assert.equal(cognito.passwordless.webAuthn.relyingPartyId, `myapp-auth-dev.auth.${REGION}.amazoncognito.com`);
  assert.deepEqual(cognito.loginWith.oauth.redirectSignIn, ['http://localhost:3000/callback']);
});

test('federated: the custom domain is the passkey relying party and the OAuth domain; Google is offered', () => {
  const { cognito } = parsed('federated');

  assert.equal(cognito.passwordless.webAuthn.relyingPartyId, 'auth.example.com');
  assert.equal(cognito.loginWith.oauth.domain, 'auth.example.com');
  assert.deepEqual(cognito.loginWith.oauth.providers, ['Google']);
});

test('passwordless: email codes and passkeys reach Amplify; email MFA is in the outputs', () => {
  const { outputs, cognito } = parsed('passwordless');

  assert.deepEqual(outputs.auth.mfa_methods, ['TOTP', 'EMAIL']);
  assert.deepEqual(cognito.passwordless, {
    emailOtpEnabled: true,
    smsOtpEnabled: false,
    webAuthn: { relyingPartyId: `myapp-auth-passwordless.auth.${REGION}.amazoncognito.com`, userVerification: 'preferred' },
    preferredChallenge: undefined,
  });
  // aws-amplify 6.22.1 reads only SMS and TOTP from mfa_methods; it handles an email MFA challenge at sign-in.
  assert.deepEqual(cognito.mfa, { status: 'optional', smsEnabled: false, totpEnabled: true });
});

// Amplify keeps `custom` out of its parsed config (apps read it from the outputs file itself): what matters is
// that configure accepts outputs carrying the attribute lists, and that they are there for the app.
test('complete: Amplify accepts the outputs with custom attributes under custom', () => {
  const { outputs, cognito } = parsed('complete');

  assert.equal(cognito.userPoolClientId, '<AppClientsWebClient>');
  const attributes = outputs.custom.userAttributes;
  assert.deepEqual(attributes.custom_attributes[0], { name: 'custom:tenant', type: 'String', mutable: false });
  assert.ok(!attributes.writable.includes('custom:tenant'), 'the web client never writes a trusted attribute');
});

// The checker against the real specification: a clean template, then one mutation of it per finding
// class (and per primitive type), each of which must be caught where it was made. One process, one
// load of the specification (several seconds).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTemplate } from '../lib/check.mjs';
import { loadSpec } from '../lib/spec.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const CLEAN = JSON.parse(readFileSync(path.join(FIXTURES, 'clean.template.json'), 'utf8'));

let spec;
before(() => {
  spec = loadSpec();
});

/** The findings for the clean template after `mutate(resources)`, as `kind logicalId path` lines. */
function findingsAfter(mutate) {
  const template = structuredClone(CLEAN);
  mutate(template.Resources);
  return checkTemplate(template, spec).map((f) => `${f.kind} ${f.logicalId} ${f.path}`);
}
const props = (resources, id) => resources[id].Properties;

test('the clean template has no findings', () => {
  assert.deepEqual(checkTemplate(CLEAN, spec), []);
});

describe('unknown resource type', () => {
  test('a misspelt type is caught, with the closest real type as a hint', () => {
    const template = structuredClone(CLEAN);
    template.Resources.Group.Type = 'AWS::Cognito::UserPoolGroups';
    const [finding, ...rest] = checkTemplate(template, spec);
    assert.deepEqual(rest, []);
    assert.equal(finding.kind, 'unknown type');
    assert.match(finding.message, /did you mean AWS::Cognito::UserPoolGroup\?/);
  });

  test('a resource without a Type is caught', () => {
    assert.deepEqual(findingsAfter((r) => delete r.Group.Type), ['unknown type Group ']);
  });
});

describe('unknown resource attribute', () => {
  test('a misspelt Properties key is caught (and the properties it hid are then missing)', () => {
    assert.deepEqual(findingsAfter((r) => {
      r.Group.Propertes = r.Group.Properties;
      delete r.Group.Properties;
    }), ['unknown attribute Group Propertes', 'missing required Group UserPoolId']);
  });

  test('a DeletionPolicy outside Delete/Retain/RetainExceptOnCreate/Snapshot is caught', () => {
    assert.deepEqual(findingsAfter((r) => { r.UserPool.DeletionPolicy = 'Keep'; }), ['not allowed UserPool DeletionPolicy']);
  });
});

describe('unknown property', () => {
  test('at the top level', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'UserPool').UserPoolTeir = 'PLUS'; }), ['unknown property UserPool UserPoolTeir']);
  });

  test('inside a property type, two levels down (UserPoolAddOns.AdvancedSecurityAdditionalFlows)', () => {
    assert.deepEqual(findingsAfter((r) => {
      props(r, 'UserPool').UserPoolAddOns.AdvancedSecurityAdditionalFlows = { CustomAuthMod: 'AUDIT' };
    }), ['unknown property UserPool UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMod']);
  });

  test('inside a property type (Policies.PasswordPolicy), with a hint', () => {
    const template = structuredClone(CLEAN);
    const policy = template.Resources.UserPool.Properties.Policies.PasswordPolicy;
    policy.PasswordHistorySiz = policy.PasswordHistorySize;
    delete policy.PasswordHistorySize;
    const findings = checkTemplate(template, spec);
    assert.deepEqual(findings.map((f) => `${f.kind} ${f.path}`), ['unknown property Policies.PasswordPolicy.PasswordHistorySiz']);
    assert.match(findings[0].message, /not a property of PasswordPolicy \(did you mean PasswordHistorySize\?\)/);
  });

  test('inside a list element', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'UserPool').Schema[0].Mutible = true; }), ['unknown property UserPool Schema[0].Mutible']);
  });

  test('inside a branch of Fn::If', () => {
    assert.deepEqual(findingsAfter((r) => {
      props(r, 'UserPool').AdminCreateUserConfig['Fn::If'][1] = { AllowAdminCreateUser: true };
    }), ['unknown property UserPool AdminCreateUserConfig{Fn::If[1]}.AllowAdminCreateUser']);
  });

  test('inside a tag', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'TriggerLogs').Tags[0] = { Key: 'Application', Val: 'x' }; }), [
      'unknown property TriggerLogs Tags[0].Val',
      'missing required TriggerLogs Tags[0].Value',
    ]);
  });

  test('of AWS::CDK::Metadata (it takes only Analytics)', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'CDKMetadata').Version = '2'; }), ['unknown property CDKMetadata Version']);
  });

  test('a custom resource takes any property: they go to its handler', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'Seed').WhateverTheHandlerReads = [{ a: 1 }]; }), []);
  });
});

describe('missing required property', () => {
  test('at the top level', () => {
    assert.deepEqual(findingsAfter((r) => delete props(r, 'Group').UserPoolId), ['missing required Group UserPoolId']);
  });

  test('a required property set to AWS::NoValue is missing', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'Group').UserPoolId = { Ref: 'AWS::NoValue' }; }), ['missing required Group UserPoolId']);
  });

  test('inside a property type', () => {
    assert.deepEqual(findingsAfter((r) => delete props(r, 'Trigger').Role), ['missing required Trigger Role']);
    assert.deepEqual(findingsAfter((r) => { props(r, 'Provider').ProviderName = 'Google'; delete props(r, 'Provider').ProviderType; }), ['missing required Provider ProviderType']);
  });

  test("a custom resource's ServiceToken (Custom::* and AWS::CloudFormation::CustomResource)", () => {
    assert.deepEqual(findingsAfter((r) => {
      delete props(r, 'Seed').ServiceToken;
      delete props(r, 'LegacySeed').ServiceToken;
    }), ['missing required Seed ServiceToken', 'missing required LegacySeed ServiceToken']);
  });
});

describe('wrong type', () => {
  // Each primitive: values CloudFormation takes (after its scalar conversion) and values it rejects.
  const cases = [
    ['string', 'Trigger', ['Handler'], ['index.handler', 42, true, { 'Fn::Sub': '${AWS::StackName}.handler' }], [{ name: 'index' }, ['index.handler'], null]],
    ['integer', 'Trigger', ['MemorySize'], [256, '256', '-1', { Ref: 'Stage' }, '{{resolve:ssm:/memory}}'], [256.5, '256.5', 'large', '', true, [256]]],
    ['boolean', 'UserPool', ['Policies', 'PasswordPolicy', 'RequireSymbols'], [true, 'false', 'TRUE'], ['yes', 1, {}]],
    ['list', 'UserPool', ['EnabledMfas'], [['SMS_MFA'], [], { 'Fn::Split': [',', 'SMS_MFA'] }], ['SMS_MFA', { Value: 'SMS_MFA' }]],
    ['map', 'UserPool', ['UserPoolTags'], [{}, { a: 'b', n: 1 }], [['a', 'b'], 'a=b', { a: { b: 'c' } }]],
    ['object', 'UserPool', ['UserPoolAddOns'], [{}, { 'Fn::If': ['IsProd', {}, { Ref: 'AWS::NoValue' }] }], ['ENFORCED', [{}]]],
    ['json', 'TriggerRole', ['AssumeRolePolicyDocument'], [{ Version: '2012-10-17' }, '{"Version":"2012-10-17"}'], [['a list']]],
  ];
  for (const [name, id, keys, accepted, rejected] of cases) {
    const set = (r, value) => {
      const parent = keys.slice(0, -1).reduce((o, k) => o[k], props(r, id));
      parent[keys.at(-1)] = value;
    };
    for (const value of accepted) {
      test(`${name} ${keys.join('.')} accepts ${JSON.stringify(value)}`, () => {
        assert.deepEqual(findingsAfter((r) => set(r, value)), []);
      });
    }
    for (const value of rejected) {
      test(`${name} ${keys.join('.')} rejects ${JSON.stringify(value)}`, () => {
        const found = findingsAfter((r) => set(r, value));
        assert.equal(found.length, 1, found.join('\n'));
        assert.ok(found[0] === `wrong type ${id} ${keys.join('.')}` || found[0].startsWith(`wrong type ${id} ${keys.join('.')}.`), found[0]);
      });
    }
  }

  test('number: a fraction is a number, text is not', () => {
    const template = structuredClone(CLEAN);
    template.Resources.Alarm = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, Threshold: 0.5 },
    };
    assert.deepEqual(checkTemplate(template, spec), []);
    template.Resources.Alarm.Properties.Threshold = 'half';
    assert.deepEqual(checkTemplate(template, spec).map((f) => `${f.kind} ${f.path}`), ['wrong type Threshold']);
  });

  test('a string-returning function is accepted where an object is expected only as Fn::If branches are checked', () => {
    assert.deepEqual(findingsAfter((r) => {
      props(r, 'UserPool').UserPoolAddOns = { 'Fn::If': ['IsProd', 'ENFORCED', { Ref: 'AWS::NoValue' }] };
    }), ['wrong type UserPool UserPoolAddOns{Fn::If[1]}']);
  });
});

describe('value outside the allowed values', () => {
  test('a string', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'UserPool').UserPoolTier = 'GOLD'; }), ['not allowed UserPool UserPoolTier']);
  });

  test('allowed values are case-sensitive', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'UserPool').UserPoolTier = 'plus'; }), ['not allowed UserPool UserPoolTier']);
  });

  test('an integer, also when written as text', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'TriggerLogs').RetentionInDays = 13; }), ['not allowed TriggerLogs RetentionInDays']);
    assert.deepEqual(findingsAfter((r) => { props(r, 'TriggerLogs').RetentionInDays = '13'; }), ['not allowed TriggerLogs RetentionInDays']);
  });

  test('in each branch of Fn::If', () => {
    assert.deepEqual(findingsAfter((r) => {
      props(r, 'Trigger').PackageType = { 'Fn::If': ['IsProd', 'Zip', 'Jar'] };
    }), ['not allowed Trigger PackageType{Fn::If[2]}']);
  });

  test('a dynamic reference is resolved at deploy, so it is not judged', () => {
    assert.deepEqual(findingsAfter((r) => { props(r, 'UserPool').UserPoolTier = '{{resolve:ssm:/cognito/tier}}'; }), []);
  });
});

describe('documented exceptions: properties newer than the pinned specification', () => {
  const JWT_AUTHORIZER = {
    Type: 'AWS::ApiGateway::Authorizer',
    Properties: {
      Name: 'Jwt',
      RestApiId: 'abc123',
      Type: 'JWT',
      IdentitySource: 'method.request.header.Authorization',
      JwtConfiguration: {
        DefaultAlgorithms: ['RS256'],
        Issuers: [{
          Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE',
          Audiences: ['1example23456789'],
          AdditionalClaims: [{ ClaimName: 'token_use', Format: 'SINGLE_STRING', Required: true, ExpectedValues: ['id', 'access'] }],
        }],
      },
    },
  };
  const withAuthorizer = (mutate = () => {}) => findingsAfter((r) => {
    r.JwtAuthorizer = structuredClone(JWT_AUTHORIZER);
    mutate(r.JwtAuthorizer.Properties.JwtConfiguration);
  });

  test('a JWT authorizer as the CloudFormation reference gives it has no findings', () => {
    assert.deepEqual(withAuthorizer(), []);
  });

  test('inside the exception, names, required members and allowed values are still checked', () => {
    assert.deepEqual(withAuthorizer((c) => {
      c.Issuers[0].Isuer = c.Issuers[0].Issuer;
      delete c.Issuers[0].Issuer;
      c.DefaultAlgorithms = ['HS256'];
      c.Issuers[0].AdditionalClaims[0].Format = 'STRING_ARRAY';
    }).sort(), [
      'missing required JwtAuthorizer JwtConfiguration.Issuers[0].Issuer',
      'not allowed JwtAuthorizer JwtConfiguration.DefaultAlgorithms[0]',
      'not allowed JwtAuthorizer JwtConfiguration.Issuers[0].AdditionalClaims[0].Format',
      'unknown property JwtAuthorizer JwtConfiguration.Issuers[0].Isuer',
    ]);
  });
});

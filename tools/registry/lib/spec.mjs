// The CloudFormation resource specification, from the pinned @aws-cdk/aws-service-spec database.
//
// The package ships its database as db.json.gz and a loader for it (lib/index.js:
// loadAwsServiceSpecSync gunzips the file and loads it into a @cdklabs/tskb Database, whose
// collections are `resource` (indexed by cloudFormationType) and `typeDefinition` (the property
// types, referenced from a property's type as {type: 'ref', reference: {$ref: id}}).
import { createRequire } from 'node:module';
import { checkVersions } from '../../nag/lib/deps.mjs';

const require = createRequire(import.meta.url);

export const SPEC_PACKAGE = '@aws-cdk/aws-service-spec';

/**
 * Resource types CloudFormation accepts that are not in the registry, with the properties they take.
 * AWS::CDK::Metadata is the CDK's version-reporting resource: CloudFormation accepts it in the regions
 * the CDK emits it for (the CDK adds a region Condition to it) and it takes one string, Analytics.
 */
const NOT_IN_REGISTRY = {
  'AWS::CDK::Metadata': { properties: { Analytics: { type: { type: 'string' } } } },
};

const string = { type: 'string' };
const listOf = (element) => ({ type: 'array', element });
const newer = (name) => ({ type: 'ref', reference: { $ref: `newer:${name}` } });

/**
 * Documented exceptions: properties CloudFormation takes that are newer than the pinned database, with their
 * shape as the CloudFormation reference gives it, so they are checked like any other property (names,
 * required members, primitive types) instead of being reported as unknown. Each entry cites its page. An
 * entry the database already has is ignored (the database wins): delete it when the pin moves past it.
 */
const NEWER_THAN_SPEC = {
  // REST API JWT authorizers (2026-11-17), not in @aws-cdk/aws-service-spec 0.1.216:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-authorizer-jwtconfiguration.html
  'AWS::ApiGateway::Authorizer': { JwtConfiguration: { type: newer('JwtConfiguration') } },
};
const NEWER_DEFINITIONS = {
  JwtConfiguration: {
    name: 'JwtConfiguration',
    properties: {
      DefaultAlgorithms: { required: true, type: listOf({ ...string, allowedValues: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] }) },
      Issuers: { required: true, type: listOf(newer('JwtIssuer')) },
    },
  },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-authorizer-jwtissuer.html
  JwtIssuer: {
    name: 'JwtIssuer',
    properties: {
      AdditionalClaims: { type: listOf(newer('JwtAdditionalClaim')) },
      Audiences: { required: true, type: listOf(string) },
      Issuer: { required: true, type: string },
    },
  },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-authorizer-jwtadditionalclaim.html
  // (required members and Format's one value: https://docs.aws.amazon.com/apigateway/latest/api/API_JwtAdditionalClaim.html)
  JwtAdditionalClaim: {
    name: 'JwtAdditionalClaim',
    properties: {
      ClaimName: { required: true, type: string },
      ExpectedValues: { type: listOf(string) },
      Format: { required: true, type: { ...string, allowedValues: ['SINGLE_STRING'] } },
      Required: { type: { type: 'boolean' } },
    },
  },
};

/** The database's resource definition with the documented newer properties it lacks. */
function withNewerProperties(type, definition) {
  const extra = NEWER_THAN_SPEC[type];
  if (!definition || !extra) return definition;
  const missing = Object.fromEntries(Object.entries(extra).filter(([name]) => !Object.hasOwn(definition.properties, name)));
  return { ...definition, properties: { ...definition.properties, ...missing } };
}

/** The names of the documented newer properties, as `Type.Property` (for the README and the tests). */
export const NEWER_PROPERTIES = Object.entries(NEWER_THAN_SPEC).flatMap(([type, properties]) => Object.keys(properties).map((p) => `${type}.${p}`));

/**
 * Loads the database (several seconds: the file is 15 MB of JSON) after checking that the installed
 * package is the one pinned in the root package.json.
 * @returns {{version: string, resourceTypes: string[], resource: (type: string) => object | undefined, definition: (ref: object) => object}}
 */
export function loadSpec() {
  const version = checkVersions([SPEC_PACKAGE])[SPEC_PACKAGE];
  const db = require(SPEC_PACKAGE).loadAwsServiceSpecSync();
  const resources = new Map(db.all('resource').map((r) => [r.cloudFormationType, r]));
  return {
    version,
    resourceTypes: [...resources.keys()],
    resource: (type) => withNewerProperties(type, resources.get(type)) ?? NOT_IN_REGISTRY[type],
    definition: (type) => (type.reference.$ref?.startsWith?.('newer:')
      ? NEWER_DEFINITIONS[type.reference.$ref.slice('newer:'.length)]
      : db.get('typeDefinition', type.reference)),
  };
}

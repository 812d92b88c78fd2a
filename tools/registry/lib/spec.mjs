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
    resource: (type) => resources.get(type) ?? NOT_IN_REGISTRY[type],
    definition: (type) => db.get('typeDefinition', type.reference),
  };
}

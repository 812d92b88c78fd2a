// Checks one CloudFormation template against the resource specification (see ../README.md for what
// is accepted and why).
import { editDistance } from '../../nag/lib/catalog.mjs';

/** The finding classes, in the order the table lists them. */
export const KINDS = ['unknown type', 'unknown attribute', 'unknown property', 'missing required', 'wrong type', 'not allowed'];

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-product-attribute-reference.html
const RESOURCE_ATTRIBUTES = new Set([
  'Type', 'Properties', 'Condition', 'CreationPolicy', 'DeletionPolicy', 'DependsOn', 'Metadata', 'UpdatePolicy', 'UpdateReplacePolicy',
]);
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
const DELETION_POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
const POLICY_ATTRIBUTES = { DeletionPolicy: DELETION_POLICIES, UpdateReplacePolicy: DELETION_POLICIES };

// Custom resources pass every property except ServiceToken/ServiceTimeout to their handler untouched.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-customresource.html
const CUSTOM_RESOURCE = 'AWS::CloudFormation::CustomResource';
const isCustom = (type) => type === CUSTOM_RESOURCE || type.startsWith('Custom::');

// The legacy tag type of the spec: a {Key, Value} pair of strings.
const TAG = {
  name: 'Tag',
  properties: { Key: { required: true, type: { type: 'string' } }, Value: { required: true, type: { type: 'string' } } },
};

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
const DYNAMIC_REFERENCE = /^\{\{resolve:(ssm|ssm-secure|secretsmanager):.+\}\}$/s;

/** `{"Ref": …}` or `{"Fn::…": …}`: resolved by CloudFormation, so its value is not known here. */
function isIntrinsic(value) {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
const isNoValue = (value) => isObject(value) && Object.keys(value).length === 1 && value.Ref === 'AWS::NoValue';
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * @param {object} template  the parsed template
 * @param {ReturnType<import('./spec.mjs').loadSpec>} spec
 * @returns {{logicalId: string, type: string, path: string, kind: string, message: string}[]}
 */
export function checkTemplate(template, spec) {
  const findings = [];
  for (const [logicalId, resource] of Object.entries(template?.Resources ?? {})) {
    const type = isObject(resource) && typeof resource.Type === 'string' ? resource.Type : '';
    const report = (kind, path, message) => findings.push({ logicalId, type, path, kind, message });
    if (!type) {
      report('unknown type', '', 'the resource has no Type');
      continue;
    }
    checkAttributes(resource, report);
    const properties = resource.Properties ?? {};
    if (!isObject(properties) && !isIntrinsic(properties)) {
      report('wrong type', 'Properties', `expected an object, got ${show(properties)}`);
      continue;
    }
    if (isCustom(type)) {
      new ValueChecker(spec, report, { allowUnknown: true }).object(properties, spec.resource(CUSTOM_RESOURCE), '');
      continue;
    }
    const definition = spec.resource(type);
    if (!definition) {
      report('unknown type', '', `${type} is not a CloudFormation resource type${suggest(type, spec.resourceTypes)}`);
      continue;
    }
    new ValueChecker(spec, report).object(properties, definition, '');
  }
  return findings;
}

function checkAttributes(resource, report) {
  for (const [name, value] of Object.entries(resource)) {
    if (!RESOURCE_ATTRIBUTES.has(name)) {
      report('unknown attribute', name, `not a resource attribute${suggest(name, [...RESOURCE_ATTRIBUTES])}`);
    } else if (POLICY_ATTRIBUTES[name] && !isIntrinsic(value) && !POLICY_ATTRIBUTES[name].includes(value)) {
      report('not allowed', name, `${show(value)} is not one of ${POLICY_ATTRIBUTES[name].join(', ')}`);
    }
  }
}

/** Walks one value down the spec's type tree, reporting through `report(kind, path, message)`. */
class ValueChecker {
  constructor(spec, report, { allowUnknown = false } = {}) {
    this.spec = spec;
    this.report = report;
    this.allowUnknown = allowUnknown; // only at the top level of a custom resource
  }

  /** An object whose keys are the properties of `definition` (a resource or a property type). */
  object(value, definition, path) {
    if (isIntrinsic(value)) return this.intrinsic(value, path, (branch, at) => this.object(branch, definition, at));
    const allowUnknown = this.allowUnknown;
    this.allowUnknown = false;
    const known = definition.properties;
    for (const [name, child] of Object.entries(value)) {
      const childPath = join(path, name);
      if (!Object.hasOwn(known, name)) {
        if (!allowUnknown) this.report('unknown property', childPath, `not a property of ${definition.cloudFormationType ?? definition.name}${suggest(name, Object.keys(known))}`);
      } else if (!isNoValue(child)) {
        this.value(child, known[name].type, childPath);
      }
    }
    for (const [name, property] of Object.entries(known)) {
      if (property.required && (!Object.hasOwn(value, name) || isNoValue(value[name]))) {
        this.report('missing required', join(path, name), `required by ${definition.cloudFormationType ?? definition.name}`);
      }
    }
  }

  value(value, type, path) {
    if (isIntrinsic(value)) return this.intrinsic(value, path, (branch, at) => this.value(branch, type, at));
    switch (type.type) {
      case 'string':
      case 'date-time':
        return this.scalar(value, type, path, (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
      case 'integer':
        return this.scalar(value, type, path, (v) => Number.isInteger(typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v));
      case 'number':
        return this.scalar(value, type, path, (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))));
      case 'boolean':
        return this.scalar(value, type, path, (v) => typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v)));
      case 'json':
        // A free-form object (a policy, a pattern); CloudFormation also takes it as a JSON text.
        return isObject(value) || typeof value === 'string' ? undefined : this.wrongType(value, type, path);
      case 'null':
        return value === null ? undefined : this.wrongType(value, type, path);
      case 'tag':
        return isObject(value) ? this.object(value, TAG, path) : this.wrongType(value, type, path);
      case 'ref':
        return isObject(value) ? this.object(value, this.spec.definition(type), path) : this.wrongType(value, type, path);
      case 'array':
        if (!Array.isArray(value)) return this.wrongType(value, type, path);
        return value.forEach((element, i) => isNoValue(element) || this.value(element, type.element, `${path}[${i}]`));
      case 'map':
        if (!isObject(value)) return this.wrongType(value, type, path);
        return Object.entries(value).forEach(([key, element]) => isNoValue(element) || this.value(element, type.element, join(path, key)));
      case 'union':
        return this.union(value, type, path);
      default:
        throw new Error(`${path}: unsupported type ${JSON.stringify(type)} in the spec`);
    }
  }

  /**
   * A scalar that CloudFormation accepts for `type` (it hands scalars to resource handlers as text,
   * so numbers and booleans stand for strings and numeric / "true" / "false" strings for numbers and
   * booleans), a dynamic reference (resolved at deploy), and one of the allowed values if listed.
   */
  scalar(value, type, path, accepts) {
    if (typeof value === 'string' && DYNAMIC_REFERENCE.test(value)) return;
    if (!accepts(value)) return this.wrongType(value, type, path);
    const allowed = type.allowedValues;
    if (allowed && !allowed.some((a) => String(a) === String(value))) {
      this.report('not allowed', path, `${show(value)} is not one of ${allowed.join(', ')}`);
    }
  }

  /**
   * `Fn::If` stands for one of its two branches, so each is checked in its place; every other function
   * (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, …) yields a value known only at deploy, which is accepted.
   */
  intrinsic(value, path, checkBranch) {
    const branches = value['Fn::If'];
    if (!Array.isArray(branches) || branches.length !== 3) return;
    for (const i of [1, 2]) {
      if (!isNoValue(branches[i])) checkBranch(branches[i], `${path}{Fn::If[${i}]}`);
    }
  }

  /** A union accepts a value that one of its members accepts without a finding. */
  union(value, type, path) {
    const attempts = type.types.map((member) => {
      const found = [];
      new ValueChecker(this.spec, (...f) => found.push(f)).value(value, member, path);
      return { member, found };
    });
    if (attempts.some((a) => a.found.length === 0)) return;
    // Report the members of the value's own shape (an object against the one object type, …).
    const sameShape = attempts.filter((a) => !a.found.some(([kind, p]) => kind === 'wrong type' && p === path));
    if (sameShape.length === 1) sameShape[0].found.forEach((f) => this.report(...f));
    else this.wrongType(value, type, path);
  }

  wrongType(value, type, path) {
    this.report('wrong type', path, `expected ${this.describe(type)}, got ${show(value)}`);
  }

  describe(type) {
    switch (type.type) {
      case 'ref': return `object ${this.spec.definition(type).name}`;
      case 'tag': return 'tag {Key, Value}';
      case 'array': return `list of ${this.describe(type.element)}`;
      case 'map': return `map of ${this.describe(type.element)}`;
      case 'union': return type.types.map((t) => this.describe(t)).join(' | ');
      default: return type.type;
    }
  }
}

function join(path, name) {
  const key = /^[A-Za-z0-9_:@-]+$/.test(name) ? name : JSON.stringify(name);
  return path ? `${path}.${key}` : key;
}

function show(value) {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

/** ` (did you mean X?)` for the closest known name, when it is close. */
function suggest(name, known) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean ${best}?)` : '';
}

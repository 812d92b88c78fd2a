// Reading, validating and expanding `Metadata.cdk_nag.rules_to_suppress`
// entries (the cdk-nag 2.x metadata format) into cdk-nag 3 acknowledgement ids.
// Pure functions: no CDK dependency, so they are cheap to unit test.
//
// Format (on a resource's Metadata, or on the template's top-level Metadata for
// a stack-wide suppression):
//
//   "cdk_nag": { "rules_to_suppress": [
//     { "id": "AwsSolutions-COG2", "reason": "why this is acceptable (>= 20 chars)" },
//     { "id": "AwsSolutions-IAM5", "reason": "...",
//       "applies_to": [ "Resource::<UserFilesBucketABC123.Arn>/private/*",
//                       { "regex": "/^Action::s3:.*$/" } ] } ] }
//
// cdk-nag 3 only honours exact acknowledgement ids: "RULE" for rules that
// report the resource as a whole, "RULE[finding]" for rules that report
// individual findings (IAM4, IAM5, ...). A bare "RULE" does NOT cover
// "RULE[finding]" findings, unlike cdk-nag 2.

export const MIN_REASON_LENGTH = 20;

/** 'AwsSolutions-IAM5[Resource::*]' -> { ruleId: 'AwsSolutions-IAM5', finding: 'Resource::*' } */
export function splitRuleName(name) {
  const open = name.indexOf('[');
  if (open < 0 || !name.endsWith(']')) return { ruleId: name, finding: null };
  return { ruleId: name.slice(0, open), finding: name.slice(open + 1, -1) };
}

/**
 * Parses one applies_to item: a literal finding string, or {regex: "/body/flags"}
 * (cdk-nag 2.x RegexAppliesTo; the slashes are optional).
 * @returns {{text: string, exact?: string, regex?: RegExp} | {error: string}}
 */
export function parseAppliesTo(item) {
  if (typeof item === 'string' && item.length > 0) return { text: item, exact: item };
  if (item && typeof item === 'object' && typeof item.regex === 'string') {
    const m = /^\/(.*)\/([a-z]*)$/s.exec(item.regex);
    const [body, flags] = m ? [m[1], m[2]] : [item.regex, ''];
    try {
      // g/y make RegExp#test stateful; they carry no meaning for a match test.
      return { text: `/${body}/${flags}`, regex: new RegExp(body, flags.replace(/[gy]/g, '')) };
    } catch (e) {
      return { error: `invalid regex ${JSON.stringify(item.regex)}: ${e.message}` };
    }
  }
  return { error: `applies_to entries must be non-empty strings or {"regex": "/.../"}, got ${JSON.stringify(item)}` };
}

/**
 * Reads and validates the suppressions in one Metadata object.
 * @param {object|undefined} metadata  a resource's (or the template's) Metadata
 * @param {string|null} target  logical id, or null for template-level (stack-wide)
 * @param {Map<string, object>} catalog  known rule ids (see catalog.mjs)
 * @param {(id: string) => string|undefined} [suggest]  typo suggestions
 * @returns {{suppressions: object[], problems: object[]}} only valid suppressions are returned
 */
export function readSuppressions(metadata, target, catalog, suggest = () => undefined) {
  const suppressions = [];
  const problems = [];
  const cdkNag = metadata?.cdk_nag;
  if (cdkNag === undefined) return { suppressions, problems };
  const invalid = (id, message) => problems.push({ kind: 'invalid', target, id, message });

  const list = cdkNag?.rules_to_suppress;
  if (!Array.isArray(list)) {
    invalid(undefined, 'Metadata.cdk_nag must be {"rules_to_suppress": [...]}');
    return { suppressions, problems };
  }
  for (const entry of list) {
    const id = typeof entry?.id === 'string' ? entry.id.trim() : '';
    if (!id) {
      invalid(undefined, `suppression without an "id": ${JSON.stringify(entry)}`);
      continue;
    }
    const errors = [];
    const { ruleId, finding } = splitRuleName(id);
    if (!catalog.has(ruleId)) {
      const hint = suggest(ruleId);
      errors.push(`unknown rule id '${ruleId}' (not in the ${packNames(catalog)} packs)` + (hint ? `; did you mean '${hint}'?` : ''));
    }
    const reason = typeof entry.reason === 'string' ? entry.reason.trim() : '';
    if (reason.length < MIN_REASON_LENGTH) {
      errors.push(reason ? `reason is too short (${reason.length} < ${MIN_REASON_LENGTH} characters): "${reason}"` : 'reason is missing or empty');
    }
    const appliesTo = [];
    if (entry.applies_to !== undefined) {
      if (!Array.isArray(entry.applies_to) || entry.applies_to.length === 0) {
        errors.push('applies_to must be a non-empty array');
      } else if (finding !== null) {
        errors.push('id already names a finding ("RULE[finding]"); do not combine it with applies_to');
      } else {
        for (const item of entry.applies_to) {
          const parsed = parseAppliesTo(item);
          if (parsed.error) errors.push(parsed.error);
          else appliesTo.push(parsed);
        }
      }
    }
    if (errors.length) {
      for (const message of errors) invalid(id, message);
      continue; // an invalid suppression suppresses nothing
    }
    suppressions.push({ target, id, ruleId, reason, appliesTo });
  }
  return { suppressions, problems };
}

function packNames(catalog) {
  return [...new Set([...catalog.values()].map((r) => r.pack))].join('/');
}

/**
 * Expands a valid suppression into "entries" (one per bare id / applies_to item),
 * each carrying the exact acknowledgement ids to register with cdk-nag.
 * @param {object} suppression  from readSuppressions
 * @param {object[]} findings  unsuppressed findings ({ruleName, ruleId, finding}) visible
 *   to the suppression's target; used to expand regex applies_to items
 * @returns {{target, suppression, label: string, ackIds: string[], matched: number}[]}
 */
export function expandSuppression(suppression, findings) {
  const { id, target } = suppression;
  const entry = (label, ackIds) => ({ target, suppression, label, ackIds, matched: 0 });
  if (suppression.appliesTo.length === 0) return [entry(id, [id])];
  return suppression.appliesTo.map((item) => {
    if (item.exact !== undefined) return entry(`${id}[${item.exact}]`, [`${id}[${item.exact}]`]);
    const ids = findings
      .filter((f) => f.ruleId === id && f.finding !== null && item.regex.test(f.finding))
      .map((f) => f.ruleName);
    return entry(`${id}[${item.text}]`, [...new Set(ids)]);
  });
}

// The catalogue of rule ids the configured packs can report, used to reject
// suppressions that name a rule that does not exist (typos such as COG10 / Cog1).
//
// cdk-nag packs call `this.applyRule({rule, ruleSuffixOverride, level, info})`
// unconditionally for every rule on every resource (the rule function itself
// decides applicability), so calling `checkResource` once on a subclass whose
// `applyRule` only records its arguments enumerates the whole pack without
// evaluating anything.

/**
 * @param {Function[]} packs  NagPack classes (e.g. AwsSolutionsChecks)
 * @param {object} NagMessageLevel  cdk-nag's level enum
 * @returns {Map<string, {pack: string, level: 'error'|'warning'|'info', info: string}>}
 */
export function ruleCatalog(packs, NagMessageLevel) {
  const rules = new Map();
  for (const Pack of packs) {
    class Recorder extends Pack {
      applyRule(params) {
        const id = `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`;
        const level =
          params.level === NagMessageLevel.ERROR ? 'error'
          : params.level === NagMessageLevel.WARN ? 'warning'
          : 'info';
        rules.set(id, { pack: this.readPackName, level, info: params.info });
      }
    }
    new Recorder().checkResource(undefined);
  }
  if (rules.size === 0) throw new Error('no cdk-nag rules found; has the NagPack API changed?');
  return rules;
}

/** Closest known rule id to a (mistyped) one, or undefined. */
export function suggestRule(id, catalog) {
  const lower = id.toLowerCase();
  let best;
  let bestDistance = 3; // only suggest near misses
  for (const known of catalog.keys()) {
    if (known.toLowerCase() === lower) return known;
    const d = editDistance(lower, known.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

/** Levenshtein distance (also used by the registry gate's "did you mean"). */
export function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// The one reviewed list of acknowledged control failures (tools/controls/acknowledged.json): reading,
// validating and matching it. Format in tools/controls/README.md.
import { readFileSync } from 'node:fs';
import { UsageError } from '../../nag/lib/deps.mjs';

export const MIN_REASON = 20;
const TOP_KEYS = new Set(['$comment', 'acknowledgements']);
const ENTRY_KEYS = new Set(['control', 'resources', 'environments', 'reason']);

/**
 * Reads the list; a file that is not JSON or not an object with an `acknowledgements` array cannot be
 * judged at all (UsageError). Entry-level mistakes become problems, reported with the failures.
 * @returns {{entries: object[], problems: {kind: 'invalid'|'unknown', entry: number, message: string}[]}}
 */
export function loadAcknowledgements(file, controls) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read acknowledgements ${file}: ${e.message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray(doc.acknowledgements)) {
    throw new UsageError(`${file}: expected an object with an "acknowledgements" array`);
  }
  const problems = [];
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.has(key)) problems.push({ kind: 'invalid', entry: null, message: `unknown top-level key "${key}"` });
  }
  const entries = [];
  doc.acknowledgements.forEach((raw, index) => {
    const entry = validate(raw, index, controls, problems);
    if (entry) entries.push(entry);
  });
  return { entries, problems };
}

function validate(raw, index, controls, problems) {
  const bad = (message) => {
    problems.push({ kind: 'invalid', entry: index, message });
    return null;
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('not an object');
  const unknownKeys = Object.keys(raw).filter((k) => !ENTRY_KEYS.has(k));
  if (unknownKeys.length) return bad(`unknown key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `"${k}"`).join(', ')} (allowed: ${[...ENTRY_KEYS].join(', ')})`);
  if (typeof raw.control !== 'string' || !raw.control) return bad('"control" must be a control id such as CT.S3.PR.10');
  if (!isStringList(raw.resources)) return bad(`${raw.control}: "resources" must be a non-empty list of logical ids, construct paths or * patterns`);
  if (raw.environments !== undefined && !isStringList(raw.environments)) return bad(`${raw.control}: "environments", when given, must be a non-empty list of environment names`);
  if (typeof raw.reason !== 'string' || raw.reason.trim().length < MIN_REASON) {
    return bad(`${raw.control}: "reason" must say why, in at least ${MIN_REASON} characters`);
  }
  if (!controls.has(raw.control)) {
    problems.push({ kind: 'unknown', entry: index, message: `${raw.control} is not a Control Tower proactive control${hint(raw.control, controls)}` });
    return null;
  }
  return {
    index,
    control: raw.control,
    patterns: raw.resources.map((p) => ({ text: p, regex: globToRegex(p), used: false })),
    environments: raw.environments ?? null,
    reason: raw.reason.trim(),
  };
}

/**
 * Marks each failure acknowledged (with the entry that covers it) or open, and returns the stale
 * acknowledgements: every pattern of an entry that applies to this run must match a failure.
 * @param {{control: string, logicalId: string, path: string|null, environment: string}[]} failures
 * @param {Set<string>} environments  the environments of this run
 */
export function applyAcknowledgements(failures, entries, environments) {
  const inRun = (e) => !e.environments || e.environments.some((n) => environments.has(n));
  for (const f of failures) {
    for (const entry of entries) {
      if (entry.control !== f.control || (entry.environments && !entry.environments.includes(f.environment))) continue;
      const pattern = entry.patterns.find((p) => p.regex.test(f.logicalId) || (f.path !== null && p.regex.test(f.path)));
      if (!pattern) continue;
      pattern.used = true;
      f.acknowledged = entry;
      break;
    }
  }
  const stale = entries.filter(inRun).flatMap((e) => e.patterns.filter((p) => !p.used).map((p) => ({
    kind: 'stale',
    entry: e.index,
    message: `${e.control} "${p.text}"${e.environments ? ` in ${e.environments.join(', ')}` : ''} matches no failure: remove it (or fix the pattern)`,
  })));
  const notInRun = entries.filter((e) => !inRun(e)).length;
  return { stale, notInRun };
}

/** `*` matches any run of characters (a logical id's hash, a construct path's segments); the rest is literal. */
export function globToRegex(glob) {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
}

function isStringList(value) {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0);
}

function hint(id, controls) {
  const upper = id.toUpperCase().replace(/[-_ ]/g, '.');
  if (controls.has(upper)) return ` (did you mean ${upper}?)`;
  const service = upper.split('.').slice(0, 2).join('.');
  const same = [...controls.keys()].filter((c) => c.startsWith(`${service}.`));
  return same.length ? ` (${service} has ${same.slice(0, 12).join(', ')}${same.length > 12 ? ', …' : ''})` : '';
}

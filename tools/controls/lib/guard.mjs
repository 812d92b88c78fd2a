// Runs cfn-guard once over every template with the selected rule files and turns its structured JSON
// into failures: one per (template, control, resource).
import { spawnSync } from 'node:child_process';

const TAG = /\[(CT\.[A-Z0-9-]+\.PR\.\d+)\]/g;

/**
 * @param {string} guard  the cfn-guard binary
 * @param {string[]} ruleFiles
 * @param {{file: string, template: object}[]} templates  absolute paths and their parsed contents
 * @param {Map<string, {resourceTypes: string[]}>} controls  the catalogue (for attributing resources)
 * @returns {{file: string, control: string, logicalId: string}[]}  sorted, without duplicates
 */
export function runGuard(guard, ruleFiles, templates, controls) {
  if (ruleFiles.length === 0 || templates.length === 0) return [];
  const args = ['validate', ...ruleFiles.flatMap((r) => ['--rules', r]), ...templates.flatMap((t) => ['--data', t.file]),
    '--output-format', 'json', '--show-summary', 'none', '--structured'];
  const run = spawnSync(guard, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`cannot run ${guard}: ${run.error.message}`);
  // cfn-guard exits 0 when every rule passes or skips and 19 when one fails; anything else is an error.
  if (run.status !== 0 && run.status !== 19) {
    throw new Error(`cfn-guard exited ${run.status ?? run.signal}: ${(run.stderr || run.stdout).trim().split('\n').slice(0, 5).join(' | ')}`);
  }
  const byFile = new Map(templates.map((t) => [t.file, t.template]));
  const failures = new Map();
  for (const result of JSON.parse(run.stdout)) {
    const template = byFile.get(result.name);
    if (!template) throw new Error(`cfn-guard reported on ${result.name}, which was not given to it`);
    const rules = Array.isArray(result.not_compliant) ? result.not_compliant : Object.values(result.not_compliant ?? {});
    for (const rule of rules) {
      for (const f of failuresOf(rule, template, controls)) {
        const key = `${result.name}\0${f.control}\0${f.logicalId}`;
        failures.set(key, { file: result.name, ...f });
      }
    }
  }
  return [...failures.values()].sort((a, b) => a.file.localeCompare(b.file)
    || a.control.localeCompare(b.control, undefined, { numeric: true }) || a.logicalId.localeCompare(b.logicalId));
}

/**
 * One non-compliant rule: its control comes from the [CT.…] tag of its messages; its resources from the
 * property paths (/Resources/<id>/…) of the failed checks, kept to the types the control evaluates (a check
 * may also traverse a referenced resource).
 */
function failuresOf(rule, template, controls) {
  const tags = new Set();
  const ids = new Set();
  walk(rule, (key, value) => {
    if (key === 'custom_message' && typeof value === 'string') for (const m of value.matchAll(TAG)) tags.add(m[1]);
    if (key === 'path' && typeof value === 'string' && value.startsWith('/Resources/')) ids.add(value.split('/')[2]);
  });
  const name = rule?.Rule?.name ?? '(unnamed rule)';
  if (tags.size !== 1) throw new Error(`cfn-guard rule ${name} failed without exactly one [CT.*] control tag (${[...tags].join(', ') || 'none'})`);
  const [control] = tags;
  const types = new Set(controls.get(control)?.resourceTypes ?? []);
  const own = [...ids].filter((id) => types.has(template.Resources?.[id]?.Type));
  const resources = own.length ? own : [...ids];
  return (resources.length ? resources : ['-']).map((logicalId) => ({ control, logicalId }));
}

function walk(node, visit) {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      visit(key, value);
      walk(value, visit);
    }
  }
}

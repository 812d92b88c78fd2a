import path from 'node:path';

// Summaries, the gate verdict, and the human-readable / JSON renderings.

/** Counts for one template result (or for several when given an array). */
export function summarize(results) {
  const list = Array.isArray(results) ? results : [results];
  const count = (pred) => list.reduce((n, r) => n + r.findings.filter(pred).length, 0);
  const problems = (kind) => list.reduce((n, r) => n + r.problems.filter((p) => p.kind === kind).length, 0);
  return {
    templates: list.length,
    errors: count((f) => f.status === 'open' && f.level === 'error'),
    warnings: count((f) => f.status === 'open' && f.level === 'warning'),
    suppressed: count((f) => f.status === 'suppressed'),
    invalidSuppressions: problems('invalid'),
    staleSuppressions: problems('stale'),
  };
}

/**
 * The gate: fails on unsuppressed errors and invalid suppressions, and on stale
 * suppressions when `strict`. Warnings never fail.
 * @returns {{passed: boolean, exitCode: 0|1, reasons: string[]}}
 */
export function verdict(summary, { strict = false } = {}) {
  const reasons = [];
  if (summary.errors) reasons.push(`${plural(summary.errors, 'unsuppressed error')}`);
  if (summary.invalidSuppressions) reasons.push(`${plural(summary.invalidSuppressions, 'invalid suppression')}`);
  if (strict && summary.staleSuppressions) reasons.push(`${plural(summary.staleSuppressions, 'stale suppression')} (--strict)`);
  return { passed: reasons.length === 0, exitCode: reasons.length ? 1 : 0, reasons };
}

const ORDER = { 'open:error': 0, 'open:warning': 1, 'suppressed:error': 2, 'suppressed:warning': 3 };

/** Renders the findings table and summaries as plain text. */
export function formatText(results, { versions, strict = false } = {}) {
  const out = [];
  if (versions) out.push(`cdk-nag ${versions['cdk-nag']} (aws-cdk-lib ${versions['aws-cdk-lib']}), packs: AwsSolutions, Serverless`);
  for (const r of results) {
    out.push('', `${r.stack}  (${path.relative(process.cwd(), r.file) || r.file})`);
    const rows = [...r.findings]
      .sort((a, b) => ORDER[`${a.status}:${a.level}`] - ORDER[`${b.status}:${b.level}`]
        || a.logicalId.localeCompare(b.logicalId) || a.rule.localeCompare(b.rule))
      .map((f) => [
        f.status === 'open' ? 'OPEN' : 'suppressed',
        f.level,
        f.ruleId,
        f.path ? `${f.logicalId} (${f.path})` : f.logicalId,
        (f.finding === null ? '' : `finding "${f.finding}": `)
          + (f.status === 'open' ? f.info : `reason: ${f.reason}${f.suppressedAt === 'stack' ? ' [stack-wide]' : ''}`),
      ]);
    if (rows.length) out.push(...table(['STATUS', 'LEVEL', 'RULE', 'RESOURCE', 'DETAIL'], rows).map((l) => `  ${l}`));
    else out.push('  no findings');
    for (const p of r.problems) {
      const label = p.kind === 'stale' ? (strict ? 'STALE (fails with --strict)' : 'STALE') : 'INVALID';
      out.push(`  ${label} suppression ${p.id ?? '(no id)'} on ${p.target ?? 'template Metadata (stack-wide)'}: ${p.message}`);
    }
    out.push(`  ${r.stack}: ${line(summarize(r))}`);
  }
  const total = summarize(results);
  const v = verdict(total, { strict });
  out.push('', `cdk-nag: ${line(total)} across ${plural(total.templates, 'template')}`);
  const staleNote = !strict && total.staleSuppressions
    ? ` (${plural(total.staleSuppressions, 'stale suppression')} reported: remove or fix; --strict fails on them)`
    : '';
  out.push(v.passed ? `PASS${staleNote}` : `FAIL: ${v.reasons.join(', ')}`);
  return out.join('\n');
}

/** Machine-readable report (written by --json). */
export function toJson(results, { versions, strict = false } = {}) {
  const summary = summarize(results);
  const { passed, exitCode, reasons } = verdict(summary, { strict });
  return {
    versions,
    packs: ['AwsSolutions', 'Serverless'],
    strict,
    passed,
    exitCode,
    failures: reasons,
    summary,
    templates: results.map((r) => ({ ...r, summary: summarize(r) })),
  };
}

function line(s) {
  const parts = [
    plural(s.errors, 'error'),
    `${plural(s.warnings, 'warning')} open`,
    `${s.suppressed} suppressed`,
  ];
  if (s.staleSuppressions) parts.push(plural(s.staleSuppressions, 'stale suppression'));
  if (s.invalidSuppressions) parts.push(plural(s.invalidSuppressions, 'invalid suppression'));
  return parts.join(', ');
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Left-aligned columns; overly long cells (> 60 chars) just push the row out. */
function table(header, rows) {
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const fmt = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

// One table of open failures, the acknowledgement problems, a summary line and the verdict.
import path from 'node:path';

/**
 * @param {{failures: object[], problems: object[], notInRun: number, templates: number,
 *   environments: string[], rulesRun: number, catalog: object, ackFile: string}} run
 */
export function formatText(run) {
  const { catalog } = run;
  const out = [`AWS Control Tower proactive controls: @cdklabs/cdk-validator-cfnguard ${catalog.version} (cfn-guard ${catalog.guardVersion}), `
    + `${catalog.controls.size} controls, ${run.rulesRun} evaluate resource types present`];
  const open = run.failures.filter((f) => !f.acknowledged);
  if (open.length) {
    const rows = open.map((f) => {
      const control = catalog.controls.get(f.control);
      return [f.environment, f.stack, f.control, control?.severity ?? '?', f.path ? `${f.logicalId} (${f.path})` : f.logicalId, control?.name ?? ''];
    });
    out.push('', ...table(['ENVIRONMENT', 'STACK', 'CONTROL', 'SEVERITY', 'RESOURCE', 'REQUIREMENT'], rows));
    out.push('', 'Fix in the stack, or acknowledge with a specific reason in ' + (path.relative(process.cwd(), run.ackFile) || run.ackFile) + ':');
    for (const id of [...new Set(open.map((f) => f.control))]) {
      const control = catalog.controls.get(id);
      out.push(`  ${id}: ${control?.remediation ?? ''}${control?.url ? ` (${control.url})` : ''}`);
    }
  }
  if (run.problems.length) {
    out.push('', `Problems in ${path.relative(process.cwd(), run.ackFile) || run.ackFile}:`);
    for (const p of run.problems) out.push(`  ${p.kind.toUpperCase()}  ${p.entry === null ? 'file' : `acknowledgements[${p.entry}]`}: ${p.message}`);
  }
  const acknowledged = run.failures.length - open.length;
  out.push('', `controls: ${plural(open.length, 'open failure')}, ${acknowledged} acknowledged, ${plural(run.problems.length, 'acknowledgement problem')} `
    + `in ${plural(run.templates, 'template')} of ${run.environments.join(', ')}`
    + (run.notInRun ? ` (${plural(run.notInRun, 'acknowledgement')} for environments not in this run)` : ''));
  out.push(open.length || run.problems.length ? 'FAIL' : 'PASS');
  return out.join('\n');
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

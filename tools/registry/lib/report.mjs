import path from 'node:path';
import { KINDS } from './check.mjs';

/**
 * One table of every finding (template, logical id, type, property path, finding), then a summary
 * line and the verdict.
 * @param {{file: string, stack: string, findings: object[]}[]} results
 * @param {{version: string, resourceTypes: string[]}} spec
 */
export function formatText(results, spec) {
  const out = [`CloudFormation registry: @aws-cdk/aws-service-spec ${spec.version} (${spec.resourceTypes.length} resource types)`];
  const rows = results.flatMap((r) => r.findings.map((f) => ({ ...f, template: path.relative(process.cwd(), r.file) || r.file })))
    .sort((a, b) => a.template.localeCompare(b.template) || a.logicalId.localeCompare(b.logicalId)
      || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.path.localeCompare(b.path))
    .map((f) => [f.template, f.logicalId, f.type, f.path || '-', `${f.kind}: ${f.message}`]);
  if (rows.length) out.push('', ...table(['TEMPLATE', 'LOGICAL ID', 'TYPE', 'PROPERTY PATH', 'FINDING'], rows));
  const resources = results.reduce((n, r) => n + Object.keys(r.template?.Resources ?? {}).length, 0);
  out.push('', `registry: ${plural(rows.length, 'finding')} in ${plural(results.length, 'template')} (${plural(resources, 'resource')})`);
  out.push(rows.length ? 'FAIL' : 'PASS');
  return out.join('\n');
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// Reads a BenchmarkDotNet CSV report and prints one line per benchmark:
//   <Method> <mean in ns> <allocated bytes or -> <job>
// BenchmarkDotNet writes cells with units ("12.22 μs", "4.46 KB", KB = 1024 B) in the invariant culture.
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bdn-report.mjs <report.csv>');
  process.exit(2);
}

// RFC 4180 fields: quoted fields may hold commas ("1,234.5 ns") and doubled quotes.
function parseLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') { quoted = false; } else { field += c; }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field); field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

const timeUnits = { ns: 1, 'μs': 1e3, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };
const sizeUnits = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

function quantity(cell, units) {
  const match = /^\s*([\d.,]+)\s*(\S+)\s*$/.exec(cell ?? '');
  if (!match || !(match[2] in units)) return null;
  return Number(match[1].replaceAll(',', '')) * units[match[2]];
}

const [header, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).map(parseLine);
const column = (name) => header.indexOf(name);
for (const row of rows) {
  const mean = quantity(row[column('Mean')], timeUnits);
  const allocated = quantity(row[column('Allocated')], sizeUnits);
  console.log(`${row[column('Method')]} ${mean ?? '-'} ${allocated ?? '-'} ${row[column('Job')] ?? '-'}`);
}

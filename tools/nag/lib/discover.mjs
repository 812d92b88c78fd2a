// Finds the CloudFormation templates in cloud-assembly directories (cdk.out).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './deps.mjs';

const SUFFIX = '.template.json';

/**
 * @param {string[]} inputs  cloud-assembly directories, or individual template files
 * @returns {{file: string, stack: string}[]}  in a stable order, without duplicates
 */
export function discoverTemplates(inputs) {
  const found = new Map(); // absolute file -> stack display name
  for (const input of inputs) {
    if (!existsSync(input)) throw new UsageError(`no such directory: ${input}`);
    if (statSync(input).isFile()) {
      if (!input.endsWith('.json')) throw new UsageError(`not a JSON template: ${input}`);
      add(found, path.resolve(input), stackNameOf(input));
      continue;
    }
    const before = found.size;
    fromAssembly(path.resolve(input), found);
    if (found.size === before) throw new UsageError(`no *${SUFFIX} templates found in ${input} (run 'cdk synth' first?)`);
  }
  return [...found].map(([file, stack]) => ({ file, stack }));
}

/**
 * Stack artifacts from manifest.json (recursing into nested assemblies such as
 * Stages), then any other *.template.json in the directory (nested stacks are
 * not artifacts of their own).
 */
function fromAssembly(dir, found) {
  const manifestFile = path.join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read ${manifestFile}: ${e.message}`);
    }
    for (const [artifactId, artifact] of Object.entries(manifest.artifacts ?? {})) {
      const props = artifact.properties ?? {};
      if (artifact.type === 'aws:cloudformation:stack' && props.templateFile) {
        const file = path.join(dir, props.templateFile);
        if (!existsSync(file)) throw new UsageError(`${manifestFile} lists ${props.templateFile}, which does not exist`);
        add(found, file, artifact.displayName ?? artifactId);
      } else if (artifact.type === 'cdk:cloud-assembly' && props.directoryName) {
        const nested = path.join(dir, props.directoryName);
        if (existsSync(nested)) fromAssembly(nested, found);
      }
    }
  }
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(SUFFIX)) add(found, path.join(dir, name), stackNameOf(name));
  }
}

function add(found, file, stack) {
  if (!found.has(file)) found.set(file, stack);
}

function stackNameOf(file) {
  return path.basename(file).replace(/\.template\.json$|\.json$/, '');
}

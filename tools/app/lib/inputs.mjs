// Every input of a .NET project's build, found without starting MSBuild: the project's directory and
// those of the projects it references (every file but bin/ and obj/, so added and removed files count),
// what their project files import or include from elsewhere, the restore result
// (obj/project.assets.json), the Directory.*.props / global.json / NuGet.config / .editorconfig files
// MSBuild and the SDK look up, and the installed SDK versions. Hashing them all takes milliseconds.
//
// Anything this cannot resolve (an Include or Import that uses an MSBuild property other than
// $(MSBuildThisFileDirectory) / $(MSBuildProjectDirectory)) is reported in `unresolved`; the caller then
// builds every time rather than risk a stale app. test/msbuild-inputs.test.mjs checks this list against
// what MSBuild itself reports for the CDK project.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files looked up in every directory from a project's up to the file-system root. */
export const LOOKED_UP_FILES = [
  'Directory.Build.props', 'Directory.Build.targets', 'Directory.Build.rsp', 'Directory.Packages.props',
  'global.json', 'NuGet.config', 'nuget.config', 'NuGet.Config', '.editorconfig', '.globalconfig',
];

/** Item types whose Include names files that go into the build. */
const FILE_ITEMS = ['Compile', 'Content', 'None', 'EmbeddedResource', 'AdditionalFiles', 'ProjectReference'];

/** Directories never scanned: build output, and the folders MSBuild's default globs leave out. */
const skipDirectory = (name) => name === 'bin' || name === 'obj' || name === 'node_modules' || name.startsWith('.');

/**
 * The inputs of building `projectFile`: `{ files: Map<absolute path, sha256 | 'missing'>, unresolved: string[] }`.
 * `sdkDirectory` (optional) is the dotnet installation's sdk/ folder; its entries (the installed SDK
 * versions, which global.json's roll-forward chooses from) count as one input.
 */
export function collectInputs(projectFile, { sdkDirectory } = {}) {
  const files = new Set();
  const trees = new Set();
  const unresolved = [];
  const projects = [path.resolve(projectFile)];
  const seenProjects = new Set();
  const parsed = new Set();

  // Reads an MSBuild file: what it imports is parsed too; what it includes is added. Item paths are
  // relative to the project directory, Import paths to the importing file.
  const parseMsbuildFile = (file, projectDirectory) => {
    if (parsed.has(`${projectDirectory}|${file}`)) return;
    parsed.add(`${projectDirectory}|${file}`);
    files.add(file);
    let text;
    try { text = fs.readFileSync(file, 'utf8'); } catch { return; }
    text = text.replace(/<!--[\s\S]*?-->/g, '');
    const expand = (value, relativeTo) => {
      const expanded = value
        .replace(/\$\(MSBuildThisFileDirectory\)/g, `${path.dirname(file)}/`)
        .replace(/\$\(MSBuildProjectDirectory\)/g, projectDirectory);
      if (/[$@%]\(/.test(expanded)) {
        unresolved.push(`${path.relative(process.cwd(), file)}: "${value}"`);
        return [];
      }
      return expanded.split(';').map((p) => p.trim()).filter(Boolean)
        .map((p) => path.resolve(relativeTo, p.replace(/\\/g, '/')));
    };
    for (const match of text.matchAll(/<Import\b[^>]*\bProject\s*=\s*"([^"]*)"/g)) {
      // SDK props and targets ($(MSBuildExtensionsPath)…, Sdk="…") come with the SDK version.
      if (/\$\(MSBuild(Extensions|Toolsets|Bin)Path|\$\(MSBuildSDKsPath\)/.test(match[1])) continue;
      for (const imported of expand(match[1], path.dirname(file))) {
        if (/[*?]/.test(imported)) trees.add(beforeWildcard(imported));
        else parseMsbuildFile(imported, projectDirectory);
      }
    }
    const items = new RegExp(`<(${FILE_ITEMS.join('|')})\\b[^>]*?\\bInclude\\s*=\\s*"([^"]*)"`, 'g');
    for (const [, type, include] of text.matchAll(items)) {
      for (const included of expand(include, projectDirectory)) {
        if (type === 'ProjectReference') projects.push(included);
        else if (/[*?]/.test(included)) trees.add(beforeWildcard(included));
        else files.add(included);
      }
    }
  };

  while (projects.length > 0) {
    const project = projects.shift();
    if (seenProjects.has(project)) continue;
    seenProjects.add(project);
    const directory = path.dirname(project);
    trees.add(directory);
    files.add(path.join(directory, 'obj', 'project.assets.json'));
    for (let dir = directory; ; dir = path.dirname(dir)) {
      for (const name of LOOKED_UP_FILES) {
        const candidate = path.join(dir, name);
        if (!fs.existsSync(candidate)) continue;
        if (/\.(props|targets)$/.test(name)) parseMsbuildFile(candidate, directory);
        else files.add(candidate);
      }
      if (path.dirname(dir) === dir) break;
    }
    parseMsbuildFile(project, directory);
  }

  for (const tree of trees) walk(tree, files);
  const hashes = new Map([...files].sort().map((file) => [file, hashFile(file)]));
  if (sdkDirectory) hashes.set(`${sdkDirectory}/*`, listing(sdkDirectory));
  return { files: hashes, unresolved };
}

function walk(directory, files) {
  let entries;
  try { entries = fs.readdirSync(directory, { withFileTypes: true }); } catch { return; }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) { if (!skipDirectory(entry.name)) walk(full, files); }
    else files.add(full);
  }
}

const beforeWildcard = (pattern) => {
  const parts = pattern.split('/');
  return parts.slice(0, parts.findIndex((part) => /[*?]/.test(part))).join('/') || '/';
};

function hashFile(file) {
  try { return createHash('sha256').update(fs.readFileSync(file)).digest('hex'); } catch { return 'missing'; }
}

function listing(directory) {
  try { return fs.readdirSync(directory).sort().join(','); } catch { return 'missing'; }
}

/**
 * What a build produced: every file under the output directory with its size and modification time, so
 * a build by anything else (an IDE, `dotnet build` of an older checkout) invalidates the record.
 */
export function outputListing(directory) {
  const files = new Set();
  walkAll(directory, files);
  return Object.fromEntries([...files].sort().map((file) => {
    const stat = fs.statSync(file);
    return [file, `${stat.size}:${stat.mtimeMs}`];
  }));
}

function walkAll(directory, files) {
  let entries;
  try { entries = fs.readdirSync(directory, { withFileTypes: true }); } catch { return; }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walkAll(full, files); else files.add(full);
  }
}

#!/usr/bin/env node
// The CDK app command (cdk.json "app"): runs the project's built dll directly when nothing that goes into
// its build changed since the last build recorded here, and builds it first otherwise. `dotnet run` pays
// for MSBuild's restore and build checks on every synth (about 1.6 s); this check hashes the inputs
// (lib/inputs.mjs) in milliseconds.
//
//   node tools/app/run.mjs <project file> [app arguments…]
//
// The record (obj/cdk-app-build.json beside the project) holds the hash of every input after a
// successful build and the size and time of every file that build left in the output directory; a
// mismatch in either (an edit, a new or deleted file, a restore that resolved differently, a build of
// other sources by an IDE or `dotnet build`) means build first. Nothing is recorded when an input changed
// while the build ran, or when the build failed. Output of the build goes to stderr; the app's stdio,
// environment (CDK_CONTEXT_JSON, CDK_OUTDIR from the CLI), working directory and exit status are its own.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collectInputs, outputListing } from './lib/inputs.mjs';

const CONFIGURATION = 'Release';

const [projectArgument, ...appArguments] = process.argv.slice(2);
if (!projectArgument || !projectArgument.endsWith('proj')) {
  console.error('usage: node tools/app/run.mjs <project file> [app arguments…]');
  process.exit(2);
}
const project = path.resolve(projectArgument);
if (!fs.existsSync(project)) {
  console.error(`app: project file ${projectArgument} does not exist`);
  process.exit(2);
}
const recordFile = path.join(path.dirname(project), 'obj', 'cdk-app-build.json');
const dotnet = findOnPath('dotnet');
const sdkDirectory = dotnet && path.join(path.dirname(fs.realpathSync(dotnet)), 'sdk');

const before = collectInputs(project, { sdkDirectory });
let targetPath = upToDate(before);
if (!targetPath) targetPath = build(before);
run(targetPath);

/** The recorded dll when the record matches the inputs and the output; otherwise null, and says why. */
function upToDate(inputs) {
  const record = readRecord();
  if (inputs.unresolved.length > 0) {
    return explain(`inputs not known (${inputs.unresolved.join(', ')})`);
  }
  if (!record) return explain('no build recorded');
  const changed = differences(record.inputs, Object.fromEntries(inputs.files));
  if (changed.length > 0) return explain(`changed: ${summarize(changed)}`);
  const outputChanged = differences(record.output, outputListing(path.dirname(record.targetPath)));
  if (outputChanged.length > 0) return explain(`output rebuilt elsewhere: ${summarize(outputChanged)}`);
  return record.targetPath;
}

function build(inputs) {
  const result = spawnSync('dotnet', ['build', project, '-c', CONFIGURATION, '--nologo', '-v', 'q', '-nodeReuse:false', '-clp:ErrorsOnly', '-t:Build',
    '-getProperty:TargetPath'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const built = result.status === 0 ? result.stdout.trim() : '';
  if (!built || !fs.existsSync(built)) {
    process.stderr.write(result.stdout ?? '');
    console.error(`app: dotnet build ${path.relative(process.cwd(), project)} failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status || 1);
  }
  const after = collectInputs(project, { sdkDirectory });
  // The build writes obj/ (the restore result among it); anything else that changed meanwhile means the
  // dll may be of the older sources: run it, but record nothing, so the next run builds again.
  const editedDuringBuild = differences(Object.fromEntries(inputs.files), Object.fromEntries(after.files))
    .filter((file) => !file.split(path.sep).includes('obj'));
  if (editedDuringBuild.length === 0 && after.unresolved.length === 0) {
    writeRecord({ targetPath: built, inputs: Object.fromEntries(after.files), output: outputListing(path.dirname(built)) });
  } else {
    fs.rmSync(recordFile, { force: true });
  }
  return built;
}

function run(dll) {
  const child = spawn('dotnet', [dll, ...appArguments], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => { console.error(`app: could not start dotnet: ${error.message}`); process.exit(1); });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
}

function explain(reason) {
  console.error(`app: building ${path.relative(process.cwd(), project)} (${reason})`);
  return null;
}

function readRecord() {
  try {
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
    return record.configuration === CONFIGURATION && fs.existsSync(record.targetPath) ? record : null;
  } catch {
    return null;
  }
}

function writeRecord(record) {
  fs.mkdirSync(path.dirname(recordFile), { recursive: true });
  const temporary = `${recordFile}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ configuration: CONFIGURATION, ...record }, null, 1));
  fs.renameSync(temporary, recordFile);
}

/** Keys whose values differ between two records, added and removed ones included. */
function differences(recorded, current) {
  const keys = new Set([...Object.keys(recorded ?? {}), ...Object.keys(current)]);
  return [...keys].filter((key) => recorded?.[key] !== current[key]).sort();
}

function summarize(files) {
  const shown = files.slice(0, 3).map((file) => path.relative(process.cwd(), file) || file);
  return files.length > 3 ? `${shown.join(', ')} and ${files.length - 3} more` : shown.join(', ');
}

function findOnPath(command) {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(directory || '.', command);
    try { fs.accessSync(candidate, fs.constants.X_OK); return candidate; } catch { /* next */ }
  }
  return null;
}

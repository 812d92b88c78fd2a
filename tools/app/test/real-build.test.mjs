// The launcher with the real dotnet: a small console project really rebuilt when a source file or a
// props file changes (never a stale app), and the CDK project's inputs as MSBuild itself lists them all
// within what the launcher hashes. Slower (real builds): a few seconds each on an idle machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectInputs } from '../lib/inputs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const RUN = path.join(HERE, '..', 'run.mjs');
const ENV = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };

test('a changed source file and a changed props file are built into the app that runs', (t) => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'app-launcher-real-'));
  t.after(() => fs.rmSync(repo, { recursive: true, force: true }));
  fs.copyFileSync(path.join(ROOT, 'global.json'), path.join(repo, 'global.json'));
  const props = (constant) => `<Project><PropertyGroup><DefineConstants>$(DefineConstants);${constant}</DefineConstants></PropertyGroup></Project>\n`;
  fs.writeFileSync(path.join(repo, 'Directory.Build.props'), props('FIRST'));
  fs.mkdirSync(path.join(repo, 'app'));
  fs.writeFileSync(path.join(repo, 'app', 'App.csproj'), `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><UseAppHost>false</UseAppHost></PropertyGroup>
</Project>
`);
  const program = (word) => `#if FIRST
System.Console.WriteLine("${word} first " + string.Join(",", args));
#else
System.Console.WriteLine("${word} second " + string.Join(",", args));
#endif
`;
  fs.writeFileSync(path.join(repo, 'app', 'Program.cs'), program('one'));
  const launch = () => spawnSync(process.execPath, [RUN, 'app/App.csproj', 'x'], { cwd: repo, encoding: 'utf8', env: ENV });

  let r = launch();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'one first x\n');

  r = launch();
  assert.equal(r.stdout, 'one first x\n');
  assert.equal(r.stderr, '', 'unchanged: no build');

  fs.writeFileSync(path.join(repo, 'app', 'Program.cs'), program('two'));
  r = launch();
  assert.match(r.stderr, /changed: app\/Program\.cs/);
  assert.equal(r.stdout, 'two first x\n');

  fs.writeFileSync(path.join(repo, 'Directory.Build.props'), props('SECOND'));
  r = launch();
  assert.match(r.stderr, /changed: Directory\.Build\.props/);
  assert.equal(r.stdout, 'two second x\n');
});

test("every input MSBuild lists for the CDK project is one the launcher hashes", () => {
  const project = path.join(ROOT, 'cdk', 'CognitoStack.Cdk.csproj');
  const items = ['Compile', 'EmbeddedResource', 'None', 'Content', 'AdditionalFiles', 'EditorConfigFiles', 'ProjectReference'];
  const r = spawnSync('dotnet', ['msbuild', project, '-p:Configuration=Release', '-nodeReuse:false',
    ...items.map((item) => `-getItem:${item}`), '-getProperty:MSBuildAllProjects', '-getProperty:ProjectAssetsFile'],
  { cwd: ROOT, encoding: 'utf8', env: ENV, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const evaluation = JSON.parse(r.stdout);
  const listed = [
    ...items.flatMap((item) => (evaluation.Items[item] ?? []).map((i) => i.FullPath)),
    ...evaluation.Properties.MSBuildAllProjects.split(';'),
    evaluation.Properties.ProjectAssetsFile,
  ].map((file) => file.trim()).filter(Boolean);
  // The SDK's own files come with its version (the installed SDKs are an input); packages' files with
  // the restore result (obj/project.assets.json); obj/*.nuget.g.* are written by restore from the inputs.
  const dotnetRoot = path.dirname(path.dirname(fs.realpathSync(findDotnetSdk())));
  const packages = process.env.NUGET_PACKAGES ?? path.join(os.homedir(), '.nuget', 'packages');
  const fromRepository = listed.filter((file) => !file.startsWith(dotnetRoot) && !file.startsWith(packages) &&
    !/\/obj\/[^/]+\.nuget\.g\.(props|targets)$/.test(file));
  assert.ok(fromRepository.some((file) => file.endsWith('Program.cs')), `MSBuild listed no sources: ${listed.slice(0, 5)}`);

  const inputs = collectInputs(project);
  assert.deepEqual(inputs.unresolved, [], 'every Include and Import of the CDK project resolves');
  const missing = [...new Set(fromRepository)].filter((file) => !inputs.files.has(file));
  assert.deepEqual(missing, [], 'inputs MSBuild uses that tools/app/lib/inputs.mjs does not hash');
});

function findDotnetSdk() {
  const r = spawnSync('dotnet', ['--list-sdks'], { encoding: 'utf8', env: ENV });
  const match = /^(\S+) \[(.+)\]$/m.exec(r.stdout);
  assert.ok(match, r.stdout + r.stderr);
  return path.join(match[2], match[1]);
}

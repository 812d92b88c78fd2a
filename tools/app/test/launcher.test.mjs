// The launcher against a fixture repository and a stand-in dotnet (fake-dotnet/dotnet): when it builds,
// when it runs the recorded dll directly, and what it passes through. Fast: no real build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUN = path.join(HERE, '..', 'run.mjs');

const FIXTURE = {
  'global.json': '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }\n',
  'Directory.Build.props': '<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>\n',
  'Directory.Packages.props': '<Project><ItemGroup><PackageVersion Include="Amazon.CDK.Lib" Version="2.160.0" /></ItemGroup></Project>\n',
  '.editorconfig': 'root = true\n',
  'app/App.csproj': `<Project Sdk="Microsoft.NET.Sdk">
  <!-- <Compile Include="$(Unresolvable)/*.cs" /> in a comment counts for nothing -->
  <ItemGroup>
    <PackageReference Include="Amazon.CDK.Lib" />
    <ProjectReference Include="../lib/Lib.csproj" />
    <Compile Include="../shared/**/*.cs" Link="Shared/%(RecursiveDir)%(Filename)%(Extension)" />
    <None Include="$(MSBuildThisFileDirectory)../config/settings.txt" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
`,
  'app/Program.cs': 'System.Console.WriteLine("app");\n',
  'app/Stacks/Stack.cs': 'class Stack { }\n',
  'lib/Lib.csproj': '<Project Sdk="Microsoft.NET.Sdk" />\n',
  'lib/Helper.cs': 'class Helper { }\n',
  'shared/Contract/Names.cs': 'class Names { }\n',
  'config/settings.txt': 'a setting\n',
  'docs/README.md': 'not an input\n',
};

function fixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-launcher-'));
  const repo = path.join(root, 'repo');
  for (const [file, text] of Object.entries(FIXTURE)) write(path.join(repo, file), text);
  const fakeDotnet = path.join(root, 'dotnet-home');
  fs.mkdirSync(path.join(fakeDotnet, 'sdk', '10.0.100'), { recursive: true });
  fs.copyFileSync(path.join(HERE, 'fake-dotnet', 'dotnet'), path.join(fakeDotnet, 'dotnet'));
  fs.chmodSync(path.join(fakeDotnet, 'dotnet'), 0o755);
  const log = path.join(root, 'dotnet.log');
  fs.writeFileSync(log, '');
  let seen = 0;
  const launch = (args = [], env = {}) => {
    const result = spawnSync(process.execPath, [RUN, 'app/App.csproj', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${fakeDotnet}${path.delimiter}${process.env.PATH}`, FAKE_DOTNET_LOG: log, ...env },
    });
    const calls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const builds = calls.slice(seen).filter((call) => call.startsWith('build ')).length;
    seen = calls.length;
    return { ...result, builds };
  };
  return { root, repo, fakeDotnet, launch, file: (name) => path.join(repo, name), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

test('first run builds, then runs the built dll with the arguments and the CLI environment', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const r = f.launch(['--flag'], { CDK_CONTEXT_JSON: '{"env":"prod"}' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.builds, 1);
  assert.match(r.stderr, /^app: building app\/App\.csproj \(no build recorded\)$/m);
  assert.equal(r.stdout, 'build 1\nargs: --flag\ncontext: {"env":"prod"}\n');
});

test('nothing changed: runs the recorded dll without building, silently', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  f.launch();
  const r = f.launch();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.builds, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^build 1\n/);
});

test("the app's exit status is the launcher's", (t) => {
  const f = fixture();
  t.after(f.cleanup);
  assert.equal(f.launch([], { FAKE_EXIT: '3' }).status, 3);
  assert.equal(f.launch([], { FAKE_EXIT: '1' }).status, 1);
});

// Each input kind: a change makes the next run build (and run the new dll), naming what changed.
const CHANGES = {
  'a changed source file': (f) => fs.appendFileSync(f.file('app/Stacks/Stack.cs'), '// changed\n'),
  'a new source file': (f) => write(f.file('app/Constructs/New.cs'), 'class New { }\n'),
  'a deleted source file': (f) => fs.rmSync(f.file('app/Stacks/Stack.cs')),
  'the project file': (f) => fs.appendFileSync(f.file('app/App.csproj'), '\n'),
  'Directory.Build.props': (f) => fs.writeFileSync(f.file('Directory.Build.props'), '<Project><PropertyGroup><Nullable>disable</Nullable></PropertyGroup></Project>\n'),
  'Directory.Packages.props': (f) => fs.writeFileSync(f.file('Directory.Packages.props'), fs.readFileSync(f.file('Directory.Packages.props'), 'utf8').replace('2.160.0', '2.161.0')),
  'global.json': (f) => fs.writeFileSync(f.file('global.json'), '{ "sdk": { "version": "10.0.200" } }\n'),
  '.editorconfig': (f) => fs.appendFileSync(f.file('.editorconfig'), '[*.cs]\nindent_size = 2\n'),
  'a new Directory.Build.targets': (f) => write(f.file('Directory.Build.targets'), '<Project />\n'),
  'the restore result (obj/project.assets.json)': (f) => fs.writeFileSync(f.file('app/obj/project.assets.json'), '{"version": 3, "libraries": {}}\n'),
  'a packages.lock.json': (f) => write(f.file('app/packages.lock.json'), '{}\n'),
  "a referenced project's source": (f) => fs.appendFileSync(f.file('lib/Helper.cs'), '// changed\n'),
  "a referenced project's restore result": (f) => write(f.file('lib/obj/project.assets.json'), '{}\n'),
  'a file a Compile glob includes from outside the project': (f) => fs.appendFileSync(f.file('shared/Contract/Names.cs'), '// changed\n'),
  'a new file under that glob': (f) => write(f.file('shared/Contract/More.cs'), 'class More { }\n'),
  'a file included through $(MSBuildThisFileDirectory)': (f) => fs.appendFileSync(f.file('config/settings.txt'), 'another\n'),
  'a newly installed SDK': (f) => fs.mkdirSync(path.join(f.fakeDotnet, 'sdk', '10.0.200')),
  'the output, built elsewhere (an IDE, `dotnet build` of other sources)': (f) => fs.writeFileSync(f.file('app/bin/Release/net10.0/App.dll'), 'built by someone else\n'),
  'a file added to the output': (f) => write(f.file('app/bin/Release/net10.0/Lib.dll'), 'lib\n'),
};

for (const [name, change] of Object.entries(CHANGES)) {
  test(`builds again after a change to ${name}`, (t) => {
    const f = fixture();
    t.after(f.cleanup);
    f.launch();
    change(f);
    const r = f.launch();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.builds, 1, `${name}: no build`);
    assert.match(r.stderr, /^app: building app\/App\.csproj \((changed|output rebuilt elsewhere): .+\)$/m);
    assert.match(r.stdout, /^build 2\n/);
    assert.equal(f.launch().builds, 0, 'and is up to date after that build');
  });
}

test('a file outside every input (docs, cdk.out) changes nothing', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  f.launch();
  fs.appendFileSync(f.file('docs/README.md'), 'more\n');
  write(f.file('cdk.out/manifest.json'), '{}\n');
  write(f.file('app/obj/Release/net10.0/generated.cs'), '// build output\n');
  assert.equal(f.launch().builds, 0);
});

test('a failed build: its exit status, the compiler output on stderr, the app not run, nothing recorded', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const r = f.launch([], { FAKE_BUILD_FAILS: '1' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /error CS1002/);
  assert.match(r.stderr, /^app: dotnet build app\/App\.csproj failed$/m);
  assert.equal(fs.existsSync(f.file('app/obj/cdk-app-build.json')), false);
  assert.equal(f.launch().builds, 1);
});

test('a source edited while the build ran: that build is not recorded, the next run builds again', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  f.launch([], { FAKE_EDIT_DURING_BUILD: f.file('app/Program.cs') });
  const r = f.launch();
  assert.equal(r.builds, 1);
  assert.match(r.stdout, /^build 2\n/);
});

test('an Include it cannot resolve: builds every time rather than guess', (t) => {
  const f = fixture();
  t.after(f.cleanup);
  fs.writeFileSync(f.file('lib/Lib.csproj'), '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="$(SharedRoot)/*.cs" /></ItemGroup></Project>\n');
  f.launch();
  const r = f.launch();
  assert.equal(r.builds, 1);
  assert.match(r.stderr, /inputs not known \(.*Lib\.csproj: "\$\(SharedRoot\)\/\*\.cs"\)/);
});

test('usage errors are one line and exit 2', () => {
  const missing = spawnSync(process.execPath, [RUN], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'usage: node tools/app/run.mjs <project file> [app arguments…]\n');
  const absent = spawnSync(process.execPath, [RUN, 'nowhere/App.csproj'], { encoding: 'utf8' });
  assert.equal(absent.status, 2);
  assert.equal(absent.stderr, 'app: project file nowhere/App.csproj does not exist\n');
});

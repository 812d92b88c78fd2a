#!/usr/bin/env bash
# Performance benchmark of the CDK app (synth, CLI, tests) and the Lambda backend (package, cold, warm).
#
#   bash bench/run.sh           full: every timing is the median of 5 runs after 1 warm-up (about 5-6 min on 2 cores)
#   bash bench/run.sh --quick   CI: proves each benchmark builds and runs: builds bench/Bench.slnx only, one run each, no warm-up, tiny inputs, no
#                               paired cold-path series, no republished synth, no IL/JIT/ReadyToRun/Native AOT publishes
#                               but one, no test-suite timing (target: under 2 min after .ci/run's build and synth)
#   bash bench/run.sh --cold    the full mode's function packages and paired cold paths (rows 5, 6, 10) alone: the
#                               JIT / ReadyToRun / Native AOT comparison without the synth and test-suite series
#
# Builds what it times (CognitoStack.sln and bench/Bench.slnx, Release), then writes bench/results/latest.md
# (git-ignored) and prints it; each command's output goes to bench/results/logs/. Measurement only: a missed
# target is marked, never fails the run; a command that fails does (exit 1). Timings use hyperfine when it is
# installed (full mode installs it with apt-get when it can), otherwise a `date +%s%N` loop.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

quick=false cold_only=false
case "${1:-}" in
  --quick) quick=true ;;
  --cold) cold_only=true ;;
  "") ;;
  *) echo "usage: bash bench/run.sh [--quick | --cold]" >&2; exit 2 ;;
esac
# Quick mode (CI): one run of each, nothing repeated; the backend-changed CLI synth serves as the warm-up of the unchanged one.
if $quick; then runs=1 warmup=0 cli_unchanged_warmup=0 cold_runs=1 cold_warmup=0 round_trip_calls=200; else
  runs=5 warmup=1 cli_unchanged_warmup=1 cold_runs=20 cold_warmup=3 round_trip_calls=2000
fi
# BENCH_COLD_RUNS: more (or fewer) paired cold-path runs than the mode's default, e.g. with --quick on a busy machine.
cold_runs=${BENCH_COLD_RUNS:-$cold_runs}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 CDK_DISABLE_CLI_TELEMETRY=true
root=$PWD
results=bench/results
logs=$results/logs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$logs" "$results/bdn"
mkdir -p "$logs"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)

floor_dll=bench/JsiiFloor/bin/Release/net10.0/JsiiFloor.dll
app_synth_dll=bench/AppSynth/bin/Release/net10.0/AppSynth.dll
cdk_dll=cdk/bin/Release/net10.0/CognitoStack.Cdk.dll
benchmarks_dll=bench/Backend/bin/Release/net10.0/CognitoStack.Backend.Benchmarks.dll
cold_dll=bench/Backend/ColdStart/Handler/bin/Release/net10.0/CognitoStack.Backend.ColdStart.dll
hello_dll=bench/Backend/ColdStart/HelloWorld/bin/Release/net10.0/CognitoStack.Backend.HelloWorld.dll
get_me_event=tests/CognitoStack.Backend.Tests/Fixtures/get-me-id-token.json
export_dll=bench/UserExport/bin/Release/net10.0/CognitoStack.UserExport.Bench.dll
signer_dll=bench/SignerChoice/bin/Release/net10.0/SignerChoice.dll

say() { printf '\n=== %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------- setup
say "setup"
if ! command -v hyperfine >/dev/null && ! $quick && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  { $sudo apt-get install -y -qq hyperfine || { $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine; }; } \
    >"$logs/apt-get.log" 2>&1 || echo "hyperfine not installed (see $logs/apt-get.log): timing with date +%s%N" >&2
fi
hyperfine=$(command -v hyperfine || true)
[ -x node_modules/.bin/cdk ] || npm ci --no-audit --no-fund --loglevel=error >"$logs/npm-ci.log" 2>&1 ||
  { echo "npm ci failed: $logs/npm-ci.log" >&2; exit 1; }
# Bench.slnx holds every project a benchmark runs (the app, the functions, the benchmark programs); the solution
# itself is built too only for the test-suite timing (row 4), which --quick and --cold leave out.
targets=(bench/Bench.slnx)
$quick || $cold_only || targets=(CognitoStack.sln bench/Bench.slnx)
for target in "${targets[@]}"; do
  echo "dotnet build $target -c Release" >&2
  dotnet build "$target" -c Release --nologo -v q >>"$logs/build.log" 2>&1 ||
    { tail -n 30 "$logs/build.log" >&2; echo "build failed: $logs/build.log" >&2; exit 1; }
done

# The app's context as the CDK CLI passes it (CDK_CONTEXT_JSON), for one environment, bundling skipped.
first_env=$(node -p 'Object.keys(require("./cdk.json").context.environments)[0]')
BENCH_CONTEXT_JSON=$(node -p 'JSON.stringify({...require("./cdk.json").context, env: process.argv[1], "aws:cdk:bundling-stacks": []})' "$first_env")
export BENCH_CONTEXT_JSON

# ------------------------------------------------------------------------------------------- timing
declare -A median low high count
failed=""
# time_it KEY RUNS WARMUP PREPARE COMMAND: wall time of the shell command COMMAND (run from the repository
# root, output appended to logs/KEY.log), WARMUP untimed runs first; PREPARE ('' for none) runs untimed
# before each run. Sets median/low/high/count[KEY] in seconds, or adds KEY to $failed.
time_it() {
  local key=$1 n=$2 w=$3 prepare=$4 command="$5 >>$logs/$1.log 2>&1" times=() i t0 t1
  : >"$logs/$key.log"
  echo "$key: $n run(s) after $w warm-up(s): $5" >&2
  if [ -n "$hyperfine" ]; then
    local args=(--style none --shell bash --runs "$n" --warmup "$w" --export-json "$work/$key.json")
    [ -z "$prepare" ] || args+=(--prepare "$prepare")
    if "$hyperfine" "${args[@]}" "$command" >>"$logs/$key.hyperfine.log" 2>&1; then
      read -r -a times < <(node -p 'require(process.argv[1]).results[0].times.join(" ")' "$work/$key.json")
    fi
  else
    for ((i = 0; i < w + n; i++)); do
      if [ -n "$prepare" ] && ! bash -c "$prepare"; then times=(); break; fi
      t0=$(date +%s%N)
      bash -c "$command" || { times=(); break; }
      t1=$(date +%s%N)
      ((i < w)) || times+=("$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.6f", d / 1e9 }')")
    done
  fi
  if [ "${#times[@]}" -eq 0 ]; then
    failed+=" $key"
    echo "FAILED: $key (see $logs/$key.log)" >&2
    return 1
  fi
  read -r "median[$key]" "low[$key]" "high[$key]" "count[$key]" < <(printf '%s\n' "${times[@]}" | sort -g |
    awk '{ t[NR] = $1 } END { printf "%.6f %.6f %.6f %d\n", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR], NR }')
}

q() { printf '%q' "$1"; }

# --------------------------------------------------------------------------------------- measurements
# What rows 1-4 and 7-9 set, empty when --cold leaves them out (the report reads them all).
declare -A warm_ns warm_bytes
bdn_job="" round_trip_us="" round_trips=0 export_line="" export_rss_kb="" export_users=0
signer_ours="" signer_sdk="" sdk_dll_bytes="" common_dll_bytes="" signer_runs=0
ex() { sed -nE "s/.*$1=([^ ]+).*/\1/p" <<<"$export_line"; }

if ! $cold_only; then
say "1. jsii floor"
time_it floor "$runs" "$warmup" "rm -rf $(q "$work/floor")" "dotnet $floor_dll $(q "$work/floor")"

say "1b. jsii round trips: cost of one, and how many one environment's synth makes"
round_trip_us=$(dotnet "$floor_dll" "$work/round-trips" "$round_trip_calls" 2>>"$logs/round-trips.log" |
  node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).microsecondsPerRoundTrip)' 2>>"$logs/round-trips.log" || true)
# JSII_DEBUG=1 makes the jsii runtime log every request it sends ("> {…}") to stderr.
round_trips=$(JSII_DEBUG=1 CDK_CONTEXT_JSON="$BENCH_CONTEXT_JSON" CDK_OUTDIR="$work/counted" dotnet "$cdk_dll" 2>&1 >/dev/null |
  grep -c '^> {"api":"\(create\|get\|set\|invoke\|sget\|sset\|sinvoke\|begin\|end\)"' || true)
if [ -z "$round_trip_us" ] || [ "${round_trips:-0}" -eq 0 ]; then
  failed+=" round_trips"
  echo "FAILED: round trips (see $logs/round-trips.log)" >&2
fi

say "2. app synth (bundling skipped)"
time_it app_synth "$runs" "$warmup" "rm -rf $(q "$work/app")" "dotnet $app_synth_dll $(q "$root") $(q "$work/app")"
time_it app_dll "$runs" "$warmup" "rm -rf $(q "$work/plain")" \
  "CDK_CONTEXT_JSON=\"\$BENCH_CONTEXT_JSON\" CDK_OUTDIR=$(q "$work/plain") dotnet $cdk_dll"

say "3. npx cdk synth, backend republished vs unchanged; the app launcher; the CLI alone"
cli_out=$work/cli
if $quick; then
  # Not republished: CI has just synthesized (and so published) this environment into cdk.out.$first_env, whose
  # assets 3b reuses by hash (a first run elsewhere publishes them once, untimed, in the warm-up below).
  [ -d "cdk.out.$first_env" ] && cp -r "cdk.out.$first_env" "$cli_out"
  cli_unchanged_warmup=$([ -d "$cli_out" ] && echo 0 || echo 1)
else
  # The warm-up of 3a also lets the launcher (cdk.json "app": tools/app/run.mjs) record the build it checks.
  time_it cli_changed "$runs" "$warmup" "rm -rf $(q "$cli_out")/asset.*" "npx cdk synth -q -c env=$first_env -o $(q "$cli_out")"
fi
time_it cli_unchanged "$runs" "$cli_unchanged_warmup" "" "npx cdk synth -q -c env=$first_env -o $(q "$cli_out")"
time_it launcher "$runs" "$warmup" "rm -rf $(q "$work/launched")" \
  "CDK_CONTEXT_JSON=\"\$BENCH_CONTEXT_JSON\" CDK_OUTDIR=$(q "$work/launched") node tools/app/run.mjs cdk/CognitoStack.Cdk.csproj"
time_it cli_alone "$runs" "$warmup" "" "npx cdk --version"

say "4. test suite"
# Not in quick mode: CI has just run the whole suite, and timing it again proves nothing about the benchmark.
$quick || time_it tests "$runs" "$warmup" "" "dotnet test CognitoStack.sln --no-build -c Release --nologo"

fi

say "5. function packages"
if $cold_only; then
  # Rows 1-4 are left out: the deployed assets come from .ci/run's synth of this environment, or one untimed synth.
  cli_out=$work/cli
  if [ -d "cdk.out.$first_env" ]; then cp -r "cdk.out.$first_env" "$cli_out"
  else npx cdk synth -q -c "env=$first_env" -o "$cli_out" >"$logs/cli_changed.log" 2>&1 || failed+=" synth"; fi
fi
# zip_dir DIR ZIP: zips DIR's files (deflate, level 9) and prints the zip's size in bytes.
zip_tool=$(command -v zip >/dev/null && echo "zip -r -9 -X" || echo "python3 zipfile (deflate, level 9)")
zip_dir() {
  rm -f "$2"
  if command -v zip >/dev/null; then
    (cd "$1" && zip -q -r -9 -X "$2" .) || return 1
  else
    python3 - "$1" "$2" <<'PY' || return 1
import os, sys, zipfile
source, target = sys.argv[1:]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
  fi
  stat -c %s "$2"
}
# The deployed assets (3a's CLI synth: linux-arm64 ReadyToRun) against a portable IL publish of the same
# source (what the bundling produced before issue 22).
declare -A asset_dir zip_bytes il_zip_bytes
for fn in Backend Triggers; do
  asset_dir[$fn]=$(dirname "$(find "$cli_out" -path "*/asset.*/CognitoStack.$fn.dll" -print -quit 2>/dev/null)")
  if [ -f "${asset_dir[$fn]}/CognitoStack.$fn.dll" ]; then
    zip_bytes[$fn]=$(zip_dir "${asset_dir[$fn]}" "$work/$fn.zip")
  fi
  if ! $quick && dotnet publish "src/CognitoStack.$fn" -c Release -o "$work/il-$fn" --nologo -v q >>"$logs/publish.log" 2>&1; then
    il_zip_bytes[$fn]=$(zip_dir "$work/il-$fn" "$work/il-$fn.zip")
  fi
  if [ -z "${zip_bytes[$fn]:-}" ] || { ! $quick && [ -z "${il_zip_bytes[$fn]:-}" ]; }; then
    failed+=" zip-$fn"; echo "FAILED: no published $fn asset in $cli_out, or its IL publish failed ($logs/publish.log)" >&2
  fi
done

say "6. cold paths: JIT vs ReadyToRun vs Native AOT (linux-x64 stand-in), backend and pre token generation trigger"
# arm64 code cannot run here: the figures come from the same code published for linux-x64 (the deployed
# package is the linux-arm64 one of row 5). Each run starts every program in turn (interleaved), so machine
# load hits all of them alike and the ratios stay comparable. Two kinds of program:
# - the cold-start program (JIT, ReadyToRun): a fresh process loads the handler, constructs it, answers one event;
# - the bootstrap (ReadyToRun on the managed runtime, and Native AOT): the functions' own Bootstrap.Main and
#   Runtime API loop, timed by bench/lib/runtime-api-cold.mjs from spawning the process to its first invocation
#   response against a loopback Runtime API.
get_me_event=$(q "$get_me_event")
pre_token_event=tests/CognitoStack.Triggers.Tests/Fixtures/pre-token-generation-v2-authentication.json
declare -A cold_cmd aot_publish_s r2r_publish_s aot_zip_bytes
cold_ok=true
publish_x64() { # publish_x64 PROJECT OUTPUT [ARGS...]
  local project=$1 output=$2; shift 2
  dotnet publish "$project" -c Release -r linux-x64 "$@" -o "$output" --nologo -v q >>"$logs/publish.log" 2>&1 || cold_ok=false
}
for fn in Backend Triggers; do
  if $quick; then
    # Quick: the cold-start program runs the Release build of the setup step (IL, nothing published); one bootstrap
    # (the trigger's, on the managed runtime) is published to run the Runtime API driver. The CDK tests run every
    # group's Native AOT bootstrap against a loopback Runtime API (BootstrapInvocationTests).
    ln -s "$root/src/CognitoStack.$fn/bin/Release/net10.0" "$work/jit-$fn"
    [ "$fn" = Backend ] || publish_x64 "src/CognitoStack.$fn" "$work/r2rboot-$fn" --self-contained false -p:PublishReadyToRun=true -p:LambdaBootstrap=true
    continue
  fi
  publish_x64 "src/CognitoStack.$fn" "$work/jit-$fn" --self-contained false
  r2r_started=$(date +%s)
  publish_x64 "src/CognitoStack.$fn" "$work/r2r-$fn" --self-contained false -p:PublishReadyToRun=true
  r2r_publish_s[$fn]=$(($(date +%s) - r2r_started))
  # The bootstrap on the managed runtime: the same Bootstrap.Main as the Native AOT build (LambdaBootstrap=true makes it an exe).
  # Its own intermediate folder: the ReadyToRun publish above has the same inputs but for LambdaBootstrap (an exe
  # instead of a library), which an incremental build in the shared obj folder would not notice.
  publish_x64 "src/CognitoStack.$fn" "$work/r2rboot-$fn" --self-contained false -p:PublishReadyToRun=true -p:LambdaBootstrap=true \
    "-p:IntermediateOutputPath=$work/obj-r2rboot-$fn/"
  # Native AOT: minutes of CPU each, so only in the full run. Its publish time is row 10.
  aot_started=$(date +%s)
  publish_x64 "src/CognitoStack.$fn" "$work/aot-$fn" --self-contained true -p:PublishAot=true -p:LinkerFlavor=lld -p:StripSymbols=true
  aot_publish_s[$fn]=$(($(date +%s) - aot_started))
  [ -f "$work/aot-$fn/CognitoStack.$fn" ] && rm -f "$work/aot-$fn"/*.dbg && aot_zip_bytes[$fn]=$(zip_dir "$work/aot-$fn" "$work/aot-$fn.zip")
done
$quick || publish_x64 bench/Backend/ColdStart/HelloWorld "$work/aot-hello" --self-contained true -p:PublishAot=true -p:LinkerFlavor=lld -p:StripSymbols=true
boot() { echo "node bench/lib/runtime-api-cold.mjs $(q "$1") $(q "$2") ${*:3}"; }
backend_handler=$(sed -nE 's/.*Backend = "([^"]+)".*/\1/p' src/CognitoStack.Contract/LambdaHandlers.cs)
trigger_handler=$(sed -nE 's/.*PreTokenGeneration = "([^"]+)".*/\1/p' src/CognitoStack.Contract/LambdaHandlers.cs)
backend_env="ENVIRONMENT_NAME=bench ADMIN_GROUP=admin READ_SCOPE=myapp-api/read WRITE_SCOPE=myapp-api/write ALLOWED_ORIGINS=http://localhost:3000"
cold_cmd[hello]="dotnet $hello_dll"
cold_cmd[backend_jit]="dotnet $cold_dll $(q "$work/jit-Backend/CognitoStack.Backend.dll") $get_me_event"
cold_cmd[backend_r2r]="dotnet $cold_dll $(q "$work/r2r-Backend/CognitoStack.Backend.dll") $get_me_event"
trigger_args="$pre_token_event CognitoStack.Triggers.PreTokenGeneration claimsAndScopeOverrideDetails"
cold_cmd[trigger_jit]="dotnet $cold_dll $(q "$work/jit-Triggers/CognitoStack.Triggers.dll") $trigger_args"
cold_cmd[trigger_r2r]="dotnet $cold_dll $(q "$work/r2r-Triggers/CognitoStack.Triggers.dll") $trigger_args"
cold_cmd[backend_r2rboot]="$backend_env $(boot "$get_me_event" "$backend_handler" dotnet "$(q "$work/r2rboot-Backend/CognitoStack.Backend.dll")")"
cold_cmd[trigger_r2rboot]="$(boot "$pre_token_event" "$trigger_handler" dotnet "$(q "$work/r2rboot-Triggers/CognitoStack.Triggers.dll")")"
if $quick; then cold_keys=(hello backend_jit trigger_jit trigger_r2rboot); else
  cold_keys=(hello backend_r2r trigger_r2r backend_r2rboot trigger_r2rboot backend_jit trigger_jit)
  cold_cmd[hello_aot]=$(q "$work/aot-hello/CognitoStack.Backend.HelloWorld")
  cold_cmd[backend_aot]="$backend_env $(boot "$get_me_event" "$backend_handler" "$(q "$work/aot-Backend/CognitoStack.Backend")")"
  cold_cmd[trigger_aot]="$(boot "$pre_token_event" "$trigger_handler" "$(q "$work/aot-Triggers/CognitoStack.Triggers")")"
  cold_keys+=(hello_aot backend_aot trigger_aot)
fi
declare -A cold_parts
if $cold_ok && [ -f "$cold_dll" ] && [ -f "$hello_dll" ]; then
  declare -A cold_times
  for key in "${cold_keys[@]}"; do : >"$logs/cold-$key.log"; done
  for ((i = 0; i < cold_warmup + cold_runs; i++)); do
    for key in "${cold_keys[@]}"; do
      t0=$(date +%s%N)
      bash -c "${cold_cmd[$key]}" >"$work/cold.out" 2>&1 || { cold_ok=false; echo "FAILED: $key (see $logs/cold-$key.log)" >&2; }
      t1=$(date +%s%N)
      cat "$work/cold.out" >>"$logs/cold-$key.log"
      # A bootstrap's figure is the driver's own (spawn to first response), without the driver's start.
      boot_ms=$(sed -nE 's/.*"firstResponseMs":([0-9.]+).*/\1/p' "$work/cold.out")
      ((i < cold_warmup)) || cold_times[$key]+="$(awk -v d=$((t1 - t0)) -v b="$boot_ms" 'BEGIN { printf "%.6f", b != "" ? b / 1000 : d / 1e9 }') "
    done
  done
  for key in "${cold_keys[@]}"; do
    read -r "median[$key]" "low[$key]" "high[$key]" "count[$key]" < <(printf '%s\n' ${cold_times[$key]} | sort -g |
      awk '{ t[NR] = $1 } END { printf "%.6f %.6f %.6f %d\n", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR], NR }')
    # In-process medians over every run, warm-ups included (they are fresh processes too).
    cold_parts[$key]=$(node -e '
      const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(l => /"program"/.test(l)).map(JSON.parse);
      const med = k => { const v = lines.map(l => l[k]).filter(x => x !== undefined).sort((a, b) => a - b); const m = v.length >> 1; return v.length ? (v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2).toFixed(1) : "-"; };
      console.log(["sinceProcessStartMs", "loadMs", "constructMs", "firstInvokeMs"].map(med).join(" "));
    ' "$logs/cold-$key.log" 2>/dev/null || true)
  done
fi
$cold_ok || { failed+=" cold"; echo "FAILED: cold paths (see $logs/publish.log and $logs/cold-*.log)" >&2; }

if ! $cold_only; then
say "7. backend warm path (BenchmarkDotNet)"
bdn_args=(--artifacts "$results/bdn")
$quick && bdn_args+=(--quick)
if dotnet "$benchmarks_dll" "${bdn_args[@]}" >"$logs/benchmarkdotnet.log" 2>&1; then
  report=$(find "$results/bdn/results" -name '*-report.csv' -print -quit 2>/dev/null)
  while read -r method ns bytes job; do
    warm_ns[$method]=$ns warm_bytes[$method]=$bytes bdn_job=$job
  done < <([ -n "$report" ] && node bench/lib/bdn-report.mjs "$report")
fi
[ -n "${warm_ns[GetMe]:-}" ] || { failed+=" warm"; echo "FAILED: BenchmarkDotNet (see $logs/benchmarkdotnet.log)" >&2; }

say "8. user export against a fake Cognito and S3 (bench/UserExport)"
# One fresh process per pool size; /usr/bin/time's peak RSS when available, the program's own otherwise.
export_users=100000
$quick && export_users=1000
export_line=$(/usr/bin/time -f "rssKB=%M" dotnet "$export_dll" "$export_users" 2>"$logs/user-export-time.log") || failed+=" export"
export_rss_kb=$(sed -nE 's/^rssKB=([0-9]+)/\1/p' "$logs/user-export-time.log")
echo "$export_line" >"$logs/user-export.log"

say "9. signer choice: ours vs AWSSDK.Core (bench/SignerChoice)"
signer_runs=7
$quick && signer_runs=1
: >"$logs/signer.log"
for _ in $(seq "$signer_runs"); do
  for mode in ours sdk; do
    AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY AWS_SESSION_TOKEN=token \
      AWS_REGION=eu-west-1 AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
      dotnet "$signer_dll" "$mode" >>"$logs/signer.log" 2>&1 || failed+=" signer-$mode"
  done
done
signer_median() {
  awk -v m="$1" '$1 == m { print $2 }' "$logs/signer.log" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
signer_ours=$(signer_median ours)
signer_sdk=$(signer_median sdk)
sdk_dll_bytes=$(stat -c %s "$(dirname "$signer_dll")/AWSSDK.Core.dll" 2>/dev/null)
common_dll_bytes=$(stat -c %s "$(dirname "$signer_dll")/CognitoStack.Lambda.Common.dll" 2>/dev/null)
fi

# ------------------------------------------------------------------------------------------- report
# Formatting helpers: numbers in, markdown cells out.
# A measure quick mode leaves out is "–"; a failed one is also listed in $failed (exit 1).
missing() { { $quick || $cold_only; } && echo "–" || echo "failed"; }
secs() { [ -n "${median[$1]:-}" ] && awk -v m="${median[$1]}" 'BEGIN { printf "%.2f s", m }' || missing; }
millis() { [ -n "${median[$1]:-}" ] && awk -v m="${median[$1]}" 'BEGIN { printf "%.0f ms", m * 1000 }' || missing; }
spread() {
  [ -n "${median[$1]:-}" ] || { echo "see logs/$1.log"; return; }
  awk -v a="${low[$1]}" -v b="${high[$1]}" -v n="${count[$1]}" -v ms="${2:-}" \
    'BEGIN { f = ms ? 1000 : 1; u = ms ? "ms" : "s"; printf (ms ? "%.0f … %.0f %s (n=%d)" : "%.2f … %.2f %s (n=%d)"), a * f, b * f, u, n }'
}
ratio() { [ -n "${median[$1]:-}" ] && [ -n "${median[$2]:-}" ] && awk -v a="${median[$1]}" -v b="${median[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
# verdict VALUE LIMIT: met when VALUE <= LIMIT; "n/a" without a value.
verdict() { [ -n "$1" ] || { echo "n/a"; return; }; awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "met" : "**missed**") }'; }
times_cell() { [ -n "$1" ] && echo "$1 ×" || echo "n/a"; }

r_app=$(ratio app_synth floor)
r_dll=$(ratio app_dll floor)
r_cli=$(ratio cli_unchanged app_dll)
r_launcher=$(ratio launcher app_dll)
# What the round trips of one environment cost, against what that environment adds to the floor (2b - 1).
round_trip_ms=$([ -n "${round_trip_us:-}" ] && awk -v n="${round_trips:-0}" -v us="$round_trip_us" 'BEGIN { printf "%.0f", n * us / 1000 }')
above_floor_ms=$([ -n "${median[app_dll]:-}" ] && [ -n "${median[floor]:-}" ] && awk -v a="${median[app_dll]}" -v f="${median[floor]}" 'BEGIN { printf "%.0f", (a - f) * 1000 }')
r_cli_changed=$(ratio cli_changed cli_unchanged)
r_tests=$(ratio tests app_synth)
r_backend_jit=$(ratio backend_jit hello)
r_backend_r2r=$(ratio backend_r2r hello)
r_trigger_jit=$(ratio trigger_jit hello)
r_trigger_r2r=$(ratio trigger_r2r hello)
r_backend_pair=$(ratio backend_r2r backend_jit)
r_trigger_pair=$(ratio trigger_r2r trigger_jit)
get_us=$([ -n "${warm_ns[GetMe]:-}" ] && awk -v n="${warm_ns[GetMe]}" 'BEGIN { printf "%.2f", n / 1000 }')
post_us=$([ -n "${warm_ns[PostItems]:-}" ] && awk -v n="${warm_ns[PostItems]}" 'BEGIN { printf "%.2f", n / 1000 }')
get_b=${warm_bytes[GetMe]:-}
post_b=${warm_bytes[PostItems]:-}
if $quick; then warm_verdict="not judged (dry job: one cold call)"; else
  warm_verdict="time $(verdict "$get_us" 10), allocated $(verdict "$get_b" 4096)"
fi
fmt_bytes() { [ -n "$1" ] && [ "$1" != "-" ] && awk -v b="$1" 'BEGIN { printf "%.0f B (%.2f KB)", b, b / 1024 }' || echo "${1:-n/a}"; }

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# CognitoStack benchmark"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); mode: $($quick && echo "quick ($runs run after $warmup warm-up; indicative only)" || { $cold_only && echo "cold (rows 5, 6 and 10 only; cold path $cold_runs after $cold_warmup)"; } || echo "full (median of $runs runs after $warmup warm-up; cold path $cold_runs after $cold_warmup)"); took $(($(date +%s) - started)) s"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $load_before at start, $load_after at end"
  echo "- Tools: .NET SDK $(dotnet --version), Node $(node --version), CDK CLI $(node -p 'require("aws-cdk/package.json").version'), Amazon.CDK.Lib $(sed -nE 's/.*"Amazon.CDK.Lib" Version="([^"]+)".*/\1/p' Directory.Packages.props); timing: $([ -n "$hyperfine" ] && "$hyperfine" --version || echo 'date +%s%N loop'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "| # | Measure | Median | Spread | Target | Result |"
  echo "|---|---|---:|---|---|---|"
  if ! $cold_only; then
  echo "| 1 | jsii floor: empty App + Stack, synth (\`dotnet JsiiFloor.dll\`) | $(secs floor) | $(spread floor) | (baseline) | |"
  echo "| 1b | jsii round trips of one environment's synth (\`JSII_DEBUG=1\`), × the cost of one (\`JsiiFloor.dll … 2000\`) | ${round_trips:-?} × ${round_trip_us:-?} µs = ${round_trip_ms:-?} ms | | | of ${above_floor_ms:-?} ms that (2b) adds to (1) |"
  echo "| 2 | App synth, every environment in one process, bundling skipped (\`dotnet AppSynth.dll\`) | $(secs app_synth) | $(spread app_synth) | (reference for 4) | $(times_cell "$r_app") (1) |"
  echo "| 2b | One environment's synth: app dll, env $first_env, bundling skipped (\`CDK_CONTEXT_JSON=… dotnet CognitoStack.Cdk.dll\`) | $(secs app_dll) | $(spread app_dll) | ≤ 1.15 × (1) | $(times_cell "$r_dll") (1): $(verdict "$r_dll" 1.15) |"
  echo "| 3a | \`npx cdk synth -c env=$first_env\`, backend changed (asset.* deleted: republished) | $(secs cli_changed) | $(spread cli_changed) | | $(times_cell "$r_cli_changed") (3b) |"
  echo "| 3b | \`npx cdk synth -c env=$first_env\`, sources unchanged (app run directly by tools/app, asset cached by source hash) | $(secs cli_unchanged) | $(spread cli_unchanged) | ≤ 1.3 × (2b) | $(times_cell "$r_cli") (2b): $(verdict "$r_cli" 1.3) |"
  echo "| 3c | The app command alone, up to date (\`node tools/app/run.mjs …\`: input check + app dll) | $(secs launcher) | $(spread launcher) | | $(times_cell "$r_launcher") (2b) |"
  echo "| 3d | The CDK CLI alone (\`npx cdk --version\`) | $(secs cli_alone) | $(spread cli_alone) | | |"
  $quick || echo "| 4 | Test suite: \`dotnet test CognitoStack.sln --no-build -c Release\` | $(secs tests) | $(spread tests) | ≤ 1.5 × (2) | $(times_cell "$r_tests") (2): $(verdict "$r_tests" 1.5) |"
  fi
  for fn in Backend Triggers; do
    echo "| 5${fn:0:1} | $fn package zipped ($zip_tool): linux-arm64 ReadyToRun (deployed) vs portable IL (before) vs Native AOT (linux-x64 stand-in of row 6) | ${zip_bytes[$fn]:-failed} B | IL: ${il_zip_bytes[$fn]:-–} B; Native AOT: ${aot_zip_bytes[$fn]:-–} B | $([ "$fn" = Backend ] && echo "≤ 200 KB (204800 B)") | $([ "$fn" = Backend ] && verdict "${zip_bytes[$fn]:-}" 204800) |"
  done
  echo "| 6a | Hello-world .NET process (\`dotnet HelloWorld.dll\`) | $(millis hello) | $(spread hello ms) | (baseline) | |"
  echo "| 6b | Backend cold path (GET /me), JIT: linux-x64 IL publish | $(millis backend_jit) | $(spread backend_jit ms) | | $(times_cell "$r_backend_jit") (6a) |"
  echo "| 6c | Backend cold path (GET /me), ReadyToRun: linux-x64 stand-in for the linux-arm64 package | $(millis backend_r2r) | $(spread backend_r2r ms) | ≤ 1.2 × (6a) | $(times_cell "$r_backend_r2r") (6a): $(verdict "$r_backend_r2r" 1.2); $(times_cell "$r_backend_pair") (6b) |"
  echo "| 6d | Pre token generation cold path, JIT: linux-x64 IL publish | $(millis trigger_jit) | $(spread trigger_jit ms) | | $(times_cell "$r_trigger_jit") (6a) |"
  echo "| 6e | Pre token generation cold path, ReadyToRun: linux-x64 stand-in | $(millis trigger_r2r) | $(spread trigger_r2r ms) | ≤ 1.2 × (6a) | $(times_cell "$r_trigger_r2r") (6a): $(verdict "$r_trigger_r2r" 1.2); $(times_cell "$r_trigger_pair") (6d) |"
  r_boot() { [ -n "${median[$1]:-}" ] && echo "$(times_cell "$(ratio "$1" hello)") (6a)$([ -n "${median[hello_aot]:-}" ] && echo ", $(times_cell "$(ratio "$1" hello_aot)") (6f)")"; }
  echo "| 6f | Hello-world Native AOT process (linux-x64) | $(millis hello_aot) | $(spread hello_aot ms) | | $(times_cell "$(ratio hello_aot hello)") (6a) |"
  echo "| 6g | Backend bootstrap, ReadyToRun on the managed runtime (\`dotnet CognitoStack.Backend.dll\`): spawn to first response | $(millis backend_r2rboot) | $(spread backend_r2rboot ms) | ≤ 1.2 × (6a) | $(r_boot backend_r2rboot) |"
  echo "| 6h | Backend bootstrap, Native AOT (linux-x64 stand-in): spawn to first response | $(millis backend_aot) | $(spread backend_aot ms) | ≤ 1.2 × (6a) | $(r_boot backend_aot): $(verdict "$(ratio backend_aot hello)" 1.2) |"
  echo "| 6i | Pre token generation bootstrap, ReadyToRun on the managed runtime: spawn to first response | $(millis trigger_r2rboot) | $(spread trigger_r2rboot ms) | ≤ 1.2 × (6a) | $(r_boot trigger_r2rboot) |"
  echo "| 6j | Pre token generation bootstrap, Native AOT (linux-x64 stand-in): spawn to first response | $(millis trigger_aot) | $(spread trigger_aot ms) | ≤ 1.2 × (6a) | $(r_boot trigger_aot): $(verdict "$(ratio trigger_aot hello)" 1.2) |"
  if ! $cold_only; then
  echo "| 7a | Warm GET /me (BenchmarkDotNet ${bdn_job:-?}, mean) | ${get_us:-failed} µs, $(fmt_bytes "$get_b") | | ≤ 10 µs, ≤ 4 KB | $warm_verdict |"
  echo "| 7b | Warm POST /items (BenchmarkDotNet ${bdn_job:-?}, mean) | ${post_us:-failed} µs, $(fmt_bytes "$post_b") | | | |"
  echo "| 8 | User export, $(ex users) users from a local fake Cognito + fake S3, unpaced (\`bench/UserExport\`) | $(ex seconds) s, peak RSS $([ -n "$export_rss_kb" ] && awk -v k="$export_rss_kb" 'BEGIN { printf "%.0f MB", k / 1024 }' || echo "$(ex peakWorkingSetMB) MB") | GC heap $(ex peakGcHeapMB) MB; $(ex files) files, $(ex gzipBytes) B gzip; $(ex pages) pages = $(ex secondsAt10rps) s at 10 requests/s | constant memory | |"
  echo "| 9 | First SigV4 signature in a fresh process, env credentials: ours vs AWSSDK.Core 4.1.1 (\`bench/SignerChoice\`, median of $signer_runs) | ${signer_ours:-?} ms vs ${signer_sdk:-?} ms | DLL ${common_dll_bytes:-?} B vs ${sdk_dll_bytes:-?} B | ≤ 1.3 × ours to switch | $(verdict "$( [ -n "$signer_sdk" ] && [ -n "$signer_ours" ] && awk -v a="$signer_sdk" -v b="$signer_ours" 'BEGIN { printf "%.2f", a / b }')" 1.3): keep ours unless met |"
  fi
  for fn in Backend Triggers; do
    echo "| 10${fn:0:1} | $fn publish, first build in this run (linux-x64, restore done): ReadyToRun vs Native AOT | ${r2r_publish_s[$fn]:-–} s vs ${aot_publish_s[$fn]:-–} s | | | $([ -n "${aot_publish_s[$fn]:-}" ] && [ -n "${r2r_publish_s[$fn]:-}" ] && [ "${r2r_publish_s[$fn]}" -gt 0 ] && awk -v a="${aot_publish_s[$fn]}" -v r="${r2r_publish_s[$fn]}" 'BEGIN { printf "%.1f ×", a / r }') |"
  done
  echo
  echo "Cold paths inside the process (medians, ms: since process start; load assembly, construct the handler (now with its warm-up), first invoke):"
  for key in backend_jit backend_r2r trigger_jit trigger_r2r; do
    [ -n "${cold_parts[$key]:-}" ] && read -r c_since c_load c_construct c_invoke <<<"${cold_parts[$key]}" &&
      echo "- $key: $c_since since start; load $c_load, construct $c_construct, first invoke $c_invoke"
  done
  echo
  echo "Ratios compare medians measured in this run. Logs: bench/results/logs/; BenchmarkDotNet reports: bench/results/bdn/results/."
} >"$results/latest.md"

cat "$results/latest.md"
if [ -n "$failed" ]; then
  echo "benchmark: failed:$failed" >&2
  exit 1
fi

#!/usr/bin/env bash
# The user migration trigger's worst cold path, measured (docs/performance.md, "User migration within Cognito's
# 5 seconds"): a fresh process per run, both old-pool calls stalled by a loopback proxy until their timeout.
#
#   bash bench/migration-timeout.sh [RUNS]    default 5 runs; prints each run's JSON line, then median and max
#
# Cognito waits 5 seconds for a trigger and that cannot be changed; the figure to read is the max of
# sinceProcessStartMs (process start, .NET start, construction, both calls at their timeout, the refusal).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/MigrationTimeout/MigrationTimeout.csproj -c Release -v q -nologo >/dev/null
dll=bench/MigrationTimeout/bin/Release/net10.0/MigrationTimeout.dll
event=tests/CognitoStack.Triggers.Tests/Fixtures/user-migration-authentication.json
results=()
for _ in $(seq "$runs"); do
  line=$(dotnet "$dll" "$event" 2>/dev/null | tail -n 1)
  echo "$line"
  case "$line" in *'"ok":true'*) ;; *) echo "run failed: $line" >&2; exit 1 ;; esac
  results+=("$(sed -E 's/.*"sinceProcessStartMs":([0-9.]+).*/\1/' <<<"$line")")
done
printf '%s\n' "${results[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "runs %d: median %.0f ms, max %.0f ms from process start to the refusal (Cognito waits 5,000 ms)\n", NR, v[int((NR + 1) / 2)], v[NR] }'

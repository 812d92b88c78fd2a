#!/usr/bin/env bash
# The restore tool's own time and peak memory for N users (default 10,000): generates an export
# (generate-export.py), then runs the published tool once to warm the disk cache and three times measured.
# Usage: bash bench/restore/run.sh [users]
set -euo pipefail
cd "$(dirname "$0")/../.."
users=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/restore/generate-export.py "$users" "$work/export"
dotnet publish src/CognitoStack.Restore -c Release -o "$work/tool" --nologo -v q >/dev/null
for run in warm 1 2 3; do
  rm -rf "$work/out"
  /usr/bin/time -f "run $run: %e s elapsed, %M KB peak RSS" dotnet "$work/tool/CognitoStack.Restore.dll" \
    --export "$work/export" --csv-header "$work/header.json" --out "$work/out" --pool-mfa OPTIONAL >/dev/null
done
files=$(find "$work/out" -name 'users-*.csv' | wc -l)
echo "users: $users; CSV rows written: $(($(cat "$work"/out/users-*.csv | wc -l) - files))"

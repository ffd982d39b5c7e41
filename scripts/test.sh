#!/usr/bin/env bash
# Sets up what is missing and runs every test. Extra arguments go to `dotnet test`
# (e.g. --filter FullyQualifiedName~Sim). Long soak/scale tests run only with HARNESS_SOAK=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS_SKIP_BUILD=1 "$ROOT/scripts/setup.sh"
mkdir -p "$ROOT/.deps" && touch "$ROOT/.deps/setup.stamp"
RESULTS="$ROOT/tests/Harness.Tests/TestResults"
rm -rf "$RESULTS"
dotnet test "$ROOT/tests/Harness.Tests/Harness.Tests.csproj" -c Release -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$RESULTS" "$@"

#!/usr/bin/env bash
# Runs tools/Benches as the product is installed: deploy/install.sh publishes the ETL and the API with ReadyToRun
# code, so a bench child that loads one month should not compile at start what the installed `analytics-load` does
# not (about 0.4 s of JIT in a 2.3 s monthly load at 10M tickets). Arguments go to the bench, e.g.
#   scripts/bench.sh load --tickets 10000000 --steps month --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish tools/Benches -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench-out/bin --nologo -v quiet
exec dotnet bench-out/bin/Analytics.Benches.dll "$@"

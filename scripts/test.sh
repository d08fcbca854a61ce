#!/usr/bin/env bash
# The README's test command: installs what the tests need (scripts/setup-debian.sh), then runs every test.
# Extra arguments go to dotnet test, e.g. scripts/test.sh --filter FullyQualifiedName~Api
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup-debian.sh
exec dotnet test Analytics.sln "$@"

#!/usr/bin/env bash
# The README's main command: installs the CJK font and Chromium charts and PDF reports need (when root), loads
# data-samples/ (or the source given as arguments to `load`) into the warehouse, then serves the API.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup-debian.sh --serve
dotnet run --project etl -- load "$@"
exec dotnet run --project api

#!/usr/bin/env bash
# Installs the Debian packages this repository needs beyond the .NET SDK, only those missing; safe to run again.
#   scripts/setup-debian.sh          what the tests need (xmllint, CJK font, Chromium, pdftotext, Jupyter, pandas,
#                                    R with jsonlite, Node.js and the npm OData client of tests/odata-js, from its lock file,
#                                    Prometheus to scrape the API, systemd-analyze to check deploy/'s units)
#   scripts/setup-debian.sh --serve  what serving charts and PDF reports needs (CJK font, Chromium)
# Not root and no password-less sudo: prints what is missing and the command to install it, and exits 0 so the
# caller carries on (charts and PDFs then answer 503 saying what to install; the tests that need them fail).
set -euo pipefail

serve=(fonts-wqy-microhei chromium)
test=(libxml2-utils fonts-wqy-microhei chromium poppler-utils jupyter-nbconvert python3-ipykernel python3-pandas python3-requests r-base-core r-cran-jsonlite prometheus systemd)
# Node.js from Debian only where no npm is on the machine: a NodeSource Node.js carries its own npm, and Debian's npm
# package conflicts with it ("held broken packages").
if ! command -v npm >/dev/null 2>&1; then test+=(nodejs npm); fi
if [ "${1:-}" = "--serve" ]; then wanted=("${serve[@]}"); else wanted=("${test[@]}"); fi

# The npm OData client the tests page the feed with: installed here, from the lock file, so no test fetches anything.
# Runs on every exit below, once the Debian packages are settled.
npm_client() {
  local folder
  folder="$(cd "$(dirname "$0")/.." && pwd)/tests/odata-js"
  if [ "${wanted[*]}" = "${test[*]}" ] && command -v npm >/dev/null 2>&1 && [ ! -d "$folder/node_modules/odata" ]; then
    npm ci --prefix "$folder" --no-audit --no-fund --silent && echo "setup: npm OData client installed in tests/odata-js"
  fi
}
trap npm_client EXIT

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: Debian packages present (${wanted[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian machine (no apt-get); install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "setup: skipped, not root. Missing: ${missing[*]}. Install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 0
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}"

#!/usr/bin/env bash
# Install everything the tests need (Python packages, and the Debian packages for the real
# Virtuoso server and headless Chromium when missing), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# constraints.txt pins every package (direct and transitive): a new release upstream cannot
# break a fresh clone; upgrades are made on purpose by regenerating it (see README).
python3 -m pip install -q -c constraints.txt -e '.[test]'
need=()
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
exec python3 -m pytest -q "$@"

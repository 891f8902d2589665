#!/usr/bin/env bash
# Install the newest release of every dependency in a throwaway venv and run the tests there.
#
# constraints.txt pins everything so that a fresh clone installs what was tested (scripts/test.sh
# and .ci/run use it). This script does the opposite on purpose: it shows what a plain
# `pip install -e '.[test]'` would get today and whether the tests still pass with it, so an
# upstream release that breaks us (pytest 9.2 broke schemathesis) is found before it bites.
#
# Usage: bash scripts/try-newest.sh [--ignore-caps] [pytest args...]
#   default        newest versions the ranges in pyproject.toml allow
#   --ignore-caps  newest versions, past the upper bounds too (can a cap be raised?)
# If the tests pass, adopt the versions with the upgrade recipe in README.
set -euo pipefail
cd "$(dirname "$0")/.."
ignore_caps=0
if [ "${1:-}" = "--ignore-caps" ]; then
  ignore_caps=1
  shift
fi
venv="$(mktemp -d "${TMPDIR:-/tmp}/pressgraph-newest-XXXXXX")"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install -q --upgrade pip
if [ "$ignore_caps" = 1 ]; then
  "$py" -m pip install -q --no-deps -e .
  # shellcheck disable=SC2046  # one argument per package name
  "$py" -m pip install -q --upgrade --upgrade-strategy eager $("$py" - <<'PY'
import re
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0])
PY
)
else
  "$py" -m pip install -q --upgrade --upgrade-strategy eager -e '.[test]'
fi
echo "== versions that differ from constraints.txt (pinned -> newest):"
"$py" -m pip freeze --exclude-editable > "$venv/newest.txt"
"$py" - "$venv/newest.txt" <<'PY'
import sys


def pins(path):
    with open(path) as lines:
        pairs = (line.strip().partition("==") for line in lines)
        return {name.lower().replace("_", "-"): version for name, _, version in pairs if version}


pinned, newest = pins("constraints.txt"), pins(sys.argv[1])
for name, version in sorted(newest.items()):
    if pinned.get(name) != version:
        print(f"  {name}: {pinned.get(name, '(not pinned)')} -> {version}")
PY
status=0
"$py" -m pytest -q -p no:cacheprovider "$@" || status=$?
exit "$status"  # the trap removes the venv

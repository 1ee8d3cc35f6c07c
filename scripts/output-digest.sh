#!/usr/bin/env bash
# Prints one sha256 per output of the built CLI (dist/cli/main.js) over a set of estates, so that a refactoring can be
# checked to change no output: run it before and after and compare. Times, the data dir and the checkout's path are masked.
#   scripts/output-digest.sh [estate-dir ...]     (default: examples/contoso)
set -euo pipefail
cli="node $(pwd)/dist/cli/main.js"
estates=("$@")
[ ${#estates[@]} -eq 0 ] && estates=(examples/contoso)
root=$(pwd)
mask() { sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g; s#/tmp/digest\.[A-Za-z0-9]+#<dir>#g; s#${root}#<checkout>#g"; }
for estate in "${estates[@]}"; do
  dir=$(mktemp -d /tmp/digest.XXXXXX)
  $cli scan "$estate" --data-dir "$dir" -q >/dev/null || true
  outputs=(
    "paths --format json"
    "paths --format csv"
    "paths --group-by fix --format json"
    "findings --format json"
    "findings --format sarif"
    "inventory --format json"
    "goals --format json"
    "report --format md"
  )
  for t in queries/templates/*.yaml; do outputs+=("explore --template $(basename "$t" .yaml) --format json --first 1000"); done
  for o in "${outputs[@]}"; do
    # shellcheck disable=SC2086
    out=$($cli $o --data-dir "$dir" 2>&1) && code=0 || code=$?
    printf '%s\t%s\texit %s\t%s\n' "$(basename "$estate")" "$o" "$code" "$(printf '%s' "$out" | mask | sha256sum | cut -c1-16)"
  done
  rm -rf "$dir"
done

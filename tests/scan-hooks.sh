#!/usr/bin/env bash
# Scans executables for the test hooks' names (tests/hook-names.sh).
#   tests/scan-hooks.sh absent FILE...   every file is a non-empty executable with none of them
#   tests/scan-hooks.sh present FILE...  every name is in the files (the positive control: the
#                                        scan can see what it looks for)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=$1
shift
[ $# -gt 0 ] || { echo "scan-hooks: no file to scan" >&2; exit 1; }
mapfile -t names < <(tests/hook-names.sh)
[ "${#names[@]}" -ge 3 ] || { echo "scan-hooks: only ${#names[@]} hook names found in the code" >&2; exit 1; }
text=$(mktemp)
trap 'rm -f "$text"' EXIT
for file in "$@"; do
  [ -s "$file" ] || { echo "scan-hooks: $file is missing or empty" >&2; exit 1; }
  # ASCII and UTF-16LE strings: a Windows executable keeps some text in UTF-16.
  strings -a "$file" >>"$text"
  strings -a -el "$file" >>"$text"
done
[ -s "$text" ] || { echo "scan-hooks: no strings read from $*" >&2; exit 1; }
found=()
for name in "${names[@]}"; do
  grep -qF -- "$name" "$text" && found+=("$name")
done
case $mode in
  absent)
    if [ "${#found[@]}" -gt 0 ]; then
      echo "scan-hooks: test hooks in a shipped build ($*): ${found[*]}" >&2
      exit 1
    fi
    echo "scan-hooks: none of ${#names[@]} hook names in $*" ;;
  present)
    if [ "${#found[@]}" -ne "${#names[@]}" ]; then
      echo "scan-hooks: the test-hook build shows only ${found[*]:-none} of ${names[*]}" >&2
      exit 1
    fi
    echo "scan-hooks: all ${#names[@]} hook names found in the test-hook build" ;;
  *) echo "usage: $0 absent|present FILE..." >&2; exit 2 ;;
esac

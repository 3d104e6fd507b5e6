#!/usr/bin/env bash
# Templates as code at scale, against the sandbox, as medians of R alternating runs (default 5),
# each on a fresh sandbox, with N templates (default 1,000) of the realistic example
# (examples/corporate-enrollment.json, an Entra ID app whose secret comes from
# WINROLL_CLIENT_SECRET), one file each:
#   - `winroll apply DIR` of N new templates against `winroll create --batch` of the same
#     templates (both 4 at once): apply plans first, then runs the same batch engine;
#   - `winroll plan DIR` of N templates the organization holds (nothing to change) against one
#     curl process fetching the same pages of the list (100 a page): the floor for reading them;
#   - peak memory of plan and of apply at 10 N templates against N.
# Every run must end as it should (apply: N created; plan: exit 0, nothing to change), or the
# run fails. Targets (full mode): apply at most 1.1x the batch, plan at most 1.5x curl, peak
# memory at 10 N at most 2x that at N. `--short` (the test command): 40 templates, one run,
# figures and counts checked, no target judged.
set -euo pipefail
cd "$(dirname "$0")/../.."
short=0
if [ "${1:-}" = --short ]; then short=1; shift; fi
n=${1:-$([ "$short" = 1 ] && echo 40 || echo 1000)}
runs=${2:-$([ "$short" = 1 ] && echo 1 || echo 5)}
source tests/bench/lib.sh
build_winroll "$short"
export WINROLL_CLIENT_SECRET=bench-client-secret

# COUNT PREFIX: a folder and an NDJSON file of the same COUNT templates; sets $folder, $ndjson.
make_both() {
  folder="$work/folder-$2"
  ndjson="$work/$2.ndjson"
  rm -rf "$folder"
  make_example "$1" "$2" "$ndjson"
  split_into_folder "$ndjson" "$folder"
}

run_apply() { # RUN
  make_both "$n" "apply-$1"
  local start took
  start=$(seconds)
  "$bin" apply "$folder" --base-url "$url" --org winroll-demo --concurrency 4 >/dev/null 2>&1 || fail "winroll apply failed"
  took=$(elapsed "$start")
  [ "$(held)" -eq "$n" ] || fail "apply made $(held) of $n"
  echo "$took"
}

run_batch() { # RUN
  make_both "$n" "batch-$1"
  rm -f "$work/r.ndjson"
  local start took
  start=$(seconds)
  "$bin" create --batch "$ndjson" --base-url "$url" --org winroll-demo --concurrency 4 --report "$work/r.ndjson" >/dev/null 2>&1 ||
    fail "winroll create --batch failed"
  took=$(elapsed "$start")
  [ "$(held)" -eq "$n" ] || fail "the batch made $(held) of $n"
  echo "$took"
}

# FOLDER: the organization holds its templates (the apply just before): nothing to change. The
# folder is named, not read from $folder: run_apply set that in the subshell it ran in.
run_plan() {
  local start took
  start=$(seconds)
  "$bin" plan "$1" --base-url "$url" --org winroll-demo >/dev/null 2>&1 || fail "winroll plan did not plan clean"
  took=$(elapsed "$start")
  echo "$took"
}

run_pages() {
  local pages=$(((n + 99) / 100))
  : >"$work/pages.cfg"
  for page in $(seq "$pages"); do
    # `next` separates one URL's options from the next; after the last it would start an empty
    # one, which curl refuses ("no URL specified").
    [ "$page" -eq 1 ] || echo next >>"$work/pages.cfg"
    printf 'url = "%s?page=%d&limit=100"\nheader = "authorization: Bearer bench-token"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nfail\n' \
      "$list" "$page" >>"$work/pages.cfg"
  done
  local start took
  start=$(seconds)
  curl -sS -K "$work/pages.cfg" >"$work/page-codes" 2>"$work/pages.err" || fail "curl: a page failed: $(head -3 "$work/pages.err")"
  took=$(elapsed "$start")
  [ "$(grep -c '^200$' "$work/page-codes")" -eq "$pages" ] || fail "curl read $(grep -c '^200$' "$work/page-codes") of $pages pages"
  echo "$took"
}

declare -a a b p c
for run in $(seq "$runs"); do
  if ((run % 2)); then order=(apply batch); else order=(batch apply); fi
  for tool in "${order[@]}"; do
    fresh_sandbox
    case $tool in
      apply)
        a+=("$(run_apply "$run")")
        # Plan and the pages, alternating, on what apply just made.
        if ((run % 2)); then p+=("$(run_plan "$work/folder-apply-$run")"); c+=("$(run_pages)"); else c+=("$(run_pages)"); p+=("$(run_plan "$work/folder-apply-$run")"); fi ;;
      batch) b+=("$(run_batch "$run")") ;;
    esac
  done
  printf 'run %d: apply %.3f s, create --batch %.3f s; plan %.3f s, curl pages %.3f s\n' "$run" "${a[-1]}" "${b[-1]}" "${p[-1]}" "${c[-1]}"
done
am=$(median "${a[@]}"); bm=$(median "${b[@]}"); pm=$(median "${p[@]}"); cm=$(median "${c[@]}")

# Peak memory at N and 10 N: apply into a fresh organization, then plan what it made.
peaks() { # COUNT PREFIX: sets apply_peak and plan_peak
  fresh_sandbox
  make_both "$1" "$2"
  measure "$work/$2.apply" "$bin" apply "$folder" --base-url "$url" --org winroll-demo --concurrency 4
  [ "$(held)" -eq "$1" ] || fail "the memory run made $(held) of $1"
  measure "$work/$2.plan" "$bin" plan "$folder" --base-url "$url" --org winroll-demo
  apply_peak=$(awk '{ print $2 }' "$work/$2.apply")
  plan_peak=$(awk '{ print $2 }' "$work/$2.plan")
}
peaks "$n" mem-small
apply_small=$apply_peak plan_small=$plan_peak
peaks "$((n * 10))" mem-large
apply_large=$apply_peak plan_large=$plan_peak

apply_vs=$(ratio "$am" "$bm")
plan_vs=$(ratio "$pm" "$cm")
apply_memory=$(ratio "$apply_large" "$apply_small")
plan_memory=$(ratio "$plan_large" "$plan_small")
printf '\n%d templates of the example, medians of %d runs\n' "$n" "$runs"
printf 'apply %.3f s, create --batch %.3f s: %.2fx (target: at most 1.10x)\n' "$am" "$bm" "$apply_vs"
printf 'plan %.3f s, curl reading the same pages %.3f s: %.2fx (target: at most 1.50x)\n' "$pm" "$cm" "$plan_vs"
printf 'peak RSS of apply: %d templates %.1f MiB, %d templates %.1f MiB: %.2fx (target: at most 2.00x)\n' \
  "$n" "$(echo "$apply_small / 1024" | bc -l)" "$((n * 10))" "$(echo "$apply_large / 1024" | bc -l)" "$apply_memory"
printf 'peak RSS of plan: %d templates %.1f MiB, %d templates %.1f MiB: %.2fx (target: at most 2.00x)\n' \
  "$n" "$(echo "$plan_small / 1024" | bc -l)" "$((n * 10))" "$(echo "$plan_large / 1024" | bc -l)" "$plan_memory"
if [ "$short" = 1 ]; then
  echo "short run: every figure is a number and every count is whole; targets are judged in the full run"
  exit 0
fi
missed=()
(( $(echo "$apply_vs > 1.1" | bc -l) )) && missed+=("apply against the batch")
(( $(echo "$plan_vs > 1.5" | bc -l) )) && missed+=("plan against curl")
(( $(echo "$apply_memory > 2" | bc -l) )) && missed+=("apply memory")
(( $(echo "$plan_memory > 2" | bc -l) )) && missed+=("plan memory")
if [ "${#missed[@]}" -gt 0 ]; then
  echo "MISSED: ${missed[*]}"
  exit 1
fi
echo "every target met"

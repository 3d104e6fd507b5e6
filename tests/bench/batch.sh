#!/usr/bin/env bash
# Creating N templates (default 1,000) against the sandbox, as medians of R alternating runs
# (default 5), each on a fresh sandbox, for two kinds of body: a small one, and the realistic
# example (examples/corporate-enrollment.json, about 1.4 KB with an Entra ID app whose secret
# winroll fills in from WINROLL_CLIENT_SECRET and curl's bodies carry):
#   - `winroll create --batch --concurrency 4` (validates all, then a report line per item);
#   - curl --parallel --parallel-max 4 from one config file (one process, kept-alive connections):
#     the strongest peer;
#   - a sequential loop of one curl process per body (what an admin's script does; small bodies).
# Every request must succeed and every template must be created (counted in winroll's report and
# in the sandbox), or the run fails. Then winroll's peak memory at N and 10 N items of about
# 2 KiB each, and one template at a time: `winroll create FILE` against one curl call.
#
# Targets (full mode): at most 1.0x curl --parallel's time for both bodies, at least 10x faster
# than the loop, peak memory at 10 N at most 1.5x that at N, a single create at most 1.3x curl's.
# `--short` (the test command): 40 items, one run, every figure checked to be a number and every
# count checked, no target judged.
set -euo pipefail
cd "$(dirname "$0")/../.."
short=0
if [ "${1:-}" = --short ]; then short=1; shift; fi
n=${1:-$([ "$short" = 1 ] && echo 40 || echo 1000)}
runs=${2:-$([ "$short" = 1 ] && echo 1 || echo 5)}
source tests/bench/lib.sh
build_winroll "$short"
export WINROLL_CLIENT_SECRET=bench-client-secret

# KIND PREFIX FILE: the bodies winroll reads (the example without its secret).
bodies_for_winroll() { if [ "$1" = small ]; then make_small "$n" "$2" "$3"; else make_example "$n" "$2" "$3"; fi; }
# KIND PREFIX FILE: the same bodies as curl sends them (the example with its secret).
bodies_for_curl() { if [ "$1" = small ]; then make_small "$n" "$2" "$3"; else make_example "$n" "$2" "$3" "$WINROLL_CLIENT_SECRET"; fi; }

run_winroll() { # KIND RUN
  bodies_for_winroll "$1" "winroll-$2" "$work/w.ndjson"
  rm -f "$work/r.ndjson"
  local start took created
  start=$(seconds)
  "$bin" create --batch "$work/w.ndjson" --base-url "$url" --org winroll-demo --concurrency 4 --report "$work/r.ndjson" 2>/dev/null ||
    fail "winroll create --batch failed"
  took=$(elapsed "$start")
  created=$(grep -c '"status":"created"' "$work/r.ndjson" || true)
  [ "$created" -eq "$n" ] || fail "winroll created $created of $n"
  [ "$(held)" -eq "$n" ] || fail "the sandbox holds $(held) of $n"
  echo "$took"
}

run_parallel() { # KIND RUN
  bodies_for_curl "$1" "parallel-$2" "$work/p.ndjson"
  mkdir -p "$work/bodies"; rm -f "$work/bodies/"*
  python3 - "$work/p.ndjson" "$work/bodies" "$endpoint" >"$work/curl.cfg" <<'PY'
import sys
src, dst, endpoint = sys.argv[1:4]
for i, line in enumerate(open(src)):
    path = f"{dst}/{i}.json"
    open(path, "w").write(line)
    # `next` separates transfers; one after the last would start an empty one.
    if i:
        print("next")
    print(f'url = "{endpoint}"\nrequest = "POST"\nheader = "authorization: Bearer bench-token"\n'
          f'header = "content-type: application/json"\ndata-binary = "@{path}"\noutput = "/dev/null"\n'
          f'write-out = "%{{http_code}}\\n"\nfail')
PY
  local start took ok
  start=$(seconds)
  curl -sS --parallel --parallel-max 4 -K "$work/curl.cfg" >"$work/codes" 2>"$work/curl.err" ||
    fail "curl --parallel: a request failed: $(head -3 "$work/curl.err")"
  took=$(elapsed "$start")
  ok=$(grep -c '^2[0-9][0-9]$' "$work/codes" || true)
  [ "$ok" -eq "$n" ] || fail "curl --parallel created $ok of $n"
  [ "$(held)" -eq "$n" ] || fail "the sandbox holds $(held) of $n"
  echo "$took"
}

run_loop() { # RUN
  make_small "$n" "loop-$1" "$work/l.ndjson"
  local start
  start=$(seconds)
  while IFS= read -r body; do
    curl -sS --fail -o /dev/null -X POST "$endpoint" -H "authorization: Bearer bench-token" \
      -H "content-type: application/json" --data-binary "$body" || fail "the curl loop: a request failed"
  done <"$work/l.ndjson"
  local took
  took=$(elapsed "$start")
  [ "$(held)" -eq "$n" ] || fail "the sandbox holds $(held) of $n"
  echo "$took"
}

declare -a ws ps we pe l
for run in $(seq "$runs"); do
  # The order rotates so no tool always goes first.
  order=(winroll parallel loop)
  for _ in $(seq $(((run - 1) % 3))); do order=("${order[@]:1}" "${order[0]}"); done
  for tool in "${order[@]}"; do
    case $tool in
      winroll)
        fresh_sandbox; ws+=("$(run_winroll small "$run")")
        fresh_sandbox; we+=("$(run_winroll example "$run")") ;;
      parallel)
        fresh_sandbox; ps+=("$(run_parallel small "$run")")
        fresh_sandbox; pe+=("$(run_parallel example "$run")") ;;
      loop) fresh_sandbox; l+=("$(run_loop "$run")") ;;
    esac
  done
  printf 'run %d: small: winroll %.3f s, curl --parallel %.3f s; example: winroll %.3f s, curl --parallel %.3f s; curl loop %.3f s\n' \
    "$run" "${ws[-1]}" "${ps[-1]}" "${we[-1]}" "${pe[-1]}" "${l[-1]}"
done
wsm=$(median "${ws[@]}"); psm=$(median "${ps[@]}")
wem=$(median "${we[@]}"); pem=$(median "${pe[@]}")
lm=$(median "${l[@]}")

# Peak memory at N and 10 N items: every item created, or the figure means nothing.
fresh_sandbox
make_small "$n" "mem-small" "$work/m1.ndjson" 100
measure "$work/m1.time" "$bin" create --batch "$work/m1.ndjson" --base-url "$url" --org winroll-demo --report "$work/m1.report"
read -r time_small peak_small <"$work/m1.time"
[ "$(grep -c '"status":"created"' "$work/m1.report")" -eq "$n" ] || fail "the memory run at $n did not create every item"
# Ten times the items into one organization: with the sandbox's name index, creating the last
# thousand costs what the first thousand did, so the time grows about tenfold, not a hundredfold.
fresh_sandbox
make_small "$((n * 10))" "mem-large" "$work/m2.ndjson" 100
measure "$work/m2.time" "$bin" create --batch "$work/m2.ndjson" --base-url "$url" --org winroll-demo --report "$work/m2.report"
read -r time_large peak_large <"$work/m2.time"
[ "$(grep -c '"status":"created"' "$work/m2.report")" -eq "$((n * 10))" ] || fail "the memory run at $((n * 10)) did not create every item"
item_bytes=$(( $(wc -c <"$work/m1.ndjson") / n ))

# One template, one process each, alternating, on one sandbox: `winroll create FILE` against one
# curl call with the same body (what an admin's script does per template).
fresh_sandbox
make_small 21 "single" "$work/s.ndjson"
declare -a sw sc
i=0
while IFS= read -r body; do
  i=$((i + 1))
  printf '%s\n' "$body" >"$work/single.json"
  start=$(seconds)
  if ((i % 2)); then
    "$bin" create "$work/single.json" --base-url "$url" --org winroll-demo >/dev/null 2>&1 || fail "winroll create failed"
    sw+=("$(elapsed "$start")")
  else
    curl -sS --fail -o /dev/null -X POST "$endpoint" -H "authorization: Bearer bench-token" \
      -H "content-type: application/json" --data-binary "@$work/single.json" || fail "curl failed"
    sc+=("$(elapsed "$start")")
  fi
done <"$work/s.ndjson"
[ "$(held)" -eq 21 ] || fail "the single creates made $(held) of 21"
swm=$(median "${sw[@]}"); scm=$(median "${sc[@]}")

small_vs=$(ratio "$wsm" "$psm")
example_vs=$(ratio "$wem" "$pem")
vs_loop=$(ratio "$lm" "$wsm")
memory=$(ratio "$peak_large" "$peak_small")
scale=$(ratio "$time_large" "$time_small")
single=$(ratio "$swm" "$scm")
printf '\n%d templates, medians of %d runs\n' "$n" "$runs"
printf 'small body:   winroll create --batch (4 at once) %.3f s, curl --parallel --parallel-max 4 %.3f s: %.2fx (target: at most 1.00x)\n' "$wsm" "$psm" "$small_vs"
printf 'the example:  winroll create --batch (4 at once) %.3f s, curl --parallel --parallel-max 4 %.3f s: %.2fx (target: at most 1.00x)\n' "$wem" "$pem" "$example_vs"
printf 'sequential curl loop %.3f s: winroll is %.1fx faster (target: at least 10x)\n' "$lm" "$vs_loop"
printf 'single create, %d and %d alternating: winroll create %.3f s, one curl call %.3f s: %.2fx (target: at most 1.30x)\n' \
  "${#sw[@]}" "${#sc[@]}" "$swm" "$scm" "$single"
printf 'peak RSS, items of %d bytes: %d items %.1f MiB, %d items %.1f MiB: %.2fx (target: at most 1.50x)\n' \
  "$item_bytes" "$n" "$(echo "$peak_small / 1024" | bc -l)" "$((n * 10))" "$(echo "$peak_large / 1024" | bc -l)" "$memory"
printf 'sandbox at scale: %d items %.2f s, %d items %.2f s: %.1fx (target: at most 12x)\n' \
  "$n" "$time_small" "$((n * 10))" "$time_large" "$scale"
if [ "$short" = 1 ]; then
  echo "short run: every figure is a number and every count is whole; targets are judged in the full run"
  exit 0
fi
missed=()
(( $(echo "$scale > 12" | bc -l) )) && missed+=("sandbox at scale")
(( $(echo "$small_vs > 1.0" | bc -l) )) && missed+=("curl --parallel, small body")
(( $(echo "$example_vs > 1.0" | bc -l) )) && missed+=("curl --parallel, the example")
(( $(echo "$vs_loop < 10" | bc -l) )) && missed+=("curl loop")
(( $(echo "$memory > 1.5" | bc -l) )) && missed+=("flat memory")
(( $(echo "$single > 1.3" | bc -l) )) && missed+=("single create")
if [ "${#missed[@]}" -gt 0 ]; then
  echo "MISSED: ${missed[*]}"
  exit 1
fi
echo "every target met"

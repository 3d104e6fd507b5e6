#!/usr/bin/env bash
# Creating N templates (default 1,000) against the sandbox, as medians of R alternating runs
# (default 3), each on a fresh sandbox:
#   - `winroll create --batch --concurrency 4` (validates all, then a report line per item);
#   - curl --parallel --parallel-max 4 from one config file (one process, kept-alive connections):
#     the strongest peer;
#   - a sequential loop of one curl process per body (what an admin's script does).
# Every request must succeed (curl --fail, winroll's report) and every template must be created,
# or the run fails. Then winroll's peak memory at N and 10 N items of about 2 KiB each.
# Then one template at a time: `winroll create FILE` against one curl call (11 and 10, alternating).
# Exits non-zero when a target is missed: at most 1.0x curl --parallel's time, at least 10x faster
# than the loop, peak memory at 10 N at most 1.5x that at N, a single create at most 1.3x curl's.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}
runs=${2:-3}
cargo build --release --locked -q -p winroll-cli
bin=$PWD/target/release/winroll
work=$(mktemp -d)
sandbox_pid=
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
export WINROLL_TOKEN=bench-token

fresh_sandbox() {
  [ -n "$sandbox_pid" ] && { kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; }
  "$bin" sandbox --port 0 --token bench-token >"$work/sandbox.log" &
  sandbox_pid=$!
  for _ in $(seq 100); do grep -q '^listening on' "$work/sandbox.log" 2>/dev/null && break; sleep 0.05; done
  url=$(sed -n 's/^listening on //p' "$work/sandbox.log")
  endpoint="$url/v1/organizations/winroll-demo/mdm/windows/enterprise/enrollment-templates/"
}

make_batch() { # COUNT PREFIX FILE [PAD]: NDJSON, one template a line; PAD grows each item
  python3 - "$1" "$2" "${4:-0}" >"$3" <<'PY'
import json, sys
count, prefix, pad = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    rule = {"name": "All", "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0",
            "winPolicyAssignments": [{"winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": i % 10001}]}
    if pad:
        rule["tags"] = [f"tag-{i}-{k:04d}" for k in range(pad)]
    print(json.dumps({"name": f"{prefix} {i}", "description": "benchmark", "rules": [rule]}))
PY
}

# The clock is bash's own: a python or date process per reading added about 0.1 s to every run,
# the same to each tool, which pulled every ratio towards 1.
seconds() { echo "$EPOCHREALTIME"; }
elapsed() { echo "$EPOCHREALTIME - $1" | bc; }

run_winroll() { # RUN
  make_batch "$n" "winroll-$1" "$work/w.ndjson"
  rm -f "$work/r.ndjson"
  local start; start=$(seconds)
  "$bin" create --batch "$work/w.ndjson" --base-url "$url" --org winroll-demo --concurrency 4 --report "$work/r.ndjson" 2>/dev/null
  local took; took=$(elapsed "$start")
  local created; created=$(grep -c '"status":"created"' "$work/r.ndjson" || true)
  [ "$created" -eq "$n" ] || { echo "winroll created $created of $n" >&2; exit 1; }
  echo "$took"
}

run_parallel() { # RUN
  make_batch "$n" "parallel-$1" "$work/p.ndjson"
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
  local start; start=$(seconds)
  curl -sS --parallel --parallel-max 4 -K "$work/curl.cfg" >"$work/codes" 2>"$work/curl.err" ||
    { echo "curl --parallel: a request failed: $(head -3 "$work/curl.err")" >&2; exit 1; }
  local took; took=$(elapsed "$start")
  local ok; ok=$(grep -c '^2[0-9][0-9]$' "$work/codes" || true)
  [ "$ok" -eq "$n" ] || { echo "curl --parallel created $ok of $n" >&2; exit 1; }
  echo "$took"
}

run_loop() { # RUN
  make_batch "$n" "loop-$1" "$work/l.ndjson"
  local start; start=$(seconds)
  while IFS= read -r body; do
    curl -sS --fail -o /dev/null -X POST "$endpoint" -H "authorization: Bearer bench-token" \
      -H "content-type: application/json" --data-binary "$body"
  done <"$work/l.ndjson"
  elapsed "$start"
}

declare -a w p l
for run in $(seq "$runs"); do
  # The order rotates so no tool always goes first.
  order=(winroll parallel loop)
  for _ in $(seq $(((run - 1) % 3))); do order=("${order[@]:1}" "${order[0]}"); done
  for tool in "${order[@]}"; do
    fresh_sandbox
    case $tool in
      winroll) w+=("$(run_winroll "$run")") ;;
      parallel) p+=("$(run_parallel "$run")") ;;
      loop) l+=("$(run_loop "$run")") ;;
    esac
  done
  printf 'run %d: winroll %.3f s, curl --parallel %.3f s, curl loop %.3f s\n' "$run" "${w[-1]}" "${p[-1]}" "${l[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
wm=$(median "${w[@]}"); pm=$(median "${p[@]}"); lm=$(median "${l[@]}")

# Elapsed seconds and peak RSS (KiB) of one command.
measure() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
fresh_sandbox
make_batch "$n" "mem-small" "$work/m1.ndjson" 100
read -r time_small peak_small < <(measure "$bin" create --batch "$work/m1.ndjson" --base-url "$url" --org winroll-demo --report "$work/m1.report")
# Ten times the items into one organization: with the sandbox's name index, creating the last
# thousand costs what the first thousand did, so the time grows about tenfold, not a hundredfold.
fresh_sandbox
make_batch "$((n * 10))" "mem-large" "$work/m2.ndjson" 100
read -r time_large peak_large < <(measure "$bin" create --batch "$work/m2.ndjson" --base-url "$url" --org winroll-demo --report "$work/m2.report")
item_bytes=$(( $(wc -c <"$work/m1.ndjson") / n ))

# One template, one process each, alternating, on one sandbox: `winroll create FILE` against one
# curl call with the same body (what an admin's script does per template).
fresh_sandbox
make_batch 21 "single" "$work/s.ndjson"
declare -a sw sc
i=0
while IFS= read -r body; do
  i=$((i + 1))
  printf '%s\n' "$body" >"$work/single.json"
  start=$(seconds)
  if ((i % 2)); then
    "$bin" create "$work/single.json" --base-url "$url" --org winroll-demo >/dev/null 2>&1 ||
      { echo "winroll create failed" >&2; exit 1; }
    sw+=("$(elapsed "$start")")
  else
    curl -sS --fail -o /dev/null -X POST "$endpoint" -H "authorization: Bearer bench-token" \
      -H "content-type: application/json" --data-binary "@$work/single.json"
    sc+=("$(elapsed "$start")")
  fi
done <"$work/s.ndjson"
swm=$(median "${sw[@]}"); scm=$(median "${sc[@]}")

vs_parallel=$(echo "$wm / $pm" | bc -l)
vs_loop=$(echo "$lm / $wm" | bc -l)
memory=$(echo "$peak_large / $peak_small" | bc -l)
scale=$(echo "$time_large / $time_small" | bc -l)
printf '\n%d templates, medians of %d runs\n' "$n" "$runs"
printf 'winroll create --batch (4 at once)  %.3f s\n' "$wm"
printf 'curl --parallel --parallel-max 4     %.3f s   winroll/curl: %.2fx (target: at most 1.00x)\n' "$pm" "$vs_parallel"
printf 'sequential curl loop                 %.3f s   speed-up: %.1fx (target: at least 10x)\n' "$lm" "$vs_loop"
printf 'single create, %d and %d alternating: winroll create %.3f s, one curl call %.3f s: %.2fx (target: at most 1.30x)\n' \
  "${#sw[@]}" "${#sc[@]}" "$swm" "$scm" "$(echo "$swm / $scm" | bc -l)"
printf 'peak RSS, items of %d bytes: %d items %.1f MiB, %d items %.1f MiB: %.2fx (target: at most 1.50x)\n' \
  "$item_bytes" "$n" "$(echo "$peak_small / 1024" | bc -l)" "$((n * 10))" "$(echo "$peak_large / 1024" | bc -l)" "$memory"
printf 'sandbox at scale: %d items %.2f s, %d items %.2f s: %.1fx (target: at most 12x)\n' \
  "$n" "$time_small" "$((n * 10))" "$time_large" "$scale"
missed=()
(( $(echo "$scale > 12" | bc -l) )) && missed+=("sandbox at scale")
(( $(echo "$vs_parallel > 1.0" | bc -l) )) && missed+=("curl --parallel")
(( $(echo "$vs_loop < 10" | bc -l) )) && missed+=("curl loop")
(( $(echo "$memory > 1.5" | bc -l) )) && missed+=("flat memory")
(( $(echo "$swm / $scm > 1.3" | bc -l) )) && missed+=("single create")
if [ "${#missed[@]}" -gt 0 ]; then
  echo "MISSED: ${missed[*]}"
  exit 1
fi

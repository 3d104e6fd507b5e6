#!/usr/bin/env python3
"""Start-up time and memory of Winroll's editor window, beside a bare Tauri window built and
started the same way (tests/bench/blank-window), alternating runs in one
process. Prints medians and the ratio editor/blank for each (target: at most 1.15x).

Time: from spawning the process to the "editor ready" line the UI's mark produces.
Memory: RSS and PSS summed over the whole process tree (the app and its WebKit processes),
read from /proc/<pid>/smaps_rollup after the window has settled.

Usage (builds nothing): tests/bench/run.sh, or
  python3 tests/bench/startup.py --app target/release/winroll-desktop --blank target/release/winroll-blank-window
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

SETTLE_SECONDS = 2.0
READY_TIMEOUT_SECONDS = 60.0


def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may contain spaces; the parent pid follows its closing parenthesis.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_memory_kib(root):
    rss = pss = 0
    names = []
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
            with open(f"/proc/{pid}/comm") as f:
                names.append(f.read().strip())
        except OSError:
            continue
    return rss, pss, names


def measure(binary):
    home = tempfile.mkdtemp(prefix="winroll-bench-")
    env = dict(os.environ, WINROLL_PRINT_READY="1", HOME=home, XDG_CONFIG_HOME=f"{home}/.config",
               XDG_DATA_HOME=f"{home}/.local/share", XDG_CACHE_HOME=f"{home}/.cache")
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, start_new_session=True)
    try:
        deadline = start + READY_TIMEOUT_SECONDS
        ready = None
        while time.perf_counter() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if "editor ready" in line:
                ready = time.perf_counter() - start
                break
        if ready is None:
            raise RuntimeError(f"{binary} never reported ready")
        time.sleep(SETTLE_SECONDS)
        rss, pss, names = tree_memory_kib(proc.pid)
        return ready * 1000, rss / 1024, pss / 1024, names
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="target/release/winroll-desktop")
    parser.add_argument("--blank", default="target/release/winroll-blank-window")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("startup.py: no DISPLAY; run it through tests/bench/run.sh (which starts Xvfb)")

    results = {"editor": [], "blank": []}
    measure(args.blank)  # warm the page cache so the first measured run is not an outlier
    for run in range(args.runs):
        for label, binary in (("blank", args.blank), ("editor", args.app)):
            results[label].append(measure(binary))
            ms, rss, pss, names = results[label][-1]
            print(f"run {run + 1} {label:6} ready {ms:7.0f} ms  RSS {rss:6.1f} MiB  PSS {pss:6.1f} MiB  ({', '.join(sorted(set(names)))})")

    def median(label, index):
        return statistics.median(r[index] for r in results[label])

    print()
    print(f"{'':22}{'blank':>10}{'editor':>10}{'ratio':>8}")
    for index, name, unit in ((0, "time to ready", "ms"), (1, "memory RSS (tree)", "MiB"), (2, "memory PSS (tree)", "MiB")):
        blank, editor = median("blank", index), median("editor", index)
        print(f"{name + ' ' + unit:22}{blank:10.1f}{editor:10.1f}{editor / blank:7.2f}x")
    print("target: each ratio at most 1.15x")


if __name__ == "__main__":
    main()

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
import select
import shutil
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


def wait_until_gone(pids, timeout):
    """Waits for every process of a run to exit, so the next run starts on an idle machine."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        alive = [pid for pid in pids if os.path.exists(f"/proc/{pid}")]
        if not alive:
            return
        time.sleep(0.05)
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    raise RuntimeError(f"processes {alive} outlived their run")


def page_timeline(buffer):
    """The page's own marks from the ready line ("page: html 12, …, ready 410") as a dict."""
    line = buffer.split(b"editor ready", 1)[1].split(b"\n", 1)[0].decode()
    if "(page: " not in line:
        return {}
    marks = {}
    for part in line.split("(page: ", 1)[1].rstrip(")").split(", "):
        name, _, ms = part.rpartition(" ")
        if name and ms.isdigit():
            marks[name] = int(ms)
    return marks


def read_ready(proc, deadline):
    """The time of the "editor ready" line and the page's marks, or None when the deadline passes first."""
    buffer = b""
    fd = proc.stdout.fileno()
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 4096)
        if not chunk:
            return None
        buffer += chunk
        if b"editor ready" in buffer and b"\n" in buffer.split(b"editor ready", 1)[1]:
            return time.perf_counter(), page_timeline(buffer)


def measure(binary):
    home = tempfile.mkdtemp(prefix="winroll-bench-")
    env = dict(os.environ, WINROLL_PRINT_READY="1", HOME=home, XDG_CONFIG_HOME=f"{home}/.config",
               XDG_DATA_HOME=f"{home}/.local/share", XDG_CACHE_HOME=f"{home}/.cache")
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    tree = [proc.pid]
    try:
        ready = read_ready(proc, start + READY_TIMEOUT_SECONDS)
        if ready is None:
            raise RuntimeError(f"{binary} did not report ready within {READY_TIMEOUT_SECONDS:.0f} s")
        ready_at, marks = ready
        time.sleep(SETTLE_SECONDS)
        # Measured only while the app still runs, with WebKit's web and network processes in the
        # tree: after a crash the tree is small for the wrong reason, and the memory target would
        # read as met.
        if proc.poll() is not None:
            raise RuntimeError(f"{binary} exited with {proc.returncode} while settling")
        tree = descendants(proc.pid)
        rss, pss, names = tree_memory_kib(proc.pid)
        # /proc/PID/comm keeps 15 characters: WebKitWebProces, WebKitNetworkPr.
        missing = [p for p in ("WebKitWebProces", "WebKitNetworkPr") if not any(n.startswith(p) for n in names)]
        if missing:
            raise RuntimeError(f"{binary}: no {', '.join(missing)} in the measured tree ({', '.join(names)})")
        return (ready_at - start) * 1000, rss / 1024, pss / 1024, names, marks
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        # WebKit's web and network processes are children too: wait for all of them.
        wait_until_gone(tree, 10)
        shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="target/release/winroll-desktop")
    parser.add_argument("--blank", default="target/release/winroll-blank-window")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--target", type=float, default=1.15, help="the largest ratio that passes")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("startup.py: no DISPLAY; run it through tests/bench/run.sh (which starts Xvfb)")

    results = {"editor": [], "blank": []}
    # Both get a warm-up (page cache, fontconfig), and the order alternates run by run, so
    # neither side always runs first.
    measure(args.blank)
    measure(args.app)
    pair = (("blank", args.blank), ("editor", args.app))
    for run in range(args.runs):
        for label, binary in (pair if run % 2 == 0 else pair[::-1]):
            results[label].append(measure(binary))
            ms, rss, pss, names, marks = results[label][-1]
            # The page's own share of the time, to tell the page's cost from the process's noise.
            page = f"page {marks['ready']:4} ms" if "ready" in marks else ""
            print(f"run {run + 1} {label:6} ready {ms:7.0f} ms  {page}  RSS {rss:6.1f} MiB  PSS {pss:6.1f} MiB  ({', '.join(sorted(set(names)))})")

    def median(label, index):
        return statistics.median(r[index] for r in results[label])

    print()
    print(f"{'':22}{'blank':>10}{'editor':>10}{'ratio':>8}")
    missed = []
    for index, name, unit in ((0, "time to ready", "ms"), (1, "memory RSS (tree)", "MiB"), (2, "memory PSS (tree)", "MiB")):
        blank, editor = median("blank", index), median("editor", index)
        ratio = editor / blank
        print(f"{name + ' ' + unit:22}{blank:10.1f}{editor:10.1f}{ratio:7.2f}x")
        if ratio > args.target:
            missed.append(f"{name} {ratio:.2f}x")
    print(f"target: each ratio at most {args.target:.2f}x")
    # Where the time went inside the page (medians, ms since its navigation began): before "html"
    # the process and WebKit start; the rest is the page's own.
    for label in ("blank", "editor"):
        names = list(results[label][0][4])
        marks = ", ".join(f"{n} {statistics.median(r[4].get(n, 0) for r in results[label]):.0f}" for n in names)
        print(f"page {label:6} {marks}")
    if missed:
        print("MISSED: " + ", ".join(missed))
        sys.exit(1)


if __name__ == "__main__":
    main()

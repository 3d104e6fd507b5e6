#!/usr/bin/env python3
"""The hosted workflows grant least privilege: every workflow reads only by default, write access
is granted to the jobs listed here (the release's publishing job) and to no other, every checkout
leaves no credential behind for later steps, and every action is pinned by a full commit.

Exits 1 naming each breach. Run by tests/run-all.sh."""

import re
import sys
from pathlib import Path

import yaml

# (workflow file, job): the only jobs that may write, and what they may write.
WRITERS = {("release.yml", "build"): {"contents": "write"}}
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def read_only(permissions) -> bool:
    if permissions in ({}, "read-all"):
        return True
    return isinstance(permissions, dict) and all(v in ("read", "none") for v in permissions.values())


def main() -> int:
    root = Path(__file__).resolve().parent.parent / ".github" / "workflows"
    files = sorted(root.glob("*.yml"))
    problems = []
    if not files:
        problems.append(f"no workflow found in {root}")
    for path in files:
        flow = yaml.safe_load(path.read_text())
        name = path.name
        if not read_only(flow.get("permissions")):
            problems.append(f"{name}: the workflow's default permissions must be read-only, not {flow.get('permissions')!r}")
        for job_id, job in (flow.get("jobs") or {}).items():
            granted = job.get("permissions")
            allowed = WRITERS.get((name, job_id))
            if granted is not None and not read_only(granted) and granted != allowed:
                problems.append(f"{name}: job {job_id!r} asks for {granted!r}; only {sorted(WRITERS)} may write")
            if allowed and granted != allowed:
                problems.append(f"{name}: job {job_id!r} must ask for exactly {allowed!r}, not {granted!r}")
            for step in job.get("steps") or []:
                uses = step.get("uses")
                if not uses:
                    continue
                if not PINNED.match(uses):
                    problems.append(f"{name}: job {job_id!r} uses {uses!r}, not pinned by a full commit")
                if uses.startswith("actions/checkout@") and (step.get("with") or {}).get("persist-credentials") is not False:
                    problems.append(f"{name}: job {job_id!r} checks out without persist-credentials: false")
    for problem in problems:
        print(f"workflows: {problem}", file=sys.stderr)
    if not problems:
        print(f"workflows: {len(files)} checked: read-only by default, writes only where listed, checkouts keep no credential, actions pinned")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

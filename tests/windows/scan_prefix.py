"""Scans a Wine prefix for a credential marker in plain text, as UTF-8 or UTF-16 (LE or BE).

Usage: scan_prefix.py PREFIX MARKER

Fails (exit 1) when any file under PREFIX holds MARKER, and also when the prefix shows no sign of
the credentials having been stored at all (the registry must name the Credential Manager entry
and profiles.json must exist): a scan of a prefix that never saw the credentials proves nothing.
`dosdevices/` is skipped: it links to `/` and `/dev`.
"""

import os
import sys


def encodings(text: str) -> list[tuple[str, bytes]]:
    return [
        ("UTF-8", text.encode("utf-8")),
        ("UTF-16LE", text.encode("utf-16-le")),
        ("UTF-16BE", text.encode("utf-16-be")),
    ]


def files_under(root: str):
    for folder, subfolders, names in os.walk(root, followlinks=False):
        if folder == root and "dosdevices" in subfolders:
            subfolders.remove("dosdevices")
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def main() -> int:
    prefix, marker = sys.argv[1], sys.argv[2]
    leaks = []
    scanned = 0
    scanned_bytes = 0
    saw_credential_entry = False
    saw_profiles = False
    needles = encodings(marker)
    entry_names = [needle for _, needle in encodings("leak-scan")]
    for path in files_under(prefix):
        with open(path, "rb") as f:
            data = f.read()
        scanned += 1
        scanned_bytes += len(data)
        for name, needle in needles:
            if needle in data:
                leaks.append(f"{path} ({name})")
        if path.endswith(".reg") and b"Credential Manager" in data and any(n in data for n in entry_names):
            saw_credential_entry = True
        if path.endswith(os.path.join("config", "profiles.json")) and b"leak-scan" in data:
            saw_profiles = True
    print(f"scan: {scanned} files, {scanned_bytes / 1e6:.1f} MB under {prefix}")
    if not saw_credential_entry or not saw_profiles:
        print(
            f"scan: the credentials never reached this prefix (registry entry: {saw_credential_entry}, "
            f"profiles.json: {saw_profiles}); the scan would prove nothing",
            file=sys.stderr,
        )
        return 1
    if leaks:
        print("scan: a credential in plain text in:\n  " + "\n  ".join(leaks), file=sys.stderr)
        return 1
    print("scan: no credential in plain text (UTF-8, UTF-16LE, UTF-16BE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scans a Wine prefix for a credential marker in plain text: UTF-8, UTF-16 (LE or BE), and
base64 or base64url of the UTF-8 at each of the three alignments a longer text may put it in.

Usage: scan_prefix.py PREFIX MARKER

Fails (exit 1) when any file under PREFIX holds MARKER, and also when the prefix shows no sign of
the credentials having been stored at all (the registry must name both Credential Manager
entries, the profile's token and the Entra ID client secret, and profiles.json must exist): a scan of a prefix that never saw the credentials proves nothing.
`dosdevices/` is skipped: it links to `/` and `/dev`.
"""

import base64
import os
import sys


def encodings(text: str) -> list[tuple[str, bytes]]:
    forms = [
        ("UTF-8", text.encode("utf-8")),
        ("UTF-16LE", text.encode("utf-16-le")),
        ("UTF-16BE", text.encode("utf-16-be")),
    ]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + text.encode("utf-8"))
        # The group holding the padding bytes and the last group depend on what surrounds it.
        core = encoded[4 if shift else 0 : -4]
        forms.append((f"base64 (offset {shift})", core))
        forms.append((f"base64url (offset {shift})", core.replace(b"+", b"-").replace(b"/", b"_")))
    return forms


def plain_forms(text: str) -> list[bytes]:
    return [needle for name, needle in encodings(text) if name.startswith("UTF")]


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
    saw_entries = {"token:leak-scan": False, "entra:leak-tenant:leak-client": False}
    saw_profiles = False
    needles = encodings(marker)
    for path in files_under(prefix):
        with open(path, "rb") as f:
            data = f.read()
        scanned += 1
        scanned_bytes += len(data)
        for name, needle in needles:
            if needle in data:
                leaks.append(f"{path} ({name})")
        if path.endswith(".reg") and b"Credential Manager" in data:
            for entry in saw_entries:
                # Registry files escape non-ASCII, so the account names are there as typed.
                if any(n in data for n in plain_forms(entry)):
                    saw_entries[entry] = True
        if path.endswith(os.path.join("config", "profiles.json")) and b"leak-scan" in data:
            saw_profiles = True
    print(f"scan: {scanned} files, {scanned_bytes / 1e6:.1f} MB under {prefix}")
    if not all(saw_entries.values()) or not saw_profiles:
        print(
            f"scan: the credentials never reached this prefix (registry entries: {saw_entries}, "
            f"profiles.json: {saw_profiles}); the scan would prove nothing",
            file=sys.stderr,
        )
        return 1
    if leaks:
        print("scan: a credential in plain text in:\n  " + "\n  ".join(leaks), file=sys.stderr)
        return 1
    print(f"scan: both credential entries present; no credential in any of {len(needles)} forms (UTF-8, UTF-16LE/BE, base64, base64url)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# The signing step, tested with a throw-away certificate: scripts/sign-windows.sh signs copies
# of both installers and both executables, `osslsigncode verify` accepts each against the
# throw-away CA, and the unsigned originals are reported as unsigned.
#
# Usage: tests/windows/signing.sh FILE...   (the built installers and executables)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { echo "signing: nothing to sign" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A CA and a code-signing certificate it issued, valid for a day, never kept.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Winroll test CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=Winroll test signing" \
  -keyout "$work/sign.key" -out "$work/sign.csr" 2>/dev/null
printf 'extendedKeyUsage=codeSigning\nkeyUsage=digitalSignature\n' >"$work/ext"
openssl x509 -req -in "$work/sign.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 1 -extfile "$work/ext" -out "$work/sign.pem" 2>/dev/null
password="throwaway-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
openssl pkcs12 -export -inkey "$work/sign.key" -in "$work/sign.pem" -certfile "$work/ca.pem" \
  -passout "pass:$password" -out "$work/sign.pfx"

for file in "$@"; do
  name=$(basename "$file")
  if osslsigncode verify -CAfile "$work/ca.pem" -in "$file" >"$work/unsigned.log" 2>&1; then
    echo "signing: $name verifies before it was signed" >&2
    exit 1
  fi
  grep -qi "no signature" "$work/unsigned.log" || {
    echo "signing: $name is not reported as unsigned:" >&2
    cat "$work/unsigned.log" >&2
    exit 1
  }
  cp "$file" "$work/$name"
  WINROLL_SIGN_PFX="$work/sign.pfx" WINROLL_SIGN_PASSWORD="$password" \
    scripts/sign-windows.sh "$work/$name" >/dev/null
  osslsigncode verify -CAfile "$work/ca.pem" -in "$work/$name" >"$work/verify.log" 2>&1 || {
    echo "signing: the signed $name does not verify:" >&2
    cat "$work/verify.log" >&2
    exit 1
  }
  grep -q "Winroll test signing" "$work/verify.log" || { echo "signing: $name is signed by someone else" >&2; exit 1; }
  echo "signing: $name is unsigned as built; signed with the throw-away certificate it verifies"
done

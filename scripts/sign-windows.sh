#!/usr/bin/env bash
# Signs Windows executables and installers in place with osslsigncode (Authenticode, SHA-256).
# The certificate is a PKCS#12 file in WINROLL_SIGN_PFX, its password in WINROLL_SIGN_PASSWORD;
# WINROLL_SIGN_TIMESTAMP_URL, when set, has the signature time-stamped (a release needs it so
# the signature outlives the certificate; tests leave it out: no network here).
#
# Usage: scripts/sign-windows.sh FILE...
set -euo pipefail
[ -n "${WINROLL_SIGN_PFX:-}" ] || { echo "sign-windows: WINROLL_SIGN_PFX is not set" >&2; exit 1; }
[ -s "$WINROLL_SIGN_PFX" ] || { echo "sign-windows: no certificate at $WINROLL_SIGN_PFX" >&2; exit 1; }
for file in "$@"; do
  args=(sign -pkcs12 "$WINROLL_SIGN_PFX" -h sha256 -n Winroll -in "$file" -out "$file.signed")
  # The password through a file, never on the command line (ps shows that to everyone).
  if [ -n "${WINROLL_SIGN_PASSWORD:-}" ]; then
    pass=$(mktemp)
    printf '%s' "$WINROLL_SIGN_PASSWORD" >"$pass"
    args+=(-readpass "$pass")
  fi
  [ -n "${WINROLL_SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$WINROLL_SIGN_TIMESTAMP_URL")
  status=0
  osslsigncode "${args[@]}" >/dev/null || status=$?
  [ -n "${pass:-}" ] && rm -f "$pass"
  [ "$status" -eq 0 ] || { rm -f "$file.signed"; echo "sign-windows: could not sign $file" >&2; exit 1; }
  mv "$file.signed" "$file"
  echo "signed $file"
done

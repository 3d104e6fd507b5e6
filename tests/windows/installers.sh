#!/usr/bin/env bash
# The Windows installers, proven by installing them: each in a fresh Wine prefix of its own,
# an older build first, then this one (an upgrade), silently; then what a user and an admin would
# look for: the Start-menu shortcut, one Add/Remove Programs entry with this version, both
# executables, `winroll --version` from the install folder and from PATH, the desktop app's
# WebView2 message box, no test hook in what was installed; then a silent uninstall that removes
# every installed file and entry and leaves the user's profiles.json.
#
# Runs inside tests/windows/run.sh (its X display); reads the installers from
# target/windows-installers/ (scripts/build-windows-installers.sh).
#
# Usage: tests/windows/installers.sh CURRENT_VERSION OLDER_VERSION BCRYPTPRIMITIVES_DLL
set -euo pipefail
cd "$(dirname "$0")/../.."
current=$1 older=$2 prng=$3
dir=target/windows-installers
[ -n "${DISPLAY:-}" ] || { echo "installers: no DISPLAY (run through tests/windows/run.sh)" >&2; exit 1; }

fail() { echo "installers: $*" >&2; exit 1; }
# `wine reg query KEY /v NAME` prints "    NAME    REG_SZ    VALUE".
reg_value() { # key name
  wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | awk -v n="$2" '$1 == n { $1 = ""; $2 = ""; sub(/^ +/, ""); print }'
}
unix_path() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }

fresh_prefix() { # name
  # Only a prefix of this script's is stopped (run.sh's own goes on after this script).
  [[ ${WINEPREFIX:-} == "$work"/* ]] && { wineserver -k >/dev/null 2>&1 || true; }
  export WINEPREFIX="$work/$1"
  wineboot -i >/dev/null 2>&1
  wineserver -p >/dev/null 2>&1 </dev/null &
  # Wine 8 lacks ProcessPrng (see run.sh): the stand-in goes in the prefix's system folder, not
  # beside the installed files, so what the installers put there is all that is there.
  cp "$prng" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
}

# What both kinds must show once installed. Args: install folder (Windows), shortcut (Unix path).
check_installed() {
  local folder=$1 shortcut=$2 unix
  unix=$(unix_path "$folder")
  for exe in winroll-desktop.exe winroll.exe WebView2Loader.dll; do
    [ -s "$unix/$exe" ] || fail "$exe is not in $folder"
  done
  [ -s "$shortcut" ] || fail "no Start-menu shortcut at $shortcut"
  local said
  said=$(wine "$folder\\winroll.exe" --version 2>/dev/null | tr -d '\r')
  [ "$said" = "winroll $current" ] || fail "winroll.exe --version from $folder said \"$said\""
  # A new process reads PATH from the registry, as a new terminal on Windows does, and the name
  # is found the way CreateProcess and Start > Run find it. Not through Wine's cmd: Wine 8's msi
  # leaves an empty element (";;") where an upgrade took the old entry out, and Wine 8's cmd stops
  # searching at an empty element (Windows does neither).
  said=$(wine winroll --version 2>/dev/null | tr -d '\r')
  [ "$said" = "winroll $current" ] || fail "winroll --version through PATH said \"$said\""
  tests/scan-hooks.sh absent "$unix/winroll-desktop.exe" "$unix/winroll.exe"
  tests/windows/webview2_missing.sh "$folder\\winroll-desktop.exe"
  # The user's own data, which no uninstall may touch.
  wine "$folder\\winroll.exe" profile add kept --base-url https://api.example.com --org acme \
    <<<"installer-test-token" >/dev/null
  profiles=$(find "$WINEPREFIX/drive_c/users" -name profiles.json | head -1)
  [ -s "$profiles" ] || fail "profile add wrote no profiles.json"
}

check_removed() { # install folder (Windows), shortcut (Unix path)
  local unix
  unix=$(unix_path "$1")
  [ ! -e "$unix" ] || fail "the install folder is still there: $(ls -A "$unix" | tr '\n' ' ')"
  [ ! -e "$2" ] || fail "the shortcut is still there: $2"
  [ -s "$profiles" ] || fail "uninstalling removed the user's profiles.json"
  grep -q '"kept"' "$profiles" || fail "uninstalling changed the user's profiles.json"
}

work=$(mktemp -d)
trap '[[ ${WINEPREFIX:-} == "$work"/* ]] && wineserver -k >/dev/null 2>&1; rm -rf "$work"' EXIT
# The stand-in in system32 must win over any builtin of the same name.
export WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="

echo "installers: setup.exe (per user), in a fresh prefix"
fresh_prefix nsis
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Winroll'
wine "$dir/Winroll_${older}_x64-setup.exe" /S >/dev/null 2>&1
wineserver -w
[ "$(reg_value "$key" DisplayVersion)" = "$older" ] || fail "the older setup.exe left no $older entry"
wine "$dir/Winroll_${current}_x64-setup.exe" /S /PATH=1 >/dev/null 2>&1
wineserver -w
[ "$(reg_value "$key" DisplayVersion)" = "$current" ] || fail "DisplayVersion is not $current after the upgrade"
entries=$(wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' 2>/dev/null | tr -d '\r' | grep -c 'Uninstall\\Winroll' || true)
[ "$entries" -eq 1 ] || fail "$entries Winroll entries after the upgrade, expected 1"
[ "$(reg_value "$key" DisplayName)" = Winroll ] || fail "DisplayName"
[ "$(reg_value "$key" Publisher)" = Winroll ] || fail "Publisher"
folder=$(reg_value "$key" InstallLocation)
[ -n "$folder" ] || fail "no InstallLocation"
quiet=$(reg_value "$key" QuietUninstallString)
[ "$quiet" = "\"$folder\\uninstall.exe\" /S" ] || fail "QuietUninstallString is \"$quiet\""
[ -n "$(reg_value "$key" UninstallString)" ] || fail "no UninstallString"
size=$(reg_value "$key" EstimatedSize)
[ $((size)) -gt 1000 ] || fail "EstimatedSize is \"$size\""
reg_value 'HKCU\Environment' Path | grep -qiF "$folder" || fail "the user's Path does not hold $folder"
shortcut="$(unix_path "$(wine cmd /c echo %APPDATA% 2>/dev/null | tr -d '\r')")/Microsoft/Windows/Start Menu/Programs/Winroll.lnk"
check_installed "$folder" "$shortcut"
wine "$folder\\uninstall.exe" /S >/dev/null 2>&1
wineserver -w
check_removed "$folder" "$shortcut"
[ -z "$(reg_value "$key" DisplayName)" ] || fail "the uninstall entry is still there"
if reg_value 'HKCU\Environment' Path | grep -qiF "$folder"; then fail "the user's Path still holds $folder"; fi
echo "installers: setup.exe installed, upgraded ($older -> $current, one entry), ran and uninstalled; profiles.json kept"

echo "installers: the MSI (per machine), in a fresh prefix"
fresh_prefix msi
uninstall='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
msi_entries() { # prints the key of each Winroll entry
  wine reg query "$uninstall" /s 2>/dev/null | tr -d '\r' | awk '
    /^HKEY/ { key = $0 }
    $1 == "DisplayName" && $3 == "Winroll" { print key }'
}
# PATH is asked for once, by the older one: the upgrade must remember it.
wine msiexec /i "$dir/Winroll_${older}_x64_en-US.msi" /qn ADDTOPATH=1 >/dev/null 2>&1
wineserver -w
[ "$(msi_entries | wc -l)" -eq 1 ] || fail "the older MSI left $(msi_entries | wc -l) entries"
wine msiexec /i "$dir/Winroll_${current}_x64_en-US.msi" /qn >/dev/null 2>&1
wineserver -w
mapfile -t entries < <(msi_entries)
[ "${#entries[@]}" -eq 1 ] || fail "${#entries[@]} Winroll entries after the upgrade, expected 1"
entry=${entries[0]#HKEY_LOCAL_MACHINE\\}
[ "$(reg_value "HKLM\\$entry" DisplayVersion)" = "$current" ] || fail "the MSI's DisplayVersion is not $current"
folder='C:\Program Files\Winroll'
system_env='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
reg_value "$system_env" PATH | grep -qiF "$folder" || fail "the system PATH does not hold $folder (ADDTOPATH=1 not remembered by the upgrade)"
# All users' Start menu on Windows; Wine 8's msi puts an ALLUSERS=1 shortcut in the installing
# user's own Start menu, so the test looks in both and requires exactly one.
shortcuts=()
for place in "$WINEPREFIX/drive_c/ProgramData" "$WINEPREFIX/drive_c/users/root/AppData/Roaming"; do
  [ -e "$place/Microsoft/Windows/Start Menu/Programs/Winroll.lnk" ] && shortcuts+=("$place/Microsoft/Windows/Start Menu/Programs/Winroll.lnk")
done
mapfile -t shortcuts < <(printf '%s\n' "${shortcuts[@]}" | sort -u | grep .)
[ "${#shortcuts[@]}" -eq 1 ] || fail "${#shortcuts[@]} Start-menu shortcuts after the MSI, expected 1"
shortcut=${shortcuts[0]}
check_installed "$folder" "$shortcut"
wine msiexec /x "$dir/Winroll_${current}_x64_en-US.msi" /qn >/dev/null 2>&1
wineserver -w
check_removed "$folder" "$shortcut"
[ "$(msi_entries | wc -l)" -eq 0 ] || fail "the MSI's entry is still there"
if reg_value "$system_env" PATH | grep -qiF "$folder"; then fail "the system PATH still holds $folder"; fi
if wine reg query 'HKLM\Software\Winroll' >/dev/null 2>&1; then fail "HKLM\Software\Winroll is still there"; fi
echo "installers: the MSI installed, upgraded ($older -> $current, one entry), ran and uninstalled; profiles.json kept"

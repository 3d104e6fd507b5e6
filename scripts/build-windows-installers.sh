#!/usr/bin/env bash
# Builds Winroll's two Windows installers, offline, into target/windows-installers/:
#   Winroll_<version>_x64-setup.exe    per-user (NSIS, no admin rights; installer/windows/winroll.nsi)
#   Winroll_<version>_x64_en-US.msi    per-machine (wixl; installer/windows/winroll.wxs)
# from the x86_64-pc-windows-gnu builds of winroll-desktop.exe and winroll.exe.
#
# Tauri's own Windows bundler is not used: its NSIS bundle downloads NSIS plug-ins and its MSI
# bundle needs the WiX toolset, neither of which can be fetched here (nor should a release need
# the network to build).
#
# Signing: when WINROLL_SIGN_PFX (a PKCS#12 file) is set, both executables (before packing)
# and both installers are signed by scripts/sign-windows.sh; otherwise the script says the
# build is UNSIGNED.
#
# Usage: scripts/build-windows-installers.sh [--profile release|debug] [--version X.Y.Z]
#   --profile debug   packages the debug builds (stripped): the test command's Windows stage uses
#                     it to test the installers without a second full build; releases never do.
#   --version         writes another version into the installers (the upgrade test builds an
#                     older one); the executables keep the version they were built with.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
while [ $# -gt 0 ]; do
  case $1 in
    --profile) profile=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "usage: $0 [--profile release|debug] [--version X.Y.Z]" >&2; exit 2 ;;
  esac
done
case $profile in release | debug) ;; *) echo "--profile: release or debug" >&2; exit 2 ;; esac
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "version \"$version\": Windows Installer needs three numbers (X.Y.Z)" >&2
  exit 2
}
for tool in makensis wixl msibuild x86_64-w64-mingw32-strip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/setup-debian.sh installs it)" >&2; exit 1; }
done

target=x86_64-pc-windows-gnu
out=target/windows-installers
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

if [ -z "${WINROLL_INSTALLERS_PREBUILT:-}" ]; then
  # custom-protocol: the window serves the UI built into the executable (what `tauri build`
  # turns on); without it the app would look for the dev server.
  flags=(--locked --target "$target" -p winroll-desktop -p winroll-cli --features winroll-desktop/custom-protocol)
  [ "$profile" = release ] && flags+=(--release)
  # The UI is built into the desktop executable (tauri.conf.json's frontendDist).
  npm run --silent build
  cargo build "${flags[@]}"
fi
for exe in winroll-desktop.exe winroll.exe; do
  built="target/$target/$profile/$exe"
  [ -s "$built" ] || { echo "missing $built" >&2; exit 1; }
  cp "$built" "$stage/$exe"
  # Release builds are stripped by their profile; debug ones would carry hundreds of MB.
  [ "$profile" = debug ] && x86_64-w64-mingw32-strip "$stage/$exe"
done
# The windows-gnu build of the window links Microsoft's WebView2 loader as a DLL (webview2-com
# puts it beside the build; Microsoft's SDK licence lets it ship): without it beside
# winroll-desktop.exe, Windows refuses to start the app before any message box can explain.
cp "target/$target/$profile/WebView2Loader.dll" "$stage/WebView2Loader.dll"

sign() { # file: signed when a certificate is configured (scripts/sign-windows.sh)
  [ -z "${WINROLL_SIGN_PFX:-}" ] || scripts/sign-windows.sh "$1"
}
sign "$stage/winroll-desktop.exe"
sign "$stage/winroll.exe"

size_kb=$(( ($(stat -c %s "$stage/winroll-desktop.exe") + $(stat -c %s "$stage/winroll.exe")) / 1024 ))

setup="$out/Winroll_${version}_x64-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DSOURCE="$stage" -DICON="$PWD/icons/icon.ico" \
  -DOUTFILE="$PWD/$setup" -DSIZE_KB="$size_kb" installer/windows/winroll.nsi
sign "$setup"

msi="$out/Winroll_${version}_x64_en-US.msi"
# wixl reads every file by a path relative to where it runs.
cp icons/icon.ico "$stage/winroll.ico"
(cd "$stage" && wixl -a x64 -D Version="$version" -D Source=. -D Icon=winroll.ico \
  -o "$OLDPWD/$msi" "$OLDPWD/installer/windows/winroll.wxs")
# This wixl writes no Environment table: the PATH entry (system PATH, appended, taken out on
# removal) goes in here, on the component that ADDTOPATH=1 installs. The condition also holds
# while removing (REMOVE="ALL"): Wine's msi evaluates component conditions again at uninstall,
# and a component whose condition is false there is skipped, leaving the PATH entry behind.
msibuild "$msi" -q "CREATE TABLE \`Environment\` (\`Environment\` CHAR(72) NOT NULL, \`Name\` CHAR(255) NOT NULL LOCALIZABLE, \`Value\` CHAR(255) LOCALIZABLE, \`Component_\` CHAR(72) NOT NULL PRIMARY KEY \`Environment\`)"
msibuild "$msi" -q "INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('WinrollPath', '=-*PATH', '[~];[INSTALLDIR]', 'PathEntry')"
msibuild "$msi" -q "UPDATE \`Component\` SET \`Condition\` = 'ADDTOPATH=\"1\" OR REMOVE=\"ALL\"' WHERE \`Component\` = 'PathEntry'"
msibuild "$msi" -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)"
msibuild "$msi" -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)"
sign "$msi"

if [ -z "${WINROLL_SIGN_PFX:-}" ]; then
  echo "UNSIGNED: no certificate configured (WINROLL_SIGN_PFX); Windows will warn about an unknown publisher" >&2
fi
ls -l "$setup" "$msi"

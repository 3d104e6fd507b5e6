; Winroll's per-user setup.exe: no admin rights, installs under %LOCALAPPDATA%\Programs\Winroll,
; a Start-menu shortcut, an Add/Remove Programs entry in HKCU, optionally winroll.exe on the
; user's PATH (the "winroll.exe on PATH" component, or /PATH=1 with /S), and an uninstaller that
; removes what it installed and nothing of the user's (profiles, drafts, history, keychain).
;
; Built by scripts/build-windows-installers.sh with Debian's makensis; no plug-in is used, so
; nothing is downloaded. Defines it passes: VERSION, SOURCE (folder with both executables),
; ICON, OUTFILE, SIZE_KB.

Unicode true
; An amd64 stub: the x86 one would need 32-bit Windows (or 32-bit Wine) to run at all.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "StrFunc.nsh"
${StrStr}
${UnStrRep}

!define PRODUCT "Winroll"
!define PUBLISHER "Winroll"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Winroll"
!define ENVIRONMENT_KEY "Environment"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\winroll-desktop.exe"
!define MUI_FINISHPAGE_TEXT "${PRODUCT} is installed.$\r$\n$\r$\nThe window needs the Microsoft Edge WebView2 Runtime (part of Windows 11 and of current Windows 10). Where it is missing, ${PRODUCT} says so in a message box and names where to get it: https://developer.microsoft.com/microsoft-edge/webview2/. The command line (winroll.exe) does not need it."
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SOURCE}\winroll-desktop.exe"
  File "${SOURCE}\winroll.exe"
  ; The windows-gnu build loads Microsoft's WebView2 loader from beside it.
  File "${SOURCE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\winroll-desktop.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\winroll-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section /o "winroll.exe on PATH" SecPath
  ; Appended to the user's own Path once; the uninstaller takes out exactly this entry.
  ReadRegStr $0 HKCU "${ENVIRONMENT_KEY}" "Path"
  ${StrStr} $1 ";$0;" ";$INSTDIR;"
  StrCmp $1 "" 0 path_done
  StrCmp $0 "" 0 +3
    WriteRegExpandStr HKCU "${ENVIRONMENT_KEY}" "Path" "$INSTDIR"
    Goto path_written
  WriteRegExpandStr HKCU "${ENVIRONMENT_KEY}" "Path" "$0;$INSTDIR"
  path_written:
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "OnPath" 1
  ; Open Explorer and new terminals see the change without a sign-out.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  path_done:
SectionEnd

LangString DESC_SecMain ${LANG_ENGLISH} "The desktop app and the command line, winroll.exe."
LangString DESC_SecPath ${LANG_ENGLISH} "Lets a terminal run winroll from any folder."
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} $(DESC_SecMain)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecPath} $(DESC_SecPath)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ; A silent install takes the PATH component when asked: setup.exe /S /PATH=1
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PATH=" $1
  IfErrors init_done
  StrCmp $1 "1" 0 init_done
  SectionSetFlags ${SecPath} ${SF_SELECTED}
  init_done:
FunctionEnd

Section "Uninstall"
  ReadRegDWORD $0 HKCU "${UNINSTALL_KEY}" "OnPath"
  StrCmp $0 "1" 0 unpath_done
  ReadRegStr $1 HKCU "${ENVIRONMENT_KEY}" "Path"
  StrCmp $1 "$INSTDIR" 0 +3
    DeleteRegValue HKCU "${ENVIRONMENT_KEY}" "Path"
    Goto unpath_sent
  ${UnStrRep} $2 "$1" ";$INSTDIR" ""
  ${UnStrRep} $2 "$2" "$INSTDIR;" ""
  WriteRegExpandStr HKCU "${ENVIRONMENT_KEY}" "Path" "$2"
  unpath_sent:
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  unpath_done:

  ; Only what setup put here: the user's profiles, drafts and history live in %APPDATA%, their
  ; credentials in the Credential Manager, and both stay.
  Delete "$INSTDIR\winroll-desktop.exe"
  Delete "$INSTDIR\winroll.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

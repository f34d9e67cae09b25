; Inno Setup 6 script for GridDesk on Windows — UNTRIED (never compiled or run on Windows yet).
; Built by packaging\windows\build.ps1 after PyInstaller made dist\griddesk\:
;   ISCC /DAppVersion=0.1.0 /DRepoRoot=C:\path\to\griddesk packaging\windows\griddesk.iss
; Per-user install (no administrator rights) into %LOCALAPPDATA%\Programs\GridDesk, Chinese
; installer UI, Start-menu and optional desktop shortcuts, version resource on the setup .exe.
; Uninstalling removes the program only: the database, logs and backups in
; %LOCALAPPDATA%\GridDesk\griddesk stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef RepoRoot
  #define RepoRoot "..\.."
#endif
#define AppName "网格指挥调度台"

[Setup]
AppId={{6B2C3E51-8F0A-4C8E-9D51-2B7F1E0C4A19}
AppName={#AppName}
AppVerName={#AppName} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=GridDesk
VersionInfoVersion={#AppVersion}.0
VersionInfoProductName={#AppName} GridDesk
VersionInfoDescription={#AppName} 安装程序
VersionInfoCompany=GridDesk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={localappdata}\Programs\GridDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6: Windows 10 1809 or later
MinVersion=10.0.17763
OutputDir={#RepoRoot}\dist
OutputBaseFilename=griddesk-{#AppVersion}-windows-x64-setup
SetupIconFile={#RepoRoot}\build\griddesk.ico
UninstallDisplayIcon={app}\griddesk.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; Shipped with Inno Setup 6 (in older 6.x releases under Languages\Unofficial\ — adjust the path
; if ISCC reports it missing).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#RepoRoot}\dist\griddesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}\{#AppName}"; Filename: "{app}\griddesk.exe"; WorkingDir: "{app}"
Name: "{userprograms}\{#AppName}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\griddesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\griddesk.exe"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent

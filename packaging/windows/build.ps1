# Windows build of the offline bundle — UNTRIED: written alongside the Linux build, never run on
# a Windows machine yet. Needs Python 3.11 (x64, from python.org, "py" launcher) and, for the
# installer, Inno Setup 6 (ISCC.exe). Run from any folder:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Produces dist\griddesk\ (griddesk.exe windowed, griddesk-admin.exe console, _internal\) and
# dist\griddesk-VERSION-windows-x64-setup.exe. Qt 6 needs Windows 10 1809 or later.
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

$venv = Join-Path $root ".venv-pkg"
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) { py -3.11 -m venv $venv }
$python = Join-Path $venv "Scripts\python.exe"
& $python -m pip install -q --upgrade pip
& $python -m pip install -q -e ".[package]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$version = & $python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
& $python packaging\windows\make_icon.py build\griddesk.ico
if ($LASTEXITCODE -ne 0) { throw "icon rendering failed" }

$watch = [Diagnostics.Stopwatch]::StartNew()
& (Join-Path $venv "Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\griddesk.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
Write-Host ("bundle built in {0:N0} s" -f $watch.Elapsed.TotalSeconds)

# Quick check: the console tool starts and knows its commands.
& dist\griddesk\griddesk-admin.exe --help | Out-Null
if ($LASTEXITCODE -ne 0) { throw "griddesk-admin --help failed" }

$iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if ($null -eq $iscc) {
    Write-Warning "Inno Setup 6 not found: dist\griddesk\ is built, the installer is not."
    exit 0
}
& $iscc "/DAppVersion=$version" "/DRepoRoot=$root" packaging\windows\griddesk.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }

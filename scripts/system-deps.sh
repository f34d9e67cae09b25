#!/usr/bin/env bash
# Installs the system libraries Qt needs to render off-screen and a CJK font, where missing.
# Runs on Debian/Ubuntu as root (CI, fresh developer machines); elsewhere it only reports.
set -euo pipefail
# libreoffice-calc-nogui: the returns' tests recalculate the .xlsx files headless with it.
want_pkgs=(libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-wqy-microhei libreoffice-calc-nogui)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's libraries and a CJK font yourself" >&2; exit 0; }
missing=()
for p in "${want_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# What `make package` needs on a Debian/Ubuntu build host besides the Python venv: dpkg-deb and
# dpkg-shlibdeps (dpkg-dev), strip and objdump (binutils), xz, and the runtime libraries that Qt's
# xcb and wayland plugins link to, so that dpkg-shlibdeps can resolve them into the .deb's Depends.
set -euo pipefail
want=(dpkg-dev binutils xz-utils file libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libwayland-client0
      libwayland-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0)
command -v dpkg-query >/dev/null 2>&1 || { echo "build-deps: not a Debian system" >&2; exit 0; }
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "build-deps: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

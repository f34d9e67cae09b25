#!/usr/bin/env bash
# Install the .deb with apt into a minimal Debian chroot and run GridDesk there as a normal user:
# what an intranet PC with a fresh system does. Needs root and debootstrap (Debian's package).
#   packaging/linux/chroot-test.sh DEB [SUITE] [CHROOT_DIR]     (default SUITE: bookworm)
# The chroot is made once (debootstrap --variant=minbase) and kept; tzdata is removed from it so
# that the bundle's own time-zone data is what is used.
set -euo pipefail
deb=$(realpath "$1"); suite=${2:-bookworm}; root=${3:-/var/tmp/griddesk-chroot-$suite}
if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q tzdata
fi
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
chroot "$root" id pc >/dev/null 2>&1 || chroot "$root" useradd -m -s /bin/bash pc
cp "$deb" "$root/tmp/griddesk.deb"
echo "chroot: $(chroot "$root" ldd --version | head -n 1)"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${APT_OPTS:-} /tmp/griddesk.deb \
  | tail -n 3
as_pc() { chroot --userspec=pc:pc "$root" env -i HOME=/home/pc LANG=C.UTF-8 PATH=/usr/bin:/bin "$@"; }
as_pc griddesk-admin init --demo --cases 500 >/dev/null
GRIDDESK_PASSWORD=demo2026 as_pc GRIDDESK_PASSWORD=demo2026 griddesk-admin --user admin info
as_pc QT_QPA_PLATFORM=offscreen griddesk --screenshot /home/pc/shots
ls -la "$root/home/pc/shots"

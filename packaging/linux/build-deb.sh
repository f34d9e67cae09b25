#!/usr/bin/env bash
# Stage dist/griddesk/ as a Debian package and build it with dpkg-deb:
#   /opt/griddesk/                         the bundle (griddesk, griddesk-admin, _internal/)
#   /usr/bin/griddesk, /usr/bin/griddesk-admin   links into it
#   /usr/share/applications/griddesk.desktop     menu entry (网格指挥调度台)
#   /usr/share/icons/hicolor/scalable/apps/griddesk.svg
# Depends: computed by dpkg-shlibdeps from every ELF file of the bundle, the bundle's own library
# folders counted as private (so only what the target system must provide is listed).
# Usage: build-deb.sh BUNDLE_DIR VERSION OUT_DIR
set -euo pipefail
bundle=$(realpath "$1"); version=$2; out=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
arch=$(dpkg --print-architecture)
stage="$out/deb-root"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/griddesk"
cp -a "$bundle" "$stage/opt/griddesk"
ln -s /opt/griddesk/griddesk "$stage/usr/bin/griddesk"
ln -s /opt/griddesk/griddesk-admin "$stage/usr/bin/griddesk-admin"
install -m 644 "$here/griddesk.desktop" "$stage/usr/share/applications/griddesk.desktop"
install -m 644 "$root/resources/icons/app.svg" "$stage/usr/share/icons/hicolor/scalable/apps/griddesk.svg"
cat > "$stage/usr/share/doc/griddesk/copyright" <<TXT
GridDesk 网格指挥调度台 — proprietary. Bundled third-party components keep their own licenses:
Python (PSF), Qt 6 and PySide6 (LGPLv3), NumPy (BSD), SQLAlchemy, Alembic (MIT), psycopg (LGPLv3),
pyqtgraph (MIT), openpyxl (MIT), XlsxWriter (BSD), tzdata (Apache-2.0), ICU (Unicode license).
TXT

# dpkg-shlibdeps wants a debian/control beside it; it is only read for the package name.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: griddesk\n\nPackage: griddesk\nArchitecture: %s\n' "$arch" > "$work/debian/control"
mapfile -t elves < <(find "$stage/opt/griddesk" -type f -print0 | xargs -0 file -N -F '|' \
  | awk -F'|' '/ ELF /{sub(/^[ \t]+/, "", $1); print $1}' | sort)
private=(-l"$stage/opt/griddesk/_internal" -l"$stage/opt/griddesk/_internal/PySide6/Qt/lib")
for d in "$stage"/opt/griddesk/_internal/*.libs; do [ -d "$d" ] && private+=(-l"$d"); done
depends=$(cd "$work" && dpkg-shlibdeps -O --ignore-missing-info "${private[@]}" "${elves[@]/#/-e}" \
          2>"$work/shlibdeps.err" | sed -n 's/^shlibs:Depends=//p') || {
  grep -v warning "$work/shlibdeps.err" | sort -u >&2; exit 1; }
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependency" >&2; exit 1; }

installed=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CTL
Package: griddesk
Version: $version
Architecture: $arch
Section: misc
Priority: optional
Maintainer: GridDesk <griddesk@localhost>
Installed-Size: $installed
Depends: $depends
Recommends: fonts-wqy-microhei | fonts-noto-cjk
Description: GridDesk 网格指挥调度台 — dispatch desk for grid-management command centers
 The case queue, dispatch to departments, personnel rosters and Excel returns of a street's
 网格化服务管理指挥调度中心, offline on an embedded SQLite file or shared on PostgreSQL.
 Self-contained: Python, Qt 6 and every library GridDesk needs are under /opt/griddesk;
 griddesk-admin is the command-line tool. Data stays in each user's
 ~/.local/share/GridDesk/griddesk when the package is removed.
CTL
deb="$out/griddesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "$deb"

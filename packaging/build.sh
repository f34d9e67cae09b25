#!/usr/bin/env bash
# `make package`: the one-folder bundle dist/griddesk/, dist/griddesk-VERSION-linux-ARCH.tar.xz and
# dist/griddesk_VERSION_ARCH.deb. PYINSTALLER names the pyinstaller to run (from the package venv).
set -euo pipefail
cd "$(dirname "$0")/.."
pyinstaller=${PYINSTALLER:-pyinstaller}
version=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(uname -m)
start=$(date +%s)
rm -rf dist/griddesk build/pyinstaller
"$pyinstaller" --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/griddesk.spec
# Links PyInstaller made to Qt libraries the spec dropped (see _prune_unneeded_libraries).
find dist/griddesk -xtype l -delete
# Strip the libraries that come with symbols (libpython and the host's libraries, ICU, numpy's and
# SQLAlchemy's extension modules …), but not the libraries auditwheel vendored into a wheel
# (FOLDER.libs/name-HASH.so): stripping those breaks them (numpy's OpenBLAS: "ELF load command
# address/offset not page-aligned"), which is why the spec leaves PyInstaller's strip off.
find dist/griddesk/_internal -type f -name '*.so*' ! -path '*.libs/*' \
  ! -regex '.*-[0-9a-f]\{8\}\.so.*' -exec strip --strip-unneeded {} +
t_bundle=$(date +%s)
if [ -n "${BUNDLE_ONLY:-}" ]; then  # CI: the folder is what the smoke test runs
  echo "package: bundle $(du -s --block-size=1M --apparent-size dist/griddesk | cut -f1) MB in $((t_bundle - start)) s"
  exit 0
fi
tarball="dist/griddesk-$version-linux-$arch.tar.xz"
tar -C dist --owner=0 --group=0 --sort=name -cf - griddesk | xz -T0 -9 > "$tarball"
t_tar=$(date +%s)
deb=$(bash packaging/linux/build-deb.sh dist/griddesk "$version" dist)
t_deb=$(date +%s)
mb() { du -s --block-size=1M --apparent-size "$1" | cut -f1; }
echo "package: bundle $(mb dist/griddesk) MB in $((t_bundle - start)) s; $tarball $(mb "$tarball") MB in $((t_tar - t_bundle)) s; $deb $(mb "$deb") MB in $((t_deb - t_tar)) s"

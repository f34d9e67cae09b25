#!/usr/bin/env bash
# Smoke test of the built bundle (tests/test_bundle.py), the way an intranet PC runs it: the
# .tar.xz unpacked under a path with Chinese characters and a space, every program started from
# `env -i` (no virtualenv) and, where the kernel allows it, `unshare -n` (no network).
# Usage: packaging/smoke.sh [BUNDLE.tar.xz | dist/griddesk]   (default: the newest dist/griddesk-*.tar.xz)
# PYTHON: an interpreter with GridDesk's test extras (reads back what the bundle wrote).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-$(ls -t dist/griddesk-*.tar.xz 2>/dev/null | head -n 1)}
[ -n "$archive" ] && [ -e "$archive" ] || { echo "smoke: no bundle; run make package first" >&2; exit 1; }
if unshare -n true 2>/dev/null; then echo "smoke: no network (unshare -n)"; else
  echo "smoke: unshare -n is not allowed here; the bundle runs with the network"; fi
start=$(date +%s)
GRIDDESK_BUNDLE=$(realpath "$archive") QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD \
  "${PYTHON:-python3}" -m pytest -q -s -p no:cacheprovider -m bundle tests/test_bundle.py
echo "smoke: $(( $(date +%s) - start )) s"

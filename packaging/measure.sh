#!/usr/bin/env bash
# Start-up of the bundle against the virtualenv, measured in one run on one demo database:
# `griddesk-admin info` (median of RUNS) and `griddesk --screenshot` of every page (once each).
# Usage: packaging/measure.sh [BUNDLE_DIR] [VENV_BIN]   (defaults: dist/griddesk, .venv/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(realpath "${1:-dist/griddesk}"); venv=$(realpath "${2:-.venv/bin}"); runs=${RUNS:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db="$work/demo.sqlite"
export HOME="$work/home" QT_QPA_PLATFORM=offscreen GRIDDESK_PASSWORD=demo2026
"$bundle/griddesk-admin" --db "$db" init --demo --cases 3000 >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for name in bundle venv; do
  if [ $name = bundle ]; then admin="$bundle/griddesk-admin"; gui="$bundle/griddesk"; else
    admin="$venv/griddesk-admin"; gui="$venv/griddesk"; fi
  info=$(for _ in $(seq "$runs"); do timed "$admin" --db "$db" --user admin info; done | median)
  shots=$(timed "$gui" --db "$db" --screenshot "$work/shots-$name")
  echo "$name: griddesk-admin info ${info} ms (median of $runs); griddesk --screenshot ${shots} ms"
done

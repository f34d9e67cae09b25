"""Runs first in both bundled programs, before GridDesk's code.

Time zones come from the bundled `tzdata` package, never from the host's /usr/share/zoneinfo:
a minimal system (a chroot, a stripped-down intranet image, Windows) may have none, and the
bundle behaves the same on every machine. `ZoneInfo("Asia/Shanghai")` then reads
_internal/tzdata/zoneinfo/Asia/Shanghai.
"""

import zoneinfo

zoneinfo.reset_tzpath(to=[])

"""Keep PySide6 from holding the source text of every imported module in memory.

PySide6 (its `__feature__` support: ``from __feature__ import snake_case``) replaces
``__import__`` and, after every import, asks whether the module "uses PySide6" by reading its
whole source with ``inspect.getsource`` — which keeps every line of every module imported after
PySide6 in ``linecache``, for the life of the process: 20–35 MB in the window (543 files and
250,000 lines before the sign-in dialog). GridDesk uses no PySide feature, so the question is
answered here from the file itself, with nothing kept (the same answer: whether the text
"PySide6" is in the module's source), and the lines already cached are dropped.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook this replaces a part of)

_PATCHED = "_griddesk_reads_sources_uncached"


def _uses_pyside(module: ModuleType) -> bool:
    """Whether `module`'s source file mentions PySide6 (False without a .py file, as
    PySide's own check answers when `inspect.getsource` finds no source)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def keep_no_sources() -> bool:
    """Answer PySide's per-import question without linecache; True when it was applied
    (False when this PySide6 has no such check: then there is nothing to do)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    if not getattr(feature, _PATCHED, False):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
        setattr(feature, _PATCHED, True)
        linecache.clearcache()
    return True

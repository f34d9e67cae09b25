"""The window's core: the application context, background tasks, the live feed, fonts, i18n.

Importing it first keeps PySide6 from holding the source of every module imported after it in
memory (see `pyside_sources`): the GUI's entry points import a `desktop.core` module before
the database layer and the pages.
"""

from desktop.core.pyside_sources import keep_no_sources

keep_no_sources()

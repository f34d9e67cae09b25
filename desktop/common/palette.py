"""The colours widgets use, named by what they mean; style-sheet snippets built from them.

resources/style/desk.qss keeps its own literal values (a style sheet has no variables); where
a rule there means the same as a name here (an error, a warning, a countdown, secondary text),
its value must equal this one: tests/test_palette.py checks the pairs.

The charts keep their own series colours (desktop/stats/chart_style.py, one theme per
background).
"""

from __future__ import annotations

# --- text on a light background --------------------------------------------------------------

TEXT = "#1f2328"  # ordinary text

ERROR = "#b3261e"  # a refused action or a failure; overdue (counts, cells, countdowns)
SHORTFALL = ERROR  # staffing below a standard, a grid without its worker
SUCCESS = "#1b6e3a"  # a check passed, something recorded; a countdown with time to spare
WARNING = "#9a6700"  # a deadline near (预警); a roster entry needing attention
INFO = "#1a5fb4"  # what an action would do (the deadline a dispatch would set)
MUTED = "#7a808a"  # secondary text: codes and times beside a name, empty states
INACTIVE = "#8a8a8a"  # retired roster entries, pay amounts not set

# --- the dispatch queue ----------------------------------------------------------------------

URGENT = "#d93025"  # the 紧急 mark; the left edge of an overdue row
WARNING_EDGE = "#e8a317"  # the left edge of a row in its warning share
WARNING_ROW = "#fff4d6"  # background of a row in its warning share
OVERDUE_ROW = "#fde4e1"  # background of an overdue row
NEW_ROW = "#dcebff"  # background of a row that just arrived
NEW_URGENT_ROW = "#ffd8cc"  # background of an urgent row that just arrived
URGENT_ROW = "#f7bcb4"  # background of an urgent case whose clock runs: outranks the tints above
DUPLICATE = "#8250df"  # a case with likely duplicates (疑似重复): its description in the queue
FILTER_ACTIVE = "#e3eefc"  # the queue's filter bar while a filter hides cases

# --- the alarm banner (desktop/desk/alarms_banner.py, #alarmBanner in desk.qss) -----------------

ALARM_BANNER = ERROR  # background of the banner of unacknowledged alarms
ALARM_TEXT = "#ffffff"

# --- the department board --------------------------------------------------------------------

DROP_TARGET_BORDER = "#2f80ed"  # a default department of the cases being dragged
DROP_TARGET_BACKGROUND = "#eaf2fe"
DROP_HOVER_BORDER = INFO  # the card under the dragged cases
DROP_HOVER_BACKGROUND = "#d6e6fd"

# --- the holiday calendar editor (节假日日历) --------------------------------------------------

WORKING_DAY = "#ffffff"  # a working day (the grid's own background)
HOLIDAY_DAY = "#f8d7d3"  # a holiday (放假)
MAKEUP_DAY = "#d5e8d4"  # a make-up working day (调休上班)
WEEKEND_DAY = "#eceff3"  # Saturday and Sunday

# --- a window frame drawn around a dialog (screenshots) ------------------------------------------

FRAME = "#8d96a3"
TITLE_BAR = "#e1e4e8"


def text_style(colour: str) -> str:
    """A widget style sheet colouring its text (for `setStyleSheet`)."""
    return f"color: {colour};"


ERROR_STYLE = text_style(ERROR)

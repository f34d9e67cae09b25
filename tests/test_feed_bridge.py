"""The desktop's side of the change feed (desktop.core.feed_bridge)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot


def test_a_database_without_a_feed_still_opens(qtbot: QtBot) -> None:
    from db.engine import Database as Db
    from desktop.core.feed_bridge import FeedBridge

    memory = Db("sqlite:///:memory:")
    try:
        bridge = FeedBridge(memory)
        bridge.start()  # an in-memory database has nothing to watch: no crash, just "stopped"
        assert bridge.state == "stopped"
        bridge.stop()
    finally:
        memory.dispose()

"""How the case screen's dialogs look: the evidence dialog, the text editor and the key
list share one dialog box (``tui.widgets.modals.DialogModal``); taken before the box was
shared, so that sharing it changed nothing on screen."""

from __future__ import annotations

import pytest

from tests.tui.test_review_snapshots import snapshot_app  # noqa: F401  (a fixture)


@pytest.mark.parametrize("keys", [["enter", "ctrl+d"], ["enter", "ctrl+e"],
                                  ["enter", "question_mark"]],
                         ids=["evidence", "text_edit", "keys"])
def test_dialog(snap_compare, snapshot_app, keys):  # noqa: F811
    assert snap_compare(snapshot_app(), terminal_size=(80, 24), press=keys)

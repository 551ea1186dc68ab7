"""Opening the TUI: which database, creating the demo on a fresh machine."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.context import Context


class NoTerminal(ValueError):
    """The app was started without a terminal to draw on."""


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def launch(ctx: Context) -> int:
    """Open the app; with no database configured yet, open (or create) the demo."""
    from jobs.demo import demo_path

    demo = False
    if ctx.db_override is None and not ctx.db_path.exists():
        ctx.db_override = demo_path()
        demo = True
    if demo and not ctx.db_path.exists():
        from jobs.demo import COLLEAGUE, create_demo
        from jobs.i18n import t

        print(t("app.creating_demo", path=ctx.db_path), file=sys.stderr)
        create_demo(ctx.open_db(create=True), ctx.config, colleague=COLLEAGUE)
    db = ctx.open_db(create=False)
    from jobs.access import require_role, warn_permissions_once
    from jobs.i18n import t

    warn_permissions_once(ctx.db_path)
    from store import current_user

    require_role(db, current_user())  # refused before any case data is shown
    from review_protocols import load_builtin

    # the first screen's rows need it; a broken file is one line, before the screen is taken
    load_builtin(ctx.config.protocol.default)
    if not has_terminal():
        # e.g. `ssh host cat granska.db` run as Granska by the server's ForceCommand: say
        # so in one line instead of drawing a screen into a pipe.
        raise NoTerminal(t("app.needs_terminal"))
    from tui.app import GranskaApp

    GranskaApp(ctx.config, db, demo=demo).run()
    return 0

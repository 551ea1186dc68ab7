"""Opening the TUI: which database, creating the demo on a fresh machine."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.cli import Context


def demo_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("granska")) / "demo.db"


def launch(ctx: Context) -> int:
    """Open the app; with no database configured yet, open (or create) the demo."""
    demo = False
    if ctx.db_override is None and not ctx.db_path.exists():
        ctx.db_override = demo_path()
        demo = True
    if demo and not ctx.db_path.exists():
        from samples.demo import create_demo
        from tui.commands.demo import COLLEAGUE
        from tui.i18n import set_language, t

        set_language(ctx.config.language)
        print(t("app.creating_demo", path=ctx.db_path), file=sys.stderr)
        create_demo(ctx.open_db(create=True), ctx.config, colleague=COLLEAGUE)
    db = ctx.open_db(create=False)
    from tui.access import require_role, warn_permissions_once
    from tui.i18n import set_language

    set_language(ctx.config.language)  # before the screens' key labels are built
    warn_permissions_once(ctx.db_path)
    from store import current_user

    require_role(db, ctx.config, current_user())  # refused before any case data is shown
    from review_protocols import load_builtin

    # the first screen's rows need it; a broken file is one line, before the screen is taken
    load_builtin(ctx.config.protocol.default)
    from tui.app import GranskaApp

    GranskaApp(ctx.config, db, demo=demo).run()
    return 0

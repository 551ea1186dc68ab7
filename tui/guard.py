"""The CLI's role check before a command runs (the rules are ``jobs.access``'s).

Commands take part through two optional module attributes:

- ``NEEDS_ROLE = False``: the command reads no case data (default True);
- ``REQUIRED_ROLES = ("supervisor",)``: only these roles may run it
  (default: ``jobs.access.DEFAULT_REQUIRED``, else any role).
"""

from __future__ import annotations

import argparse
import sys

from jobs.access import DEFAULT_REQUIRED, require_role, warn_permissions_once
from tui.context import Context


def guard_command(args: argparse.Namespace, ctx: Context) -> str | None:
    """Refuse a command the user's role does not allow; returns the role (None: no check)."""
    module = sys.modules.get(getattr(args.run, "__module__", ""), None)
    if not getattr(module, "NEEDS_ROLE", True):
        return None
    if not ctx.db_path.exists():
        return None  # nothing to read; the user who creates it becomes its supervisor
    from store import current_user

    db = ctx.open_db(create=False)
    warn_permissions_once(ctx.db_path)
    roles = getattr(module, "REQUIRED_ROLES", DEFAULT_REQUIRED.get(args.command))
    return require_role(db, current_user(), roles)

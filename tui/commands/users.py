"""granska users: who has which role; supervisors grant and revoke (audited)."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "users", parents=[parent], help="list users and roles; grant or revoke a role",
        description="Without arguments: every user with a role in the database. "
        "`grant USER ROLE` (supervisor, inspector, trainer) and `revoke USER` are for "
        "supervisors and are written to the audit log. `whoami` shows your own role.",
    )
    parser.add_argument("action", nargs="?", choices=("list", "grant", "revoke", "whoami"),
                        default="list")
    parser.add_argument("user", nargs="?", help="OS user name")
    parser.add_argument("role", nargs="?", help="supervisor | inspector | trainer")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.access import require_role
    from store import current_user
    from store.users import ROLES, grant_role, revoke_role, users

    db = ctx.open_db(create=False)
    me = current_user()
    if args.action == "whoami":
        role = require_role(db, me)
        print(f"{me}\t{role}")
        return 0
    if args.action == "list":
        require_role(db, me)
        for row in users(db):
            print(t("users.cli.row", user=row["username"], role=row["role"],
                    at=row["granted_at"], by=row["granted_by"]))
        return 0
    require_role(db, me, ("supervisor",))
    if not args.user:
        raise UsageError(t("cli.error.users_name", action=args.action,
                           role=" inspector" if args.action == "grant" else ""))
    if args.action == "grant":
        if args.role not in ROLES:
            raise UsageError(t("cli.error.users_role", role=args.role, roles=', '.join(ROLES)))
        grant_role(db, args.user, args.role, who=me)
        print(t("users.cli.granted", user=args.user, role=t(f"users.role.{args.role}")))
        return 0
    if not revoke_role(db, args.user, who=me):
        print(t("users.cli.had_none", user=args.user))
    else:
        print(t("users.cli.revoked", user=args.user))
    return 0

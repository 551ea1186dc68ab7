"""Who may do what: role resolution and refusal, in one place.

The reviewer is the OS user (``store.identity.current_user``). Their role is
the one in the database's ``users`` table and nothing else (granted by a
supervisor, audited; the creator of a database is its first supervisor).
The config's ``[roles]`` lists only seed a database when it is created
(``seed_roles``): every user can write their own config.toml, so a role
read from it later would be a role anyone can give themselves. A user with
no role is refused before any case data is shown, in the TUI and in every
command that reads the database.

The CLI checks a command's role before it runs (``tui.guard``), with the
defaults below for commands that do not declare theirs.

A database that does not exist yet holds no case data: commands that create
one (``demo``, ``frame import``) run, and their user becomes its supervisor.
Adding a demo to an existing database is for supervisors.

Changing someone else's review is refused in the store itself
(``store.users.assert_can_edit``: the reviewer, or a supervisor in the
database's ``users`` table).
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.config import Config
    from store.database import Database

ROLE_ORDER = ("supervisor", "inspector", "trainer")
_CONFIG_LISTS = {"supervisor": "supervisors", "inspector": "inspectors", "trainer": "trainers"}
# Roles for CLI commands that do not declare REQUIRED_ROLES themselves. Frames, the
# draw, the sample list, answer imports and exports are the supervisor's work
# (they show or change every case); a demo added to an existing database too.
_SUPERVISOR = ("supervisor",)
DEFAULT_REQUIRED = {
    "demo": _SUPERVISOR, "frame": _SUPERVISOR, "draw": _SUPERVISOR, "sample": _SUPERVISOR,
    "answers": _SUPERVISOR, "export": _SUPERVISOR,
}
_warned: set[str] = set()


class AccessDenied(ValueError):
    """The user may not do this; the message says who to ask."""


def seed_roles(config: Config) -> dict[str, str]:
    """The roles config ``[roles]`` gives, user -> role (the first in ROLE_ORDER wins), for
    a database being created; never consulted once it exists."""
    seeded: dict[str, str] = {}
    for role in ROLE_ORDER:
        for user in getattr(config.roles, _CONFIG_LISTS[role]):
            seeded.setdefault(user, role)
    return seeded


def resolve_role(db: Database, user: str) -> str | None:
    """The user's role in the database; None when they have none."""
    from store.users import role_of

    return role_of(db, user)


def require_role(
    db: Database,
    user: str,
    roles: Collection[str] | None = None,
) -> str:
    """The user's role, or AccessDenied with one line saying what to do."""
    from jobs.i18n import t
    from store.transactions import db_path

    role = resolve_role(db, user)
    if role is None:
        raise AccessDenied(t("users.refused", user=user, db=db_path(db)))
    if roles is not None and role not in roles:
        raise AccessDenied(t("users.wrong_role", user=user, role=t(f"users.role.{role}"),
                             needed=", ".join(t(f"users.role.{r}") for r in roles)))
    return role


def warn_permissions_once(path: object) -> None:
    """The loud start-up warning for a database others can read, once per process."""
    from store import permissions_warning

    key = str(path)
    if key in _warned:
        return
    _warned.add(key)
    try:
        warning = permissions_warning(key)
    except OSError:
        return
    if warning:
        sys.stderr.write(f"granska: WARNING: {warning}\n")


def can_view_review(db: Database, role: str | None, user: str,
                    review_id: int) -> bool:
    """Supervisors see every review, inspectors their own, trainers training cases only."""
    from store.assignments import review_frame_kind
    from store.reviews import review

    info = review(db, review_id)
    if info is None or role is None:
        return False
    if role == "supervisor":
        return True
    if role == "trainer":
        return review_frame_kind(db, review_id) == "training"
    return info["reviewer"] == user


def review_filter(role: str | None, user: str) -> dict[str, str]:
    """Keyword arguments for ``store.reviews.list_reviews`` limiting a list to what one sees.

    (Trainers additionally see only training frames: check ``can_view_review``.)
    """
    return {} if role == "supervisor" else {"reviewer": user}

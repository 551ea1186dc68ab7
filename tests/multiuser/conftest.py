"""Fixtures for several users on one database: a demo sample and named inspectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import current_user


@pytest.fixture
def me() -> str:
    return current_user()


@pytest.fixture
def team_db(db_path: Path):
    """A demo database (its creator, the test user, is supervisor) with inspectors anna, bert."""
    from jobs.config import Config
    from jobs.demo import create_demo
    from store import open_database
    from store.users import grant_role

    db = open_database(db_path)
    create_demo(db, Config(), seed=5, districts=2, cases=24)
    for name in ("anna", "bert"):
        grant_role(db, name, "inspector")
    yield db
    db.conn.close()


def demote_me(db, me: str, role: str | None = None) -> None:
    """Make the test user an ordinary user: another supervisor takes over, then revokes."""
    from store.users import grant_role, revoke_role

    grant_role(db, "sam", "supervisor", who=me)
    revoke_role(db, me, who="sam")
    if role:
        grant_role(db, me, role, who="sam")

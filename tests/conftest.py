"""Shared fixtures: real SQLite files in tmp_path, never a mocked database."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No test asserts on time, Hypothesis' per-example deadline included: on a shared or
# loaded machine an example may take a second without anything being wrong.
settings.register_profile("granska", deadline=None)
settings.load_profile("granska")


# Keep every test away from the real user's config and data.
@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    monkeypatch.chdir(home)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "granska.db"


@pytest.fixture
def db(db_path: Path):
    from store import open_database

    database = open_database(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def protocol():
    from review_protocols import load_builtin

    return load_builtin("boendestod_sol")


@pytest.fixture
def demo_db(db):
    """A database with a small demo: 2 districts, cases drawn for the current user."""
    from jobs.config import Config
    from jobs.demo import create_demo

    create_demo(db, Config(), seed=7, districts=2, cases=30)
    return db

"""Who you are: the OS user; a user with no role sees no case data anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jobs.access import AccessDenied, require_role, resolve_role
from jobs.config import Config, RoleSettings
from store.audit import history
from tests.multiuser.conftest import demote_me
from tui.cli import main


def test_roles_come_from_the_database_only(team_db, me) -> None:
    assert resolve_role(team_db, me) == "supervisor"
    assert resolve_role(team_db, "anna") == "inspector"
    assert resolve_role(team_db, "dora") is None
    with pytest.raises(AccessDenied, match="dora"):
        require_role(team_db, "dora")
    with pytest.raises(AccessDenied):
        require_role(team_db, "anna", ("supervisor",))


@pytest.mark.parametrize("argv", [
    ["sample"], ["export", "csv"], ["audit", "HÄ-1"], ["users"], ["assign"],
    ["double", "list"], [],  # [] is the TUI itself
])
def test_user_without_role_is_refused_in_one_line_before_any_data(
    team_db, db_path: Path, me: str, argv: list[str], capsys
) -> None:
    demote_me(team_db, me)
    assert main([*argv, "--db", str(db_path)] if argv else ["--db", str(db_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"{me} har ingen roll" in err
    assert "granska users grant" in err


def test_refusal_from_a_real_process(team_db, db_path: Path, me: str) -> None:
    demote_me(team_db, me)
    result = subprocess.run([sys.executable, "-m", "tui", "--db", str(db_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "ingen roll" in result.stderr


@pytest.mark.parametrize("argv", [
    [], ["users", "whoami"], ["users", "grant", "ME", "supervisor"],
    ["export", "answers", "--with-identities"], ["sample"],
])
def test_roles_in_ones_own_config_grant_nothing_in_an_existing_database(
    team_db, db_path: Path, me: str, tmp_path: Path, argv: list[str], capsys
) -> None:
    demote_me(team_db, me)
    config = tmp_path / "config.toml"
    config.write_text(f'[roles]\nsupervisors = ["{me}"]\ninspectors = ["{me}"]\n',
                      encoding="utf-8")
    argv = [me if arg == "ME" else arg for arg in argv]
    assert main([*argv, "--db", str(db_path), "--config", str(config)]) == 2  # [] is the app
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{me} har ingen roll" in err and len(err.strip().splitlines()) == 1
    from store.users import role_of

    assert role_of(team_db, me) is None


def test_config_roles_seed_a_new_database_only(tmp_path: Path, me: str, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[roles]\ninspectors = ["anna"]\ntrainers = ["tove"]\n',
                      encoding="utf-8")
    path = tmp_path / "new.db"
    assert main(["demo", "--db", str(path), "--districts", "1", "--cases", "10",
                 "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["users", "--db", str(path)]) == 0
    listing = capsys.readouterr().out
    assert f"{me}\tsupervisor" in listing
    assert "anna\tinspector" in listing and "tove\ttrainer" in listing
    from store import open_database

    db = open_database(path, create=False)
    assert ("anna", None, "inspector", me) in [
        (h["field"], h["old_value"], h["new_value"], h["who"]) for h in history(db, "user")]
    config.write_text('[roles]\nsupervisors = ["bert"]\n', encoding="utf-8")
    assert main(["users", "--db", str(path), "--config", str(config)]) == 0
    assert "bert" not in capsys.readouterr().out  # an existing database is not seeded


def test_demo_on_a_new_database_makes_its_creator_supervisor(tmp_path: Path, me: str,
                                                             capsys) -> None:
    path = tmp_path / "new.db"
    assert main(["demo", "--db", str(path), "--districts", "1", "--cases", "10"]) == 0
    assert main(["users", "whoami", "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"{me}\tsupervisor")


def test_supervisor_grants_and_revokes_by_cli_and_it_is_audited(
    team_db, db_path: Path, me: str, capsys
) -> None:
    assert main(["users", "grant", "carl", "trainer", "--db", str(db_path)]) == 0
    assert main(["users", "revoke", "anna", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["users", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert "carl\ttrainer" in listing and "anna" not in listing
    changes = [(h["field"], h["old_value"], h["new_value"], h["who"])
               for h in history(team_db, "user") if h["field"] in ("carl", "anna")]
    assert ("carl", None, "trainer", me) in changes
    assert ("anna", "inspector", None, me) in changes


def test_an_inspector_cannot_grant_roles(team_db, db_path: Path, me: str, capsys) -> None:
    demote_me(team_db, me, "inspector")
    assert main(["users", "grant", me, "supervisor", "--db", str(db_path)]) == 2
    assert "handledare" in capsys.readouterr().err
    from store.users import role_of

    assert role_of(team_db, me) == "inspector"


def test_the_last_supervisor_cannot_be_revoked(team_db, db_path: Path, me: str,
                                               capsys) -> None:
    assert main(["users", "revoke", me, "--db", str(db_path)]) == 2
    assert "den sista handledaren" in capsys.readouterr().err


def test_demo_into_an_existing_database_is_for_supervisors(team_db, db_path: Path, me: str,
                                                           capsys) -> None:
    demote_me(team_db, me, "inspector")
    assert main(["demo", "--db", str(db_path), "--seed", "2", "--cases", "4"]) == 2
    assert "handledare" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["export", "csv"], ["export", "answers"], ["sample"], ["draw"],
     ["answers", "import", "answers.csv"], ["frame", "import", "frame.csv"]],
)
def test_an_inspector_cannot_see_or_change_the_whole_sample(
    team_db, db_path: Path, me: str, capsys, argv: list[str]
) -> None:
    demote_me(team_db, me, "inspector")
    assert main([*argv, "--db", str(db_path)]) == 2
    err = capsys.readouterr()
    assert "handledare" in err.err and len(err.err.strip().splitlines()) == 1
    assert err.out == ""


def test_who_sees_which_review(team_db, me: str) -> None:
    from jobs.access import can_view_review, review_filter
    from store.assignments import assign, sampled_cases
    from store.frames import insert_frame
    from store.reviews import ensure_review
    from store.samples import latest_sample_id

    sample_id = latest_sample_id(team_db)
    case = sampled_cases(team_db, sample_id)[0]
    [annas] = assign(team_db, sample_id, [(case["population_id"], "anna")], kind="second",
                     protocol_version="1.0")
    frame = insert_frame(team_db, name="kurs", source="train", sha256="0", kind="training",
                         rows=[{"case_ref": "T-1", "gender": "K", "district": "Skarpnäck"}])
    population_id = team_db.execute("SELECT id FROM population WHERE frame_id = ?",
                                    [frame]).fetchone()[0]
    training = ensure_review(team_db, population_id, "anna", "boendestod_sol", "1.0",
                             kind="training")
    assert can_view_review(team_db, "supervisor", me, annas)
    assert can_view_review(team_db, "inspector", "anna", annas)
    assert not can_view_review(team_db, "inspector", "bert", annas)
    assert can_view_review(team_db, "trainer", "tove", training)
    assert not can_view_review(team_db, "trainer", "tove", annas)
    assert not can_view_review(team_db, None, "anna", annas)
    assert review_filter("supervisor", me) == {}
    assert review_filter("inspector", "anna") == {"reviewer": "anna"}


def test_refusal_speaks_the_configured_language(team_db, db_path: Path, me: str,
                                                tmp_path: Path, capsys) -> None:
    demote_me(team_db, me)
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    try:
        assert main(["audit", "X", "--db", str(db_path), "--config", str(config)]) == 2
    finally:
        from jobs.i18n import set_language

        set_language("sv")
    assert f"{me} has no role in" in capsys.readouterr().err


def test_config_roles_open_no_supervisor_screen_in_the_app(team_db, me) -> None:
    """dora has no role in the database; her own config calling her supervisor shows
    her no sample (F3) and lets her draw none."""
    import asyncio

    from textual.widgets import Static

    from tui.app import GranskaApp

    samples_before = team_db.execute("SELECT count(*) FROM samples").fetchone()[0]

    async def scenario() -> str:
        app = GranskaApp(Config(roles=RoleSettings(supervisors=("dora",))), team_db,
                         user="dora")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            return str(app.screen.query_one("#frames", Static).render())

    shown = asyncio.run(scenario())
    from jobs.i18n import t

    assert shown == t("sample.refused")
    assert team_db.execute("SELECT count(*) FROM samples").fetchone()[0] == samples_before

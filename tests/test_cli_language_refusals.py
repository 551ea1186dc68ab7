"""The refusals raised below the faces (store/ as ``Refusal`` keys, jobs/ through the
catalogue) and the commands' reports follow the configured language: Swedish by default,
English with `language = "en"` in config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.i18n import set_language
from store import current_user
from store.errors import Refusal
from tests.refusals import refused_in_one_line
from tui.cli import main


@pytest.fixture
def english(tmp_path: Path) -> list[str]:
    config = tmp_path / "english.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    return ["--config", str(config)]


def _assigned_ref(db, status: str = "not_started") -> str:
    row = db.execute("SELECT p.case_ref FROM reviews r JOIN population p ON p.id ="
                     " r.population_id WHERE r.status = ? AND r.kind = 'primary' LIMIT 1",
                     [status]).fetchone()
    assert row is not None, f"the demo has no {status} review"
    return str(row[0])


def _both(argv: list[str], english: list[str], capsys, swedish: str, in_english: str) -> None:
    refused_in_one_line(argv, capsys, [swedish])
    refused_in_one_line([*argv, *english], capsys, [in_english])


def test_an_unknown_reference_to_approve(demo_db, db_path: Path, english, capsys) -> None:
    _both(["review", "approve", "NOPE-1", "--db", str(db_path)], english, capsys,
          "NOPE-1: inget granskat ärende", "NOPE-1: no reviewed case")


def test_a_review_not_complete_is_not_approved_and_says_its_status(
        demo_db, db_path: Path, english, capsys) -> None:
    ref = _assigned_ref(demo_db)
    _both(["review", "approve", ref, "--db", str(db_path)], english, capsys,
          f"{ref}: granskningen är ej påbörjad", f"{ref}: its review is not started")


def test_assigning_a_case_not_in_the_sample(demo_db, db_path: Path, english, capsys) -> None:
    _both(["assign", "NOPE-1", "bob", "--db", str(db_path)], english, capsys,
          "ärendet 'NOPE-1' är inte ett valt ärende", "case 'NOPE-1' is not a selected case")


def test_assigning_a_case_that_has_a_reviewer(demo_db, db_path: Path, english,
                                              capsys) -> None:
    ref = _assigned_ref(demo_db)
    _both(["assign", ref, "bob", "--db", str(db_path)], english, capsys,
          f"ärendet {ref} har redan en granskare", f"case {ref} already has a primary reviewer")


def test_a_store_refusal_says_the_status_in_the_users_words() -> None:
    refusal = Refusal("approve_not_complete", review=7, status="in_progress")
    try:
        set_language("sv")
        assert str(refusal).startswith("granskning 7 är pågående, inte klar")
        set_language("en")
        assert str(refusal).startswith("review 7 is in progress, not complete")
    finally:
        set_language("sv")


def test_users_reports_follow_the_language(demo_db, db_path: Path, english, capsys) -> None:
    assert current_user()  # the demo made the current user a supervisor
    for extra, granted, revoked in (
            ([], "bob är nu granskare", "bob har inte längre någon roll"),
            (english, "bob is now inspector", "bob has no role any more")):
        assert main(["users", "grant", "bob", "inspector", "--db", str(db_path), *extra]) == 0
        assert capsys.readouterr().out.strip() == granted
        assert main(["users", "revoke", "bob", "--db", str(db_path), *extra]) == 0
        assert capsys.readouterr().out.strip() == revoked


def test_assign_reports_follow_the_language(demo_db, db_path: Path, english,
                                            capsys) -> None:
    from store.users import grant_role

    grant_role(demo_db, "bob", "inspector")
    ref = _assigned_ref(demo_db)
    for extra, given in (([], f"{ref}: andragranskningen given till bob"),
                         (english, f"{ref}: second review given to bob")):
        demo_db.execute("DELETE FROM reviews WHERE kind = 'second'")
        assert main(["assign", ref, "bob", "--second", "--db", str(db_path), *extra]) == 0
        assert capsys.readouterr().out.strip() == given


def test_frame_import_reports_follow_the_language(tmp_path: Path, english, capsys) -> None:
    from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv

    frame = tmp_path / "ram.csv"
    write_csv(frame, SV_HEADERS, frame_rows(4))
    db = str(tmp_path / "frames.db")
    assert main(["frame", "import", str(frame), "--db", db]) == 0
    assert f"{frame}: 4 rader importerade som ramen" in capsys.readouterr().out
    assert main(["frame", "import", str(frame), "--db", db, *english]) == 0
    assert f"{frame}: already imported as frame" in capsys.readouterr().out

"""Faults a new user met on the case screen, each as that user saw it: keys pressed,
then what is drawn on the screen (80x24, as in a small terminal)."""

from __future__ import annotations

from review_protocols import load_builtin
from tests.tui.conftest import screen_lines
from tests.tui.test_review import open_first_case

PROTOCOL = load_builtin("boendestod_sol")


def on_screen(app, text: str) -> bool:
    return any(text in line for line in screen_lines(app))


async def test_f1_shows_the_help_at_once_after_moving_to_a_question(make_app) -> None:
    help_start = PROTOCOL.question("forstagangsbeslut").help.split()[:4]
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("right_square_bracket", "down")  # B. Beslut, its second question
        await pilot.pause()
        assert screen.current == "forstagangsbeslut"
        assert not on_screen(pilot.app, " ".join(help_start))
        await pilot.press("f1")
        await pilot.pause()
        assert on_screen(pilot.app, "ℹ " + " ".join(help_start))
        await pilot.press("f1")
        await pilot.pause()
        assert not on_screen(pilot.app, "ℹ " + " ".join(help_start))


async def test_hiding_the_case_file_keeps_the_current_question_on_screen(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press(*["right_square_bracket"] * 5)  # well down the protocol
        await pilot.pause()
        marker = "▶" + screen.plan.numbers[screen.current]
        assert on_screen(pilot.app, marker)
        await pilot.press("ctrl+t")  # the questions get the whole width: all of them move
        await pilot.pause()
        assert not screen.query_one("#case-text-pane").display
        assert on_screen(pilot.app, marker)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert on_screen(pilot.app, marker)


async def test_the_case_note_is_shown_once_saved_wherever_the_reviewer_is(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press(*["right_square_bracket"] * 5)  # far from the top of the protocol
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press(*"Kolla beslutet", "ctrl+s")
        await pilot.app.saves.wait()
        await pilot.pause()
        assert screen.case_note == "Kolla beslutet"
        assert on_screen(pilot.app, "✎ Ärendeanteckning: Kolla beslutet")
        assert on_screen(pilot.app, "▶" + screen.plan.numbers[screen.current])


async def test_left_bracket_goes_to_the_previous_section_from_anywhere_in_a_section(
        make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "down")  # C2
        assert screen.plan.numbers[screen.current] == "C2"
        await pilot.press("left_square_bracket")
        assert screen.plan.numbers[screen.current] == "B1"
        await pilot.press("left_square_bracket")
        assert screen.plan.numbers[screen.current] == "A1"
        await pilot.press("left_square_bracket")  # nothing before the first: it stays
        assert screen.plan.numbers[screen.current] == "A1"


def shown_words(screen) -> set[str]:
    """Every word a key in the key bar may show: its key and its description."""
    words: set[str] = set()
    for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
        words.add(screen.app.get_key_display(binding))
        words.update((binding.description or "").split())
    return words


def assert_whole(app) -> None:
    bar = screen_lines(app)[-1]
    assert "palette" not in bar  # Textual's own word, in English
    assert bar.rstrip().endswith("▏^p Kommandon")
    assert "^q Avsluta" in bar and "? Tangenter" in bar
    cut = set(bar.replace("▏", " ").split()) - shown_words(app.screen)
    assert not cut, f"cut in the key bar: {cut}"


async def test_at_80_columns_the_title_and_the_key_bar_show_whole_words(review_db) -> None:
    from jobs.config import Config
    from tests.tui.conftest import REVIEWER, rows_in
    from tui.app import GranskaApp

    app = GranskaApp(Config(), review_db, user=REVIEWER, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        assert_whole(app)
        screen = await open_first_case(pilot)
        title = screen_lines(app)[0]
        assert f"Granska · Ärende {screen.info['case_ref']} — demodatabas, inga riktiga " \
               "uppgifter" in title
        assert_whole(app)
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        title = screen_lines(app)[0].strip()
        assert title.endswith("…") and title[:-1].split()[-1] in (
            f"⭘ Granska · Ärende {screen.info['case_ref']} — demodatabas, inga riktiga "
            "uppgifter").split()


def pane_shows_heading(app, heading: str) -> bool:
    """Whether a line of the case-file pane (right of its border, left of its scroll bar)
    is that heading."""
    return any(line.partition("│")[2].strip(" ▁▂▃▄▅▆▇█") == heading
               for line in screen_lines(app))


async def test_the_case_file_follows_the_section_being_answered(make_app) -> None:
    sections = [section.id for section in PROTOCOL.sections]
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.pause()
        assert pane_shows_heading(pilot.app, "Utredning (DUR)")
        assert not pane_shows_heading(pilot.app, "Journalanteckningar")
        for _ in sections:  # to the cooperation questions, answered from the journal
            if PROTOCOL.sections[screen.plan.section_of[screen.current]].id == "samverkan":
                break
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert PROTOCOL.sections[screen.plan.section_of[screen.current]].case_file \
            == "Journalanteckningar"
        assert pane_shows_heading(pilot.app, "Journalanteckningar")
        await pilot.press("home")  # back to the investigation
        await pilot.pause()
        assert pane_shows_heading(pilot.app, "Utredning (DUR)")
        assert not pane_shows_heading(pilot.app, "Journalanteckningar")

"""Agreement measures against hand-worked examples, including their edge cases."""

import pytest

from tallies.agreement import cohen_kappa, fleiss_kappa, percent_agreement


def test_cohen_textbook_example() -> None:
    # 50 items: both yes 20, both no 15, a-yes/b-no 5, a-no/b-yes 10.
    a = ["ja"] * 25 + ["nej"] * 25
    b = ["ja"] * 20 + ["nej"] * 5 + ["ja"] * 10 + ["nej"] * 15
    assert percent_agreement(a, b) == pytest.approx(0.70)
    # p_o = .70; p_e = .5*.6 + .5*.4 = .50; kappa = .20/.50 = .40
    assert cohen_kappa(a, b) == pytest.approx(0.40)


def test_cohen_perfect_and_undefined() -> None:
    assert cohen_kappa(["ja", "nej", "ja"], ["ja", "nej", "ja"]) == pytest.approx(1.0)
    assert cohen_kappa(["ja", "ja"], ["ja", "ja"]) is None  # one category only: 0/0
    assert cohen_kappa([], []) is None
    assert percent_agreement(["ja", "ja"], ["ja", "ja"]) == 1.0


def test_cohen_worse_than_chance_is_negative() -> None:
    assert cohen_kappa(["ja", "nej"], ["nej", "ja"]) == pytest.approx(-1.0)


def test_fleiss_wikipedia_example() -> None:
    # The worked example on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters.
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    subjects = [{c: n for c, n in enumerate(row) if n} for row in table]
    assert fleiss_kappa(subjects) == pytest.approx(0.210, abs=0.001)


def test_fleiss_edge_cases() -> None:
    assert fleiss_kappa([{"ja": 3}, {"nej": 3}]) == pytest.approx(1.0)
    assert fleiss_kappa([{"ja": 3}, {"ja": 3}]) is None
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([{"ja": 3}, {"ja": 2}])

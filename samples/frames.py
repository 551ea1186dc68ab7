"""Population frames: recognising a district's list of decisions and checking every row.

Pure functions, no database: ``columns_of(headers)`` finds the columns by
their Swedish or English names, ``check_rows`` turns text cells into
population rows and collects every problem with its line number. A frame
with problems is refused whole unless the caller chooses to skip bad rows;
the caller (``jobs.sampling``) stores the good rows in one transaction.

Checks, cheap enough for a million rows: personnummer (form, check digit,
real date of birth), gender (K/M, kvinna/man, F/M, woman/man ...) and its
agreement with the personnummer's ninth digit, decision date (ISO, compact,
with a time, or an Excel serial number), district (one of config.toml's;
the closest configured name is suggested), duplicate case references.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from review_protocols.kinds import CASE_FILE
from samples.personnummer import PersonnummerError, mask
from samples.personnummer import parse as parse_personnummer
from samples.tabular import normalise_header

MAX_SHOWN_ERRORS = 20

# Canonical column -> (Swedish name, English name, synonyms as normalise_header gives them,
# with underscores removed).
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "case_ref": ("ärende", "case_ref", (
        "arende", "arendenr", "arendenummer", "arendeid", "arendereferens", "caseref", "case",
        "caseid", "casenumber", "casereference", "reference", "ref")),
    "personnummer": ("personnummer", "personnummer", (
        "personnummer", "personnr", "pnr", "personalnumber", "personalidentitynumber",
        "personalid", "personid")),
    "name": ("namn", "name", ("namn", "name", "fullname", "fulltnamn", "fornamnefternamn")),
    "gender": ("kön", "gender", ("kon", "gender", "sex")),
    "district": ("stadsdel", "district", (
        "stadsdel", "stadsdelsforvaltning", "stadsdelsomrade", "sdf", "district", "area")),
    "insats": ("insats", "insats", ("insats", "insatstyp", "insatser", "service", "intervention")),
    "decision_date": ("beslutsdatum", "decision_date", (
        "beslutsdatum", "beslutdatum", "beslutsdag", "datumforbeslut", "decisiondate",
        "dateofdecision", "decided")),
}
REQUIRED, OPTIONAL = CASE_FILE.required, CASE_FILE.optional  # declared with the kind of review

WOMEN = {"k", "kvinna", "kvinnor", "f", "female", "woman", "women", "w", "flicka", "girl"}
MEN = {"m", "man", "män", "male", "men", "pojke", "boy"}

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)
EXCEL_SERIALS = range(1, 2958466)  # up to 9999-12-31


class FrameError(ValueError):
    """A frame that cannot be imported; the message is one line for the user."""


class FrameRejected(FrameError):
    """A frame with bad rows: the first few problems with line numbers, and how many."""

    def __init__(self, source: str, errors: Sequence[tuple[int, str]], *,
                 can_skip: bool = True) -> None:
        self.source = source
        self.errors = list(errors)
        self.can_skip = can_skip  # the command has --skip-invalid
        super().__init__(
            f"{source}: {len(self.errors)} rows with problems; nothing was imported "
            + ("(fix them, or use --skip-invalid to import the good rows)" if can_skip
               else "(fix them and import the file again)")
        )

    def lines(self, limit: int = MAX_SHOWN_ERRORS) -> list[str]:
        """'file:line: what, what to do' for the first ``limit`` problems, then the total."""
        shown = [_one_line(f"{self.source}:{line}: {message}")
                 for line, message in self.errors[:limit]]
        more = len(self.errors) - len(shown)
        tail = f" (the first {len(shown)} shown)" if more else ""
        remedy = ("Fix the file, or import the good rows with --skip-invalid" if self.can_skip
                  else "Fix the file and import it again")
        shown.append(_one_line(f"{self.source}: {len(self.errors)} rows with problems in all"
                               f"{tail}; nothing was imported. {remedy}"))
        return shown


def _one_line(text: str) -> str:
    """A cell may hold a line break (quoted CSV); each problem must stay one line, and
    hold nothing shaped like a personnummer (a file name may)."""
    return mask(text.replace("\r", "\\r").replace("\n", "\\n"))


def _key(text: str) -> str:
    return normalise_header(text).replace("_", "")


_SYNONYMS = {syn: column for column, (_, _, syns) in COLUMNS.items() for syn in syns}


def columns_of(
    headers: Sequence[str],
    source: str,
    columns: dict[str, tuple[str, str, tuple[str, ...]]] = COLUMNS,
    required: Sequence[str] = REQUIRED,
) -> dict[str, int]:
    """Canonical column -> index in the row; FrameError naming a missing column.

    ``columns`` and ``required`` describe another kind of register (e.g. the
    providers'), matched the same way.
    """
    synonyms = _SYNONYMS if columns is COLUMNS else {
        syn: column for column, (_, _, syns) in columns.items() for syn in syns}
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = synonyms.get(_key(header))
        if column is not None and column not in found:
            found[column] = index
    missing = [c for c in required if c not in found]
    if missing:
        column = missing[0]
        sv, en, syns = columns[column]
        others = f" (also missing: {', '.join(columns[c][0] for c in missing[1:])})" \
            if missing[1:] else ""
        raise FrameError(
            f"{source}: no column for {sv} / {en}{others}; name the header one of: "
            f"{', '.join(syns)} (case and accents do not matter)"
        )
    return found


def parse_gender(text: str) -> str | None:
    """'K', 'kvinna', 'F', 'woman' -> 'K'; 'M', 'man', 'male' -> 'M'; else None."""
    folded = text.strip().lower()
    if folded in WOMEN:
        return "K"
    if folded in MEN:
        return "M"
    return None


def parse_date(text: str) -> dt.date | None:
    """ISO (2022-03-04, with or without a time), compact 20220304, 2022/03/04, an Excel serial."""
    text = text.strip()
    if not text:
        return None
    head = text[:10]
    if len(head) == 10 and head[4] in "-/." and head[7] == head[4]:
        try:
            return dt.date(int(head[:4]), int(head[5:7]), int(head[8:10]))
        except ValueError:
            return None
    if text.isdigit() and len(text) == 8:
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            return None
    try:
        serial = float(text.replace(",", "."))
    except ValueError:
        return None
    if serial != serial or int(serial) not in EXCEL_SERIALS:  # NaN or out of range
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


# A checked row in ``store.frames.POPULATION_COLUMNS`` order: case_ref, personnummer, name,
# gender, district, insats, decision date and birth date (ISO), and the file's line.
PopulationRow = tuple[str, str, str | None, str, str | None, str, str, str, int]


@dataclass
class Checked:
    """The outcome of checking a frame's rows: problems and rejected rows found on the way."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, list[str], str]] = field(default_factory=list)
    accepted: int = 0


class DistrictMatcher:
    """A file's district text -> the configured name; the closest name as a suggestion."""

    def __init__(self, districts: Sequence[str]) -> None:
        self.names = list(districts)
        self._by_key = {_key(name): name for name in self.names}
        self._cache: dict[str, str | None] = {}

    def __call__(self, text: str) -> str | None:
        if text not in self._cache:
            self._cache[text] = self._by_key.get(_key(text))
        return self._cache[text]

    def suggestion(self, text: str) -> str:
        close = difflib.get_close_matches(text, self.names, n=1, cutoff=0.0)
        return close[0] if close else self.names[0]


def check_rows(
    rows: Iterable[tuple[int, list[str]]],
    columns: dict[str, int],
    districts: Sequence[str],
    checked: Checked,
    *,
    today: dt.date | None = None,
) -> Iterator[PopulationRow]:
    """Yield good rows as population tuples (``store.frames.POPULATION_COLUMNS`` order).

    Problems go to ``checked.errors`` (line, 'what, what to do') and the bad rows
    with their reason to ``checked.rejected``; the caller decides whether one
    problem refuses the whole frame.
    """
    today = today or dt.date.today()
    match_district = DistrictMatcher(districts)
    seen: dict[str, int] = {}
    dates: dict[str, dt.date | None] = {}
    i_ref, i_pnr = columns["case_ref"], columns["personnummer"]
    i_district, i_insats = columns["district"], columns["insats"]
    i_date = columns["decision_date"]
    i_name, i_gender = columns.get("name"), columns.get("gender")
    width = max(columns.values()) + 1

    # The common row (YYYYMMDD-NNNN, a known gender spelling, an ISO date) is checked
    # inline with caches; anything else takes the full check, which says what is wrong.
    fast = _FastPath(match_district)
    born_cache, serials, genders, date_cache = fast.born, fast.serials, fast.genders, fast.dates
    district_of = match_district.__call__
    for line, cells in rows:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        ref = cells[i_ref]
        if ref and ref not in seen:
            pnr = cells[i_pnr]
            born: tuple[str, int] | Literal[False] | None = born_cache.get(pnr[:8], False)
            if born is False:
                born = born_cache[pnr[:8]] = _birth(pnr[:8])
            serial = serials.get(pnr[9:12])
            date_text = cells[i_date]
            decided: str | Literal[False] | None = date_cache.get(date_text, False)
            if decided is False:
                decided = date_cache[date_text] = fast.date(date_text)
            pnr_gender = "M" if pnr[11:12] in "13579" else "K"
            if i_gender is not None:
                given = genders.get(cells[i_gender], False)
                if given is False:
                    given = genders[cells[i_gender]] = parse_gender(cells[i_gender])
            else:
                given = pnr_gender
            district = district_of(cells[i_district])
            if (born is not None and serial is not None and len(pnr) == 13 and pnr[8] == "-"
                    and pnr[12] == _CHECK[(born[1] + serial) % 10] and given == pnr_gender
                    and district is not None and decided is not None and cells[i_insats]):
                seen[ref] = line
                checked.accepted += 1
                yield (ref, pnr, cells[i_name] if i_name is not None else None, pnr_gender,
                       district, cells[i_insats], decided, born[0], line)
                continue
        problems = _problems(cells, line, columns, match_district, seen, dates, today)
        if ref and ref not in seen:
            seen[ref] = line
        if not problems:  # unusual but valid (e.g. samordningsnummer, 10-digit form)
            good_row = _slow_row(cells, columns, match_district, dates, today)
            checked.accepted += 1
            yield (ref, *good_row, line)
            continue
        reason = "; ".join(problems)
        checked.errors.append((line, reason))
        checked.rejected.append((line, cells, reason))


def _luhn_part(digits: str, start_weight: int) -> int:
    total, weight = 0, start_weight
    for char in digits:
        product = int(char) * weight
        total += product - 9 if product > 9 else product
        weight = 3 - weight
    return total


_CHECK = [str((10 - total) % 10) for total in range(10)]  # Luhn sum mod 10 -> check digit


class _FastPath:
    """Caches for the common row: birth dates with their Luhn part, serials, spellings, dates.

    The Luhn sum of YYMMDDNNN is split into the date part (cached per birth
    date) and the serial part (a table of 1000), so a row costs two lookups.
    """

    def __init__(self, match_district: DistrictMatcher) -> None:
        self.born: dict[str, tuple[str, int] | None] = {}
        self.serials = {f"{n:03d}": _luhn_part(f"{n:03d}", 2) for n in range(1000)}
        self.genders: dict[str, str | None] = {}
        self.dates: dict[str, str | None] = {}

    @staticmethod
    def date(text: str) -> str | None:
        day = parse_date(text)
        return day.isoformat() if day else None


def _birth(head: str) -> tuple[str, int] | None:
    """'19800517' -> ('1980-05-17', Luhn partial sum of '800517'), None if not a real date."""
    if not (head.isascii() and head.isdigit()):
        return None
    try:
        day = dt.date(int(head[:4]), int(head[4:6]), int(head[6:8]))
    except ValueError:
        return None  # samordningsnummer and bad dates take the full check
    return day.isoformat(), _luhn_part(head[2:], 2)


def _problems(cells: list[str], line: int, columns: dict[str, int],
              match_district: DistrictMatcher, seen: dict[str, int],
              dates: dict[str, dt.date | None], today: dt.date) -> list[str]:
    """Everything wrong with one row, each as 'what, what to do'.

    A problem names the column (``kön (column 3)``), never the cell's text: in
    a shifted row any cell may hold a personnummer or a name.
    """
    problems: list[str] = []

    def column(key: str) -> str:
        return f"{COLUMNS[key][0]} (column {columns[key] + 1})"

    ref = cells[columns["case_ref"]]
    if not ref:
        problems.append("the case reference (ärende) is empty; fill it in")
    elif ref in seen:
        problems.append(f"{column('case_ref')} repeats the case on line {seen[ref]}; "
                        "each case once")
    pnr_text = cells[columns["personnummer"]]
    pnr_gender = None
    if not pnr_text:
        problems.append(f"{column('personnummer')} is empty; fill it in (YYYYMMDD-NNNN)")
    else:
        try:
            _, _, pnr_gender = parse_personnummer(pnr_text, today)
        except PersonnummerError as error:
            problems.append(f"{column('personnummer')} {error}; correct it")
    i_gender = columns.get("gender")
    if i_gender is not None and cells[i_gender]:
        given = parse_gender(cells[i_gender])
        if given is None:
            problems.append(f"{column('gender')} is not a gender; write K or M "
                            "(kvinna/man, F/M also work)")
        elif pnr_gender is not None and given != pnr_gender:
            problems.append(
                f"kön says {given} but the personnummer says {pnr_gender} (ninth digit); "
                "correct one of them")
    elif i_gender is not None and pnr_gender is None:
        problems.append("kön is empty; write K or M")
    district_text = cells[columns["district"]]
    if not district_text:
        problems.append("the district (stadsdel) is empty; fill it in")
    elif match_district(district_text) is None:
        problems.append(
            f"{column('district')} is not a district in config.toml; did you mean "
            f"'{match_district.suggestion(district_text)}'? Correct it or add the district "
            "to [[districts]]")
    if not cells[columns["insats"]]:
        problems.append("the insats is empty; fill it in (e.g. boendestöd)")
    date_text = cells[columns["decision_date"]]
    if date_text not in dates:
        dates[date_text] = parse_date(date_text)
    if dates[date_text] is None:
        problems.append(
            f"{column('decision_date')} is not a date; write it as 2022-03-04"
            if date_text else "beslutsdatum is empty; fill in the date of the decision")
    return problems


def _slow_row(cells: list[str], columns: dict[str, int], match_district: DistrictMatcher,
              dates: dict[str, dt.date | None], today: dt.date
              ) -> tuple[str, str | None, str, str | None, str, str, str]:
    """A valid row the fast path did not take, as (pnr, name, gender, district, ...)."""
    pnr, born, gender = parse_personnummer(cells[columns["personnummer"]], today)
    i_name = columns.get("name")
    decided = dates[cells[columns["decision_date"]]]
    assert decided is not None, "the row has no problems, so its date parsed"
    return (pnr, cells[i_name] if i_name is not None else None, gender,
            match_district(cells[columns["district"]]), cells[columns["insats"]],
            decided.isoformat(), born.isoformat())


def read_frame(
    table_rows: Iterable[tuple[int, list[str]]],
    headers: Sequence[str],
    source: str,
    districts: Sequence[str],
    checked: Checked,
    today: dt.date | None = None,
) -> Iterator[PopulationRow]:
    """Headers checked first (FrameError at once), then the rows lazily via ``check_rows``."""
    columns = columns_of(headers, source)
    return check_rows(table_rows, columns, districts, checked, today=today)


def rejected_rows(headers: Sequence[str], checked: Checked) -> Iterator[list[str]]:
    """The rejected rows as written beside the file: line, the original cells, the reason."""
    yield ["rad", *headers, "orsak"]
    for line, cells, reason in checked.rejected:
        yield [str(line), *cells[: len(headers)], reason]


"""The register of providers (utförare) under contract: recognising and checking its rows.

Pure, like ``samples.frames``: the headers are matched the same way
(``frames.columns_of``, Swedish or English, case and accents ignored) and
every problem is collected with its line number, so that a bad register is
refused whole with the same numbered list as a bad frame.

Checks: the provider reference is there and unique; the organisation number
has ten digits (``5566778899`` or ``556677-8899``) with a valid Luhn check
digit; the regime is LOV, LOU or egen regi; the purchase value (mkr) is a
non-negative number, a decimal comma accepted; placements, complaints and
deviations are non-negative whole numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from review_protocols.avtalsuppfoljning.kind import PROVIDER
from samples.frames import columns_of
from samples.personnummer import luhn_digit
from samples.tabular import normalise_header

COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "provider_ref": ("leverantör", "provider_ref", (
        "leverantor", "utforare", "providerref", "provider", "leverantorsid", "utforarid")),
    "name": ("namn", "name", ("namn", "name", "leverantorsnamn", "utforarnamn")),
    "org_number": ("organisationsnummer", "org_number", (
        "organisationsnummer", "orgnr", "organisationsnr", "orgnummer", "orgnumber",
        "organisationnumber", "organizationnumber")),
    "contract_area": ("avtalsområde", "contract_area", (
        "avtalsomrade", "contractarea", "omrade", "ramavtal")),
    "regime": ("regim", "regime", ("regim", "regime")),
    "contract_ref": ("dnr", "contract_ref", (
        "dnr", "diarienummer", "avtal", "avtalsdnr", "avtalsnummer", "contractref", "contract")),
    "purchase_value_mkr": ("inköpsvärde_mkr", "purchase_value_mkr", (
        "inkopsvardemkr", "inkopsvarde", "purchasevaluemkr", "purchasevalue")),
    "placements": ("placeringar", "placements", ("placeringar", "antalplaceringar",
                                                 "placements")),
    "complaints": ("klagomål", "complaints", ("klagomal", "complaints")),
    "deviations": ("avvikelser", "deviations", ("avvikelser", "deviations")),
}
REQUIRED = PROVIDER.required
COUNTS = ("placements", "complaints", "deviations")

# Spellings of the three regimes, as normalise_header gives them.
REGIMES = {"lov": "LOV", "lou": "LOU", "louramavtal": "LOU", "ramavtal": "LOU",
           "egenregi": "egen regi", "egen": "egen regi"}

_ORG_NUMBER = re.compile(r"(\d{6})-?(\d{4})")


@dataclass(frozen=True)
class Provider:
    """One register row: a provider under one contract."""

    provider_ref: str
    name: str
    org_number: str  # 556677-8899
    contract_area: str
    regime: str  # LOV | LOU | egen regi
    contract_ref: str | None = None
    purchase_value_mkr: float | None = None
    placements: int | None = None
    complaints: int | None = None
    deviations: int | None = None
    line: int | None = None


@dataclass
class CheckedRegister:
    providers: list[Provider] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def luhn_ok(digits: str) -> bool:
    """Ten digits whose last is the Luhn (mod 10) check digit, as for personnummer."""
    return len(digits) == 10 and luhn_digit(digits[:9]) == int(digits[9])


def parse_org_number(text: str) -> str | None:
    """'5566778899' or '556677-8899' with a good check digit -> '556677-8899'; else None."""
    match = _ORG_NUMBER.fullmatch(text.strip())
    if match is None or not text.isascii() or not luhn_ok(match[1] + match[2]):
        return None
    return f"{match[1]}-{match[2]}"


def parse_regime(text: str) -> str | None:
    return REGIMES.get(normalise_header(text).replace("_", ""))


def parse_mkr(text: str) -> float | None:
    """'2,7', '2.7', '1 234,5' -> a non-negative number of mkr; None if not one."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return None
    return float(cleaned)


def parse_count(text: str) -> int | None:
    cleaned = text.strip()
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() else None


def check_register(
    rows: Iterable[tuple[int, list[str]]], headers: Sequence[str], source: str
) -> CheckedRegister:
    """Every row checked; FrameError at once when a required column is missing."""
    columns = columns_of(headers, source, COLUMNS, REQUIRED)
    width = max(columns.values()) + 1
    checked = CheckedRegister()
    seen: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values = {column: cells[index] for column, index in columns.items()}
        problems, provider = _check_row(values, line, seen)
        if problems:
            checked.errors.append((line, "; ".join(problems)))
        elif provider is not None:
            checked.providers.append(provider)
    return checked


def _check_row(values: dict[str, str], line: int, seen: dict[str, int]
               ) -> tuple[list[str], Provider | None]:
    problems: list[str] = []
    ref = values["provider_ref"]
    if not ref:
        problems.append("the provider reference (leverantör) is empty; fill it in")
    elif ref in seen:
        problems.append(f"provider reference '{ref}' is also on line {seen[ref]}; "
                        "each provider and contract once")
    else:
        seen[ref] = line
    if not values["name"]:
        problems.append("the name (namn) is empty; fill it in")
    org_text = values["org_number"]
    org_number = parse_org_number(org_text)
    if not org_text:
        problems.append("the organisationsnummer is empty; fill it in (556677-8899)")
    elif org_number is None:
        # Not echoed: a sole trader's organisationsnummer is their personnummer.
        problems.append("the organisationsnummer is not ten digits with a valid check digit; "
                        "correct it (556677-8899)")
    if not values["contract_area"]:
        problems.append("the contract area (avtalsområde) is empty; fill it in")
    regime = parse_regime(values["regime"])
    if regime is None:
        problems.append(f"regim '{values['regime']}' is not LOV, LOU or egen regi; write one "
                        "of them" if values["regime"] else
                        "the regim is empty; write LOV, LOU or egen regi")
    value_text = values.get("purchase_value_mkr", "")
    value = parse_mkr(value_text) if value_text else None
    if value_text and value is None:
        problems.append(f"inköpsvärde_mkr '{value_text}' is not a number of mkr; write it "
                        "like 2,7")
    counts: dict[str, int | None] = {}
    for column in COUNTS:
        text = values.get(column, "")
        counts[column] = parse_count(text) if text else None
        if text and counts[column] is None:
            problems.append(f"{COLUMNS[column][0]} '{text}' is not a whole number of zero or "
                            "more; correct it")
    if problems:
        return problems, None
    return [], Provider(
        provider_ref=ref, name=values["name"], org_number=org_number or "",
        contract_area=values["contract_area"], regime=regime or "",
        contract_ref=values.get("contract_ref") or None, purchase_value_mkr=value,
        line=line, **counts)

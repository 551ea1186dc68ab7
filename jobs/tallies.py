"""From the database to tallies' plain inputs (through store functions, no SQL here)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jobs.words import words as catalogue_words
from review_protocols.model import Protocol, QuestionType
from review_protocols.values import decode
from store.review_states import DEFAULT_COUNTING
from tallies.collector import collector_paused
from tallies.crosstab import CaseAnswers, Words
from tallies.export import BOM
from tallies.report import DistrictNote, Report, build_report

if TYPE_CHECKING:
    from jobs.config import Config
    from samples.tabular import ProgressCallback
    from store.database import Database
    from tallies.document import Method
    from tallies.equality import Share
    from tallies.quotes import Quotes

ANSWER_COLUMNS = ("case_ref", "district", "gender", "question_id", "value", "reviewer",
                  "answered_at", "evidence_doc", "evidence_date", "evidence_quote")
IDENTITY_COLUMNS = ("personnummer", "name")


def load_cases(db: Database, protocol: Protocol, *, counting: str = DEFAULT_COUNTING,
               round_id: int | None = None) -> list[CaseAnswers]:
    """The counted reviews as decoded answers, in case reference order (``counting``:
    which states count, config ``[tallies] counted``; ``round_id``: of that round, by
    default of the rounds worked on)."""
    from store.reports import counted_cases

    rows = counted_cases(db, protocol.id, counting=counting, round_id=round_id)
    decoded = _Decoded(protocol)
    # One parse for every review's answers (JSON objects from SQLite); each
    # (question, stored text) pair becomes its decoded pair by a dict lookup in C.
    answer_sets: list[dict] = json.loads(
        "[" + ",".join([row[3] for row in rows]) + "]",
        object_pairs_hook=lambda pairs: dict(map(decoded.__getitem__, pairs)))
    multi = [q.id for q in protocol.questions if q.type is QuestionType.MULTI]
    for answers in answer_sets:
        answers.pop(_DROPPED, None)
        for question_id in multi:  # a list of its own for each case
            value = answers.get(question_id)
            if value is not None:
                answers[question_id] = list(value)
    return [CaseAnswers(case_ref, district, gender, answers)
            for (case_ref, district, gender, _), answers in zip(rows, answer_sets, strict=True)]


_DROPPED = object()  # the key of answers that decode to nothing or to no question


class _Decoded(dict):
    """(question id, stored text) -> (question id, decoded value), worked out on first use.

    Every case shares the same key and value objects: fewer objects, and
    counting them later hashes and compares far less.
    """

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol

    def __missing__(self, pair: tuple[str, str]) -> tuple[object, object]:
        question_id, stored = pair
        value = (decode(self.protocol.question(question_id), stored)
                 if self.protocol.has_question(question_id) else None)
        found = self[pair] = (_DROPPED, None) if value is None else (
            self.protocol.question(question_id).id, value)
        return found


def load_notes(db: Database) -> list[DistrictNote]:
    from store.reports import district_notes

    return [DistrictNote(n["id"], n["district"], n["kind"], n["text"], n["position"])
            for n in district_notes(db)]


def load_report(db: Database, protocol: Protocol, districts: Sequence[str], *,
                codes: Mapping[str, str] | None = None, words: Words | None = None,
                counting: str = DEFAULT_COUNTING) -> Report:
    """The report as built from the database, in the catalogue's words unless given others."""
    return build_report(protocol, load_cases(db, protocol, counting=counting), districts,
                        codes=codes,
                        notes=load_notes(db), words=words or catalogue_words())


def load_equality(db: Database, config: Config, protocol: Protocol,
                  cases: Sequence[CaseAnswers] | None = None, *,
                  publish: bool = False) -> list[Share]:
    """Equal treatment over the counted reviews (as configured): every closed question's
    shares per district, gender and district x gender, their intervals and tests.
    ``cases``: the counted reviews when the caller has read them already; ``publish``
    leaves the sensitive questions out, whose small counts a published report hides."""
    from tallies.equality import equal_treatment

    if cases is None:
        cases = load_cases(db, protocol, counting=config.tallies.counted)
    with collector_paused():
        shares = equal_treatment(protocol, cases, config.district_names)
    if publish:
        sensitive = {q.id for q in protocol.questions if q.sensitive}
        shares = [s for s in shares if s.question_id not in sensitive]
    return shares


def answers_csv(db: Database, protocol: Protocol, *, with_identities: bool = False,
                counting: str = DEFAULT_COUNTING) -> str:
    """The long-format CSV of the counted reviews' answers: ``export.answers_csv`` of
    ``answer_rows``, made from the answers gathered per review when they add up (they do
    unless an answer holds a control character used as a separator)."""
    return BOM + _answers_csv_body(db, protocol, with_identities, counting)


def answers_csv_bytes(db: Database, protocol: Protocol, *, with_identities: bool = False,
                      counting: str = DEFAULT_COUNTING) -> bytes:
    """``answers_csv`` in UTF-8, the way to write it: the text is made without its BOM
    and the BOM put before the bytes. The BOM (U+FEFF) is the one character beyond
    Latin-1 in most exports, and one such character makes Python keep the whole text at
    two bytes a character: twice the work to join and encode 25 MB."""
    return BOM.encode("utf-8") + _answers_csv_body(db, protocol, with_identities,
                                                   counting).encode("utf-8")


def _answers_csv_body(db: Database, protocol: Protocol,
                      with_identities: bool, counting: str) -> str:
    from store.reports import BLOCK, ITEM, answer_blocks
    from tallies.export import answers_csv as write
    from tallies.export import answers_csv_from_blocks

    columns = ANSWER_COLUMNS + (IDENTITY_COLUMNS if with_identities else ())
    with collector_paused():
        blocks = answer_blocks(db, protocol.id, with_identities=with_identities,
                               counting=counting)
        text = answers_csv_from_blocks(blocks, columns, BLOCK, ITEM, bom=False)
        if text is None:
            rows = answer_rows(db, protocol, with_identities=with_identities,
                               counting=counting)
            text = write(rows, columns)[len(BOM):]
    return text


def answer_rows(db: Database, protocol: Protocol, *, with_identities: bool = False,
                counting: str = DEFAULT_COUNTING) -> list[tuple]:
    """The raw answers of the counted reviews in long format (ANSWER_COLUMNS order, then
    IDENTITY_COLUMNS when asked for), for R or pandas."""
    from store.reports import answers_long

    return answers_long(db, protocol.id, with_identities=with_identities, counting=counting)


def produce(db: Database, config: Config, fmt: str, *, with_identities: bool = False,
            quotes: bool = False, publish: bool = False,
            on_progress: ProgressCallback | None = None,
            equality_format: str = "json") -> bytes:
    """The bytes of one export format, for ``granska export`` and the Tallies screen
    (``equality`` in ``equality_format``: json, csv or md).

    ``quotes`` (Markdown only) adds the evidence behind the answers, by question and
    answer, with case references only (``tallies.quotes``). ``publish``: the report as it
    may leave the team (``published``); the raw answers are per case and are not changed
    by it.

    ``on_progress(done, total)`` hears the counted reviews exported: none when the export
    starts, all when its bytes are made (reading them is one query, not row by row).
    """
    from review_protocols import load_builtin
    from store.reports import tally_fingerprint
    from tallies.formats import FORMATS

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}'; use one of: {', '.join(FORMATS)}")
    protocol = load_builtin(config.protocol.default)
    reviews = tally_fingerprint(db, protocol.id, counting=config.tallies.counted)[0][0]
    if on_progress is not None:
        on_progress(0, reviews)
    if fmt == "equality":
        from jobs.equality import render

        data = render(load_equality(db, config, protocol), protocol, equality_format)
    else:
        data = _produce(db, config, protocol, fmt, with_identities, quotes, publish)
    if on_progress is not None:
        on_progress(reviews, reviews)
    return data


def _produce(db: Database, config: Config, protocol: Protocol, fmt: str,
             with_identities: bool, quotes: bool = False, publish: bool = False) -> bytes:
    from tallies import export

    counting = config.tallies.counted
    if fmt == "answers":
        return answers_csv_bytes(db, protocol, with_identities=with_identities,
                                 counting=counting)
    codes = {d.name: d.code for d in config.districts}
    cases = load_cases(db, protocol, counting=counting)  # read once: tables and equality
    report = build_report(protocol, cases, config.district_names, codes=codes,
                          notes=load_notes(db), words=catalogue_words())
    if publish:  # before any writer sees the report
        report = published(report, protocol, config, quotes=quotes)
    if fmt == "csv":
        return export.to_csv(report, catalogue_words()).encode("utf-8")
    if fmt == "md":
        from jobs.equality import markdown_section
        from tallies.quotes import quotes_markdown

        quoted = "\n" + quotes_markdown(_quotes(db, protocol, counting, publish)) if quotes else ""
        return (export.to_markdown(report, catalogue_words()) + quoted + "\n"
                + markdown_section(load_equality(db, config, protocol, cases,
                                                 publish=publish), protocol)
                + _audit_head(db)).encode("utf-8")
    if fmt == "json":
        return export.to_json(report).encode("utf-8")
    if fmt == "docx":
        from jobs.equality import flagged_in_words

        found = flagged_in_words(load_equality(db, config, protocol, cases, publish=publish),
                                 protocol)
        return document_bytes(db, protocol, report, equality=found,
                              quotes=_quotes(db, protocol, counting, publish) if quotes
                              else None)
    from tallies.workbook import to_xlsx

    return to_xlsx(report, catalogue_words())


def _quotes(db: Database, protocol: Protocol, counting: str, publish: bool) -> Quotes:
    """The counted reviews' evidence as the report's quotes section (published, without
    the sensitive questions)."""
    from jobs.i18n import language, t
    from store.evidence import DOC_TYPES
    from store.reports import counted_evidence
    from tallies.quotes import quotes

    return quotes(
        protocol, counted_evidence(db, protocol.id, counting=counting), language(),
        title=t("evidence.quotes_title"), note=t("evidence.quotes_note"),
        doc_labels={d: t(f"evidence.doc.{d}") for d in DOC_TYPES}, publish=publish)


def document_bytes(db: Database, protocol: Protocol, report: Report, *,
                   charts: bool = True, equality: Sequence[str] | None = None,
                   quotes: Quotes | None = None) -> bytes:
    """The report document (``granska export docx``) of ``report``, its method section
    from the protocol's latest sample; ``equality``: the likställighet section's findings
    in words (``jobs.equality.flagged_in_words``), None to leave it out; ``quotes``: the
    evidence section (``--quotes``), None to leave it out."""
    from jobs.words import document_words
    from tallies.document import to_docx

    return to_docx(report, protocol, report_method(db, protocol), catalogue_words(),
                   document_words(), equality=equality, quotes=quotes, charts=charts)


def report_method(db: Database, protocol: Protocol) -> Method:
    """What the method section states, from the protocol's latest stored sample (an empty
    method when none was drawn in Granska, e.g. when the answers were imported)."""
    import datetime as dt

    from store.samples import samples
    from tallies.document import Method

    drawn = [s for s in samples(db) if s["protocol_id"] == protocol.id]
    today = dt.date.today().isoformat()
    if not drawn:
        return Method(None, (), (), None, (), protocol.version, today)
    latest = drawn[-1]
    spec, outcome = json.loads(latest["spec"]), json.loads(latest["outcome"])
    strata: dict[str, dict[str, int]] = {}
    for key, figures in outcome.get("strata", {}).items():
        district, gender = key.rsplit("|", 1)
        strata.setdefault(district, {})[gender] = figures.get("selected", 0)
    period = ((spec["decision_from"], spec["decision_to"])
              if spec.get("decision_from") and spec.get("decision_to") else None)
    frames = [(f["name"], f["rows"], f["sha256"]) for f in spec.get("frames", ())]
    if not frames:  # a sample stored before the spec listed its frames
        from store.frames import frame

        stored = frame(db, latest["frame_id"])
        if stored is not None:
            frames = [(stored["name"], stored["row_count"], stored["sha256"])]
    return Method(
        period, tuple(spec.get("insats", ())),
        tuple((d, g.get("K", 0), g.get("M", 0)) for d, g in strata.items()),
        latest["seed"], tuple(frames), protocol.version, today)


def published(report: Report, protocol: Protocol, config: Config, *,
              quotes: bool = False) -> Report:
    """The report with the small counts of the protocol's sensitive questions, and the
    cells they could be worked out from, hidden (``tallies.suppression``); ``quotes``:
    the report quotes the case files (without the sensitive questions), as its head says."""
    from jobs.words import publish_words
    from tallies.suppression import publish

    return publish(report, protocol, config.export.min_cell, publish_words(), quotes=quotes)


def _audit_head(db: Database) -> str:
    """The audit log's head hash under the report, so that a later copy of the database
    can be checked against what the report was made from (``granska audit verify --head``)."""
    from jobs.i18n import t
    from store.audit import head

    rows, last = head(db)
    return f"\n## {t('export.audit_title')}\n\n{t('export.audit_head', rows=rows, head=last)}\n"

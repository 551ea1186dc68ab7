"""Training glue used by the CLI and the Training screen: generate a bank, report a session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from review_protocols.kinds import kind_of

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from samples.tabular import ProgressCallback
    from store.database import Database
    from tallies.calibration import CalibrationReport


def store_generated(
    db: Database, protocol: Protocol, *, count: int, seed: int,
    difficulty: str = "normal", name: str | None = None, who: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> tuple[int, list[Any]]:
    """Generate cases (the protocol's kind writes them) and store them as a training frame
    with keys and passages; ``on_progress(done, count)`` hears the cases written."""
    from review_protocols.values import encode
    from store.training import save_case_bank

    writer = kind_of(protocol.id).case_file_writer()
    cases = writer.generate_cases(protocol, count, seed, difficulty, on_progress=on_progress)
    keys = {c.case_ref: {qid: encode(protocol.question(qid), value)
                         for qid, value in c.truth.items()} for c in cases}
    passages = {c.case_ref: {qid: (p.text, p.present, p.section)
                             for qid, p in c.case_file.passages.items()} for c in cases}
    frame_id = save_case_bank(
        db, name=name or f"utbildning-{seed}-{difficulty}-{count}",
        source=f"generated seed={seed} difficulty={difficulty}",
        rows=[c.row for c in cases], texts={c.case_ref: c.case_file.text for c in cases},
        keys=keys, passages=passages, who=who)  # type: ignore[arg-type]
    return frame_id, cases


def session_report(
    db: Database, protocol: Protocol, session_id: int, language: str = "sv"
) -> CalibrationReport:
    from store.training import session_data
    from tallies.calibration import calibrate

    Passage = kind_of(protocol.id).case_file_writer().Passage
    data = session_data(db, session_id)
    shown = {ref: {qid: Passage(text, present, section).shown()
                   for qid, (text, present, section) in found.items()}
             for ref, found in data.passages.items()}
    return calibrate(protocol, data.case_refs, data.keys, data.answers, shown,
                     session=data.session["name"], language=language)

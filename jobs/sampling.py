"""The sampling jobs a supervisor does, end to end: import a frame, draw, replace a case.

The CLI commands and the Sample screen call these; the rules live in the pure
modules (``samples.frames``, ``samples.draw``) and the SQL in ``store``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samples.draw import Draw, Spec, eligibility, next_reserve
from samples.frames import Checked, FrameError, FrameRejected, read_frame, rejected_rows

if TYPE_CHECKING:
    from jobs.config import Config
    from samples.tabular import ProgressCallback
    from store.database import Database


@dataclass
class Imported:
    frame_id: int | None
    name: str
    rows: int
    rejected: int = 0
    rejected_file: Path | None = None
    unchanged: bool = False


def spec_from_config(
    config: Config,
    *,
    per_district: int | None = None,
    reserves: int | None = None,
    shortfall: str | None = None,
) -> Spec:
    """The draw's specification: config.toml's [sample] and [[districts]], or the flags.

    ``per_district`` overrides every district: half women, half men (an odd
    number gives the extra case to the women, who are 51 % of those granted).
    """
    quotas = []
    for district in config.districts:
        if per_district is not None:
            women, men = per_district - per_district // 2, per_district // 2
        else:
            women, men = config.quota(district.name)
        quotas.append((district.name, women, men))
    sample = config.sample
    return Spec(
        quotas=tuple(quotas), insats=tuple(sample.insats), decision_from=sample.decision_from,
        decision_to=sample.decision_to, min_age=sample.min_age,
        reserves=sample.reserves if reserves is None else reserves,
        shortfall=shortfall or sample.shortfall,
    )


def import_frame(
    db: Database,
    path: str | Path,
    config: Config,
    *,
    name: str | None = None,
    skip_invalid: bool = False,
    kind: str = "real",
    today: dt.date | None = None,
    on_progress: ProgressCallback | None = None,
) -> Imported:
    """Check and store a CSV/XLSX frame whole; FrameRejected (nothing stored) on bad rows.

    ``on_progress(done, total)`` hears the lines read every few thousand lines.
    """
    from samples.tabular import read_table
    from store.frames import frame_by_fingerprint, insert_frame

    path = Path(path)
    table = read_table(path, on_progress)
    sha256 = file_sha256(path)
    name = name or path.stem
    same = frame_by_fingerprint(db, name, sha256)
    if same is not None:
        return Imported(same["id"], same["name"], same["row_count"], unchanged=True)
    checked = Checked()
    rows = read_frame(table.rows, table.headers, str(path), config.district_names, checked,
                      today=today)
    rejected_file = path.with_name(f"{path.stem}.rejected.csv") if skip_invalid else None

    def before_commit(frame_id: int) -> None:
        if checked.errors and (not skip_invalid or checked.accepted == 0):
            raise FrameRejected(str(path), checked.errors)
        if checked.accepted == 0:
            raise FrameError(f"{path}: no data rows under the header; nothing was imported")
        if rejected_file is not None and checked.rejected:
            write_private_csv(rejected_file, rejected_rows(table.headers, checked))

    frame_id = insert_frame(
        db, name=name, source=path.name, sha256=sha256, rows=rows, kind=kind, version=True,
        before_commit=before_commit, rejected_count=lambda: len(checked.rejected),
    )
    from store.frames import frame

    stored = frame(db, frame_id) or {"name": name}
    return Imported(frame_id, stored["name"], checked.accepted, len(checked.rejected),
                    rejected_file if checked.rejected else None)


def import_rows(
    db: Database,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    config: Config,
    *,
    name: str,
    source: str,
    kind: str,
    case_texts: dict[str, str] | None = None,
) -> int:
    """Import generated rows (the demo) through the same checks as a file."""
    from store.frames import insert_frame

    digest = hashlib.sha256()
    for row in [headers, *rows]:
        digest.update(("\x1f".join(row) + "\n").encode())
    checked = Checked()
    numbered = ((line, list(cells)) for line, cells in enumerate(rows, start=2))
    good = read_frame(numbered, headers, source, config.district_names, checked)

    def before_commit(frame_id: int) -> None:
        if checked.errors:
            raise FrameRejected(source, checked.errors)

    return insert_frame(db, name=name, source=source, sha256=digest.hexdigest(), rows=good,
                        kind=kind, case_texts=case_texts, before_commit=before_commit,
                        version=True)


@dataclass
class Drawn:
    sample_id: int
    result: Draw
    spec: Spec
    frames: list[dict[str, Any]] = field(default_factory=list)
    seed: int = 0


def draw_sample(
    db: Database,
    config: Config,
    *,
    seed: int | None = None,
    per_district: int | None = None,
    frame_names: Sequence[str] = (),
    reserves: int | None = None,
    shortfall: str | None = None,
    kind: str = "real",
    on_progress: ProgressCallback | None = None,
) -> Drawn:
    """Draw from the named frames (default: the latest import of every real frame) and store it.

    ``on_progress(done, total)`` hears the frames' rows: none done when the draw starts (the
    one scan of the frames is most of its time), all of them when the sample is stored."""
    from store.frames import frames_named, latest_frames
    from store.samples import save_sample

    seed = config.sample.seed if seed is None else seed
    spec = spec_from_config(config, per_district=per_district, reserves=reserves,
                            shortfall=shortfall)
    chosen = frames_named(db, frame_names) if frame_names else latest_frames(db, kind)
    if not chosen:
        others = [f["name"] for f in latest_frames(db, None)]
        hint = (f" (there are demo or training frames: {', '.join(others)}; draw from one with "
                f"--frame {others[-1]})") if others else ""
        raise FrameError("no population frame imported yet; run: granska frame import FILE"
                         + hint)
    _refuse_shared_cases(db, chosen)
    rows = sum(f["row_count"] for f in chosen)
    if on_progress is not None:
        on_progress(0, rows)
    result = _draw_from_store(db, [f["id"] for f in chosen], spec, seed)
    frame_fingerprint = (
        chosen[0]["sha256"] if len(chosen) == 1 else hashlib.sha256(
            "|".join(sorted(f["sha256"] for f in chosen)).encode()).hexdigest()
    )
    spec_json = spec.to_json()
    spec_json["frames"] = [
        {"id": f["id"], "name": f["name"], "sha256": f["sha256"], "rows": f["row_count"]}
        for f in chosen
    ]
    sample_id = save_sample(
        db, frame_id=chosen[0]["id"], seed=seed, spec=spec_json, frame_sha256=frame_fingerprint,
        protocol_id=config.protocol.default, outcome=result.outcome,
        members=[m.__dict__ for m in result.members],
    )
    if on_progress is not None:
        on_progress(rows, rows)
    return Drawn(sample_id, result, spec, chosen, seed)


def eligible_candidates(db: Database, frame_ids: Sequence[int], spec: Spec,
                        columns: Sequence[str] = ("id", "case_ref", "district", "gender"),
                        ) -> list[Any]:
    """The frames' eligible rows, selected in SQL (``store.frames.Eligible``)."""
    from store.frames import candidates

    return candidates(db, frame_ids, eligibility(spec), columns=columns)


def eligible_counts(db: Database, frame_ids: Sequence[int], spec: Spec
                    ) -> dict[str, dict[str, int]]:
    """Eligible women and men per district of the spec (zero where there are none)."""
    from store.frames import stratum_counts

    counts = stratum_counts(db, frame_ids, eligibility(spec))
    return {d: {g: counts.get((d, g), 0) for g in ("K", "M")} for d, _, _ in spec.quotas}


def default_frames(db: Database) -> list[dict[str, Any]]:
    """What a draw uses by default: the latest real frames, or else the demo ones.

    Never training frames: their cases are teaching material with an answer key and
    must not end up in a sample that is reviewed and counted in the tallies.
    """
    from store.frames import latest_frames

    return latest_frames(db, "real") or latest_frames(db, "demo")


def _draw_from_store(db: Database, frame_ids: Sequence[int], spec: Spec,
                     seed: int) -> Draw:
    """The pure draw on the eligible case references, then the members' population ids."""
    from dataclasses import replace

    from samples.draw import draw_strata
    from store.frames import population_ids, stratum_refs

    strata = stratum_refs(db, frame_ids, eligibility(spec))
    result = draw_strata(strata, spec, seed=seed, ref=str, ident=lambda _ref: 0)
    ids = population_ids(db, frame_ids, [(m.district, m.case_ref) for m in result.members])
    result.members = [replace(m, population_id=ids[m.district, m.case_ref])
                      for m in result.members]
    return result


def _refuse_shared_cases(db: Database, chosen: list[dict[str, Any]]) -> None:
    from store.frames import shared_cases

    if len(chosen) < 2:
        return
    shared = shared_cases(db, [f["id"] for f in chosen])
    if shared:
        names = {str(f["id"]): f["name"] for f in chosen}
        first = shared[0]
        where = " and ".join(f"'{names[i]}'" for i in first["frame_ids"].split(","))
        raise FrameError(
            f"case {first['case_ref']} ({first['district']}) is in frames {where}; "
            "choose the frames to draw from with --frame NAME")


@dataclass
class Replaced:
    excluded: dict[str, Any]
    replacement: dict[str, Any] | None
    reviewers: list[str]


def replace_case(
    db: Database,
    sample_id: int,
    case_ref: str,
    reason: str,
    *,
    who: str | None = None,
) -> Replaced:
    """Exclude a sampled case with a reason and bring in the next reserve of its stratum."""
    from store.reviews import ensure_review
    from store.samples import member_by_case_ref, members, replace_member, sample

    reason = reason.strip()
    if not reason:
        raise FrameError("give a reason for the replacement, e.g. --reason \"wrong insats\"")
    stored = sample(db, sample_id)
    if stored is None:
        raise FrameError(f"no sample {sample_id}; draw one first: granska draw")
    member = member_by_case_ref(db, sample_id, case_ref)
    if member is None:
        raise FrameError(f"case {case_ref} is not in sample {sample_id}; see: granska sample")
    if member["role"] not in ("selected", "replacement"):
        what = "excluded already" if member["role"] == "excluded" else "a reserve"
        raise FrameError(f"case {case_ref} is {what}, not in the sample; only selected cases "
                         "can be replaced")
    shortfall = json.loads(stored["spec"]).get("shortfall", "fill_other_gender")
    reserve = next_reserve(members(db, sample_id), member, shortfall)
    handover = replace_member(db, member_id=member["id"], reason=reason,
                              replacement_id=reserve["id"] if reserve else None, who=who)
    from review_protocols import load_builtin

    reviewers = []
    for population_id, reviewer, protocol_id, kind in handover:
        protocol = load_builtin(protocol_id)
        ensure_review(db, population_id, reviewer, protocol_id, protocol.version,
                      sample_id=sample_id, kind=kind, who=who)
        if reviewer not in reviewers:
            reviewers.append(reviewer)
    return Replaced(member, dict(reserve) if reserve else None, reviewers)


def write_private_csv(path: Path, rows: Any) -> None:
    """A CSV for Swedish Excel (semicolons, UTF-8 with BOM), readable by its owner only."""
    from store.cells import spreadsheet_row
    from store.files import private_open

    with private_open(path, "w", encoding="utf-8-sig") as handle:
        csv.writer(handle, delimiter=";").writerows(map(spreadsheet_row, rows))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

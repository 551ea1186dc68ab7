"""granska draw: the stratified sample, half women and half men per district."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.context import Context, bounded

if TYPE_CHECKING:
    from jobs.sampling import Drawn


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "draw", parents=[parent], help="draw a stratified sample",
        description="Draw per district N cases, half women and half men, with ranked "
        "reserves, from the eligible cases (insats, decision period and age from config.toml). "
        "The same frames, specification and seed always give the same sample.")
    parser.add_argument("--per-district", type=bounded("[sample] per_district"), metavar="N",
                        help="cases per district, half women and half men (default: "
                        "config.toml [sample] women/men and [[districts]] overrides)")
    parser.add_argument("--seed", type=bounded("[sample] seed"), metavar="N",
                        help="seed of the draw (default: config.toml [sample] seed)")
    parser.add_argument("--frame", action="append", default=[], metavar="NAME",
                        help="draw from this frame (repeatable; default: the latest import of "
                        "every frame)")
    parser.add_argument("--reserves", type=bounded("[sample] reserves"), metavar="N",
                        help="reserves per stratum (default: config.toml [sample] reserves)")
    parser.add_argument("--shortfall", choices=("fill_other_gender", "leave_short"),
                        help="what to do when a stratum is short (default: config.toml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.i18n import t
    from jobs.sampling import draw_sample
    from tui.progress import progress_bar

    with progress_bar(t("progress.draw")) as on_progress:
        drawn = draw_sample(ctx.open_db(), ctx.config, seed=args.seed,
                            per_district=args.per_district, frame_names=args.frame,
                            reserves=args.reserves, shortfall=args.shortfall,
                            on_progress=on_progress)
    for line in summary_lines(drawn):
        print(line)
    return 0


def summary_lines(drawn: Drawn) -> list[str]:
    """Per district: women and men selected (of wanted, of eligible), then any shortfall."""
    outcome = drawn.result.outcome
    frames = ", ".join(f"{f['name']} ({f['row_count']} rows)" for f in drawn.frames)
    lines = [f"sample {drawn.sample_id}: seed {drawn.seed}, from {frames}"]
    width = max(len(d) for d, _, _ in drawn.spec.quotas)
    lines.append(f"{'district':<{width}}  {'women':>12}  {'men':>12}  reserves")
    per_role: dict[tuple[str, str, str], int] = {}
    for m in drawn.result.members:
        per_role[m.district, m.gender, m.role] = per_role.get((m.district, m.gender, m.role),
                                                              0) + 1
    for district, _, _ in drawn.spec.quotas:
        cells = []
        for gender in ("K", "M"):
            stratum = outcome["strata"][f"{district}|{gender}"]
            got = per_role.get((district, gender, "selected"), 0)
            cells.append(f"{got}/{stratum['wanted']} of {stratum['eligible']}")
        reserves = sum(per_role.get((district, g, "reserve"), 0) for g in ("K", "M"))
        lines.append(f"{district:<{width}}  {cells[0]:>12}  {cells[1]:>12}  {reserves}")
    empty = {d for d, _, _ in drawn.spec.quotas
             if all(outcome["strata"][f"{d}|{g}"]["eligible"] == 0 for g in ("K", "M"))}
    for district in sorted(empty):
        wanted = sum(outcome["strata"][f"{district}|{g}"]["wanted"] for g in ("K", "M"))
        if wanted:
            lines.append(f"short: {district}: no eligible cases in the frames; "
                         f"left {wanted} short")
    for short in outcome["shortfalls"]:
        if short["district"] in empty:
            continue
        who = "women" if short["gender"] == "K" else "men"
        if outcome["rule"] == "leave_short":
            how = f"left {short['left_short']} short"
        elif short["filled"]:
            how = f"{short['filled']} taken from the other gender" + (
                f", left {short['left_short']} short" if short["left_short"] else "")
        else:
            how = f"none to spare among the other gender, left {short['left_short']} short"
        lines.append(f"short: {short['district']}: {short['eligible']} eligible {who} for "
                     f"{short['wanted']} wanted; {how} (rule {outcome['rule']})")
    lines.append(f"{outcome['selected']} of {outcome['wanted']} cases selected; see: "
                 "granska sample")
    return lines


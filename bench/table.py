"""One table for `make bench`: every figure beside the reference it is measured against, in one run.

Each benchmark module exposes `measure(ctx: Context) -> list[Figure]`; bench/run.py collects them and
prints them with `render`. A figure without a target is informative only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Context:
    """What every benchmark gets: the database to use (a URL) and whether to run the short version."""

    database_url: str
    quick: bool = False
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    measure: str  # what was measured, e.g. "inbox read p95"
    schakel: float  # Schakel's figure
    unit: str  # "ms", "s", "events/s", "MB", "×"
    reference: float | None = None  # the figure of the reference measured in the same run
    reference_label: str = ""  # what the reference is, e.g. "raw GROUP BY"
    target: str = ""  # e.g. "≤ 30 ms", "≥ 0.5× reference"
    ok: bool | None = None  # target met? None when there is no target

    @property
    def ratio(self) -> float | None:
        if self.reference in (None, 0):
            return None
        return self.schakel / self.reference  # type: ignore[operator]


def render(figures: Iterable[Figure]) -> str:
    header = f"{'measure':<46}{'Schakel':>14}{'reference':>14}  {'ratio':>7}  {'target':<22}{'met':<4}  reference is"
    lines = [header, "-" * len(header)]
    for f in figures:
        ref = "-" if f.reference is None else f"{f.reference:,.2f}"
        ratio = "-" if f.ratio is None else f"{f.ratio:.2f}×"
        met = {True: "ja", False: "NEE", None: "-"}[f.ok]
        lines.append(
            f"{f.measure:<46}{f'{f.schakel:,.2f} {f.unit}':>14}{ref:>14}  {ratio:>7}  {f.target:<22}{met:<4}  "
            f"{f.reference_label}"
        )
    return "\n".join(lines)

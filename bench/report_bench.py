"""Panel report time: the Commissioner's Update Report for a year, beside a plain ReportLab floor.

Usage: ``.venv/bin/python bench/report_bench.py [--rebuild] [--runs N]`` (also run by ``make bench``).

The database is a large demo (``services.demo.build_demo`` at scale ``SCALE``: about 9,000 actions
over three years, ten community days a week and the engagements, feedback, custody and Dog Unit
visits that go with them), kept in ``bench/out/`` and reused unless ``--rebuild``. The figure is the
median, after a warm-up, of building the report for the last complete financial year (the four
period statistics through ``services.statistics.compute`` and the document) and rendering it to a
PDF. The floor, measured in the same run, is ReportLab alone: a document of plain paragraphs with
the same number of pages, no tables, charts or chrome. The target is under two seconds.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
DB = OUT / "reports-demo.sqlite3"
SCALE = 10
TARGET_S = 2.0
AUTHOR = "Lizzie Starr, Director of Governance and Performance"
WORDS = "The Commissioner held community days across the force area and listened to residents. " * 8

if "PCC_DESKTOP_HOME" not in os.environ:  # never touch a real user's data folder
    os.environ["PCC_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="pcc-bench-")


@dataclass(frozen=True)
class ReportFigures:
    """One report's timings (medians, seconds) and what it printed."""

    period: tuple[date, date]
    pages: int
    build_s: float
    render_s: float
    total_s: float
    floor_s: float

    @property
    def passed(self) -> bool:
        """Whether build and render together met the target."""
        return self.total_s < TARGET_S


def median_s(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn`` in seconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(path: Path) -> None:
    """The demo database at ``SCALE``, built beside ``path`` and moved into place when complete."""
    from pcc_desktop.services import startup
    from pcc_desktop.services.demo import build_demo

    tmp = path.with_suffix(".building")
    for stale in path.parent.glob(tmp.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    opened = startup.open_database(tmp)
    summary = opened.workspace.run(build_demo, 1, SCALE)
    opened.workspace.dispose()
    tmp.replace(path)
    print(
        f"built {summary.actions:,} actions, {summary.engagements:,} engagements, "
        f"{summary.custody_visits:,} custody visits in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def ensure(path: Path, rebuild: bool) -> dict[str, int]:
    """Build the database when missing or ``rebuild``; return its row counts."""
    path.parent.mkdir(exist_ok=True)
    if rebuild or not path.exists():
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        build(path)
    tables = ("action", "engagement", "feedback_item", "custody_visit", "aws_visit")
    with sqlite3.connect(path) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


def last_financial_year(today: date) -> tuple[date, date]:
    """The last financial year (1 April – 31 March) that has ended by ``today``."""
    start = date(today.year - 1 if today.month >= 4 else today.year - 2, 4, 1)
    return start, date(start.year + 1, 3, 31)


def floor_pdf(pages: int, target: Path) -> int:
    """A plain ReportLab document of ``pages`` pages (paragraphs only); returns its page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    story: list = []
    for page in range(pages):
        story += [Paragraph(WORDS, style) for _ in range(6)]
        if page < pages - 1:
            story.append(PageBreak())
    doc = SimpleDocTemplate(str(target), pagesize=A4, invariant=1)
    doc.build(story)
    return doc.page


def measure(path: Path, runs: int) -> ReportFigures:
    """Time the update report for the last complete financial year, and the floor."""
    from pcc_desktop.reports import update_report
    from pcc_desktop.reports.house_style import render
    from pcc_desktop.services import startup
    from pcc_desktop.services.clock import today

    ws = startup.open_database(path).workspace
    period = last_financial_year(today())
    folder = Path(tempfile.mkdtemp(prefix="pcc-report-bench-"))
    made = {}

    def build_only() -> None:
        made["report"] = ws.run(update_report.build, *period, AUTHOR)

    def render_only() -> None:
        made["result"] = render(made["report"], folder / "update.pdf")

    def both() -> None:
        build_only()
        render_only()

    total = median_s(both, runs)
    build_s, render_s = median_s(build_only, runs), median_s(render_only, runs)
    pages = made["result"].pages
    assert floor_pdf(pages, folder / "floor.pdf") == pages
    floor = median_s(lambda: floor_pdf(pages, folder / "floor.pdf"), runs)
    ws.dispose()
    return ReportFigures(period, pages, build_s, render_s, total, floor)


def render_section(figures: ReportFigures, counts: dict[str, int], path: Path, runs: int) -> list[str]:
    """The Panel reports section of docs/performance.md."""
    f = figures
    result = "pass" if f.passed else "**FAIL**"
    return [
        "",
        "## Panel reports: the Commissioner's Update Report for a year",
        "",
        f"Database `{path.name}` ({path.stat().st_size / 2**20:.0f} MB), built by `services.demo.build_demo` "
        f"(scale {SCALE}): {counts['action']:,} actions, {counts['engagement']:,} engagements, "
        f"{counts['feedback_item']:,} feedback items, {counts['custody_visit']:,} custody visits, "
        f"{counts['aws_visit']:,} Dog Unit visits. Period {f.period[0]:%d/%m/%Y}–{f.period[1]:%d/%m/%Y}; "
        f"median of {runs} runs after a warm-up. The floor is ReportLab alone: plain paragraphs, the same "
        "number of pages, measured in the same run.",
        "",
        "| Figure | Measured | Floor | Ratio | Target | Result |",
        "|---|---:|---:|---:|---|---|",
        f"| Update report, build + render ({f.pages} pages) | {f.total_s:.2f} s | {f.floor_s:.2f} s "
        f"| {f.total_s / f.floor_s:.1f}× | < {TARGET_S:.0f} s | {result} |",
        f"| of which: figures and document (`update_report.build`) | {f.build_s:.2f} s | – | – | – | – |",
        f"| of which: rendering the PDF (`house_style.render`) | {f.render_s:.2f} s | – | – | – | – |",
    ]


def run(rebuild: bool, runs: int) -> tuple[list[str], bool]:
    """Build or reuse the database, measure, print the figures; the section and whether it passed."""
    counts = ensure(DB, rebuild)
    figures = measure(DB, runs)
    lines = render_section(figures, counts, DB, runs)
    print("\n".join(lines), flush=True)
    return lines, figures.passed


def main(argv: list[str]) -> int:
    """Run the report benchmark on its own."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure")
    args = parser.parse_args(argv)
    return 0 if run(args.rebuild, args.runs)[1] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH.parent))
    sys.exit(main(sys.argv[1:]))

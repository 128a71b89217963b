"""PCC Desktop benchmark: 200,000 actions, each figure measured beside its floor.

Usage: ``.venv/bin/python bench/run_bench.py [--rebuild] [--runs N] [--starts N]`` (``make bench``).

1. cold start to the first paint of the main window with its action list loaded, in a fresh
   offscreen subprocess (``gui_probe.py``); floor: a bare QMainWindow shown the same way;
2. opening the action list ("All open actions", first page) through ``ActionTableModel``;
3. changing a filter and 4. sorting, each timed through the model (SQL + model reset);
   floors for 2–4: the equivalent first-page SQL run raw through ``sqlite3``;
5. peak memory (``ru_maxrss``) of the GUI subprocess after the window is shown;
6. the Commissioner's Update Report for a year, built and rendered (``report_bench.py``).

The database is kept in ``bench/out/`` (gitignored) and reused unless ``--rebuild``. Results go
to ``docs/performance.md``; the notes in ``bench/notes.md`` are appended to it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
DB = OUT / "actions-200k.sqlite3"
ACTIONS = 200_000
HOME = Path(tempfile.mkdtemp(prefix="pcc-bench-"))
os.environ["PCC_DESKTOP_HOME"] = str(HOME)  # never touch a real user's data
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import engagements  # noqa: E402 - bench-local modules, after the environment is set
import report  # noqa: E402
import report_bench  # noqa: E402
import rota  # noqa: E402
import scenarios  # noqa: E402
from coldstart import cold_starts  # noqa: E402


def build_database(path: Path) -> None:
    """Create, migrate and seed ``path``, then fill it with 200,000 demo actions."""
    from pcc_desktop.services import startup
    from pcc_desktop.services.demo import build_demo

    tmp = path.with_suffix(".building")
    for stale in OUT.glob(tmp.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    opened = startup.open_database(tmp)
    summary = opened.workspace.run(build_demo, 1, ACTIONS / 900 + 1e-9, 3, False, icv=False)
    opened.workspace.dispose()
    tmp.replace(path)
    print(f"built {summary.actions:,} actions in {time.perf_counter() - started:.1f} s", flush=True)


def ensure_database(rebuild: bool) -> Path:
    """The benchmark database, built when missing, wrong or ``--rebuild``; migrated to head."""
    import sqlite3

    from pcc_desktop.services import startup

    OUT.mkdir(exist_ok=True)
    if DB.exists() and not rebuild:
        with sqlite3.connect(DB) as conn:
            count = conn.execute("SELECT count(*) FROM action").fetchone()[0]
        rebuild = count != ACTIONS
    if rebuild or not DB.exists():
        for old in OUT.glob(DB.name + "*"):
            old.unlink()
        build_database(DB)
    startup.open_database(DB).workspace.dispose()  # migrate now, not during a timed start
    return DB


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the 200,000-action database again")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per filter/sort figure")
    parser.add_argument("--starts", type=int, default=5, help="fresh subprocesses per cold-start figure")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run every measurement and write the report."""
    args = parse_args(argv)
    db = ensure_database(args.rebuild)
    print("cold starts…", flush=True)
    starts = cold_starts(db, args.starts, HOME)
    print("list, filter and sort…", flush=True)
    timings = scenarios.measure(db, args.runs)
    text = report.render(starts, timings, db, args, argv)
    print("engagements…", flush=True)
    engagement_db = OUT / "engagements-20k.sqlite3"
    counts = engagements.ensure(engagement_db, args.rebuild)
    figures = engagements.measure(engagement_db, args.runs)
    section = engagements.render(figures, counts, engagement_db)
    section += ["", "## Custody visiting rota", "", *(f"- {line}" for line in rota.measure_rota())]
    print("panel reports…", flush=True)
    report_lines, report_passed = report_bench.run(args.rebuild, args.runs)
    section += report_lines
    text = _insert_before_notes(text, section)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    passed = report.all_pass(starts, timings) and all(f.passed for f in figures) and report_passed
    return 0 if passed else 1


def _insert_before_notes(text: str, section: list[str]) -> str:
    """Put the engagement table after the action figures, before the notes."""
    marker = "\n## What the benchmark found"
    head, sep, tail = text.partition(marker)
    return head.rstrip("\n") + "\n" + "\n".join(section) + "\n" + sep + tail


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

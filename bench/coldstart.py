"""Cold-start and memory figures: fresh subprocesses running ``gui_probe.py``."""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "gui_probe.py"


@dataclass(frozen=True)
class Start:
    """One subprocess start: seconds to first paint, phase durations, peak RSS in MB."""

    seconds: float
    phases: dict[str, float]
    rows: int
    maxrss_mb: float


@dataclass(frozen=True)
class ColdStarts:
    """Every start of the app and of the bare-window floor."""

    app: list[Start]
    floor: list[Start]

    @property
    def app_median(self) -> float:
        """Median seconds to the app's first paint."""
        return statistics.median(s.seconds for s in self.app)

    @property
    def floor_median(self) -> float:
        """Median seconds to the bare window's first paint."""
        return statistics.median(s.seconds for s in self.floor)

    @property
    def app_maxrss(self) -> float:
        """Largest peak RSS (MB) seen in any app start."""
        return max(s.maxrss_mb for s in self.app)

    def phase_medians(self) -> dict[str, float]:
        """Median duration of each start-up phase of the app."""
        names = self.app[0].phases
        return {name: statistics.median(s.phases[name] for s in self.app) for name in names}


def run_probe(args: list[str], home: Path) -> Start:
    """Start ``gui_probe.py args`` in a fresh interpreter and read its figures."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PCC_DESKTOP_HOME": str(home)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(PROBE), *args], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    marks: dict[str, float] = data["marks"]
    if "first_paint" not in marks:
        raise RuntimeError(f"no paint seen for {args}: {done.stderr}")
    names = list(marks)
    phases = {"process start → interpreter": marks[names[0]] - started}
    phases |= {f"{a} → {b}": marks[b] - marks[a] for a, b in itertools.pairwise(names)}
    return Start(marks["first_paint"] - started, phases, int(data["rows"]), float(data["maxrss_mb"]))


def cold_starts(db: Path, count: int, home: Path) -> ColdStarts:
    """``count`` alternating starts of the floor and the app (one unmeasured warm-up each)."""
    run_probe(["floor"], home)
    run_probe(["app", str(db)], home)
    floor, app = [], []
    for _ in range(count):
        floor.append(run_probe(["floor"], home))
        app.append(run_probe(["app", str(db)], home))
    if not all(s.rows for s in app):
        raise RuntimeError("the action list was empty at first paint")
    return ColdStarts(app, floor)

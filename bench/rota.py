"""Rota planning time: a quarter (13 weeks) for 30 volunteers and 3 custody suites.

The issue's target is under a second. The figure is the median of several plans, each with its own
seed, after one warm-up; planning is pure Python, so no database is involved.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

TARGET_MS = 1000.0
RUNS = 21


def measure_rota() -> list[str]:
    """Plan a quarter ``RUNS`` times; print and return the report lines."""
    from pcc_desktop.services.rota_planner import RotaRules, SuiteSpec, VolunteerSpec, plan_rota

    suites = [SuiteSpec(i, f"Suite {i}", 1) for i in range(3)]
    volunteers = [VolunteerSpec(i, f"Volunteer {i}") for i in range(30)]
    start = date(2025, 6, 30)
    plan_rota(suites, volunteers, start, 13, RotaRules(seed=0))
    times = []
    for seed in range(1, RUNS + 1):
        started = time.perf_counter()
        plan = plan_rota(suites, volunteers, start, 13, RotaRules(seed=seed))
        times.append((time.perf_counter() - started) * 1000)
        assert len(plan.slots) == 39 and not plan.warnings
    median = statistics.median(times)
    verdict = "PASS" if median < TARGET_MS else "FAIL"
    lines = [
        f"rota: plan a quarter, 30 volunteers, 3 suites: median {median:.2f} ms "
        f"(max {max(times):.2f} ms, {RUNS} runs; target < {TARGET_MS:.0f} ms) {verdict}"
    ]
    for line in lines:
        print(line, flush=True)
    return lines


if __name__ == "__main__":
    measure_rota()

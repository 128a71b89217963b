"""``pcc-desktop stats NAME``: JSON and table output, the default period, refusals, and its docs."""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pcc_desktop import cli_stats
from pcc_desktop.cli import main
from pcc_desktop.models import Action, Area, AreaKind, Engagement, EngagementStatus, EngagementType
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.statistics import STATISTICS, compute
from pcc_desktop.services.workspace import Workspace

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A new database (reference data seeded) with two community days in June 2025 and an action."""
    path = tmp_path / "stats.sqlite3"
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    ws = Workspace.open(path)
    owner = ws.run(save_staff, None, StaffData(id=None, name="Lizzie Starr"))
    with ws.session() as s:
        npa = Area(name="Test NPA", kind=AreaKind.NPA)
        s.add(npa)
        s.flush()
        for n, day in enumerate((date(2025, 6, 5), date(2025, 6, 12)), start=1):
            s.add(
                Engagement(
                    reference=f"ENG-2025-{n:04d}",
                    kind=EngagementType.COMMUNITY_DAY,
                    status=EngagementStatus.HELD,
                    held_on=day,
                    npa_id=npa.id,
                    place_name=f"Place {n}",
                )
            )
        s.add(
            Action(
                reference="ACT-2025-0001", title="Call back", owner_id=owner.id, logged_on=date(2025, 5, 1)
            )
        )
    ws.dispose()
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_for_a_given_period(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--db", str(db), "stats", "engagement", "--from", "2025-06-01", "--to", "2025-06-10")
    assert (data["date_from"], data["date_to"]) == ("2025-06-01", "2025-06-10")
    assert data["community_days"] == 1
    assert [d["place"] for d in data["community_day_list"]] == ["Place 1"]


def test_the_default_period_is_this_financial_year(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--db", str(db), "stats", "actions")  # today is pinned to 18/06/2025
    assert (data["date_from"], data["date_to"]) == ("2025-04-01", "2026-03-31")
    assert (data["logged"], data["open_at_end"]) == (1, 1)
    only_from = _json(capsys, "--db", str(db), "stats", "actions", "--from", "2025-05-02")
    assert (only_from["date_from"], only_from["date_to"], only_from["logged"]) == (
        "2025-05-02",
        "2026-03-31",
        0,
    )


def test_the_table_is_the_default_format(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "stats", "engagement"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Community engagement, 01/04/2025 to 31/03/2026"
    assert re.fullmatch(r"Community days +2", lines[4])
    assert any(re.fullmatch(r"  Jun 2025 +starts on: 2025-06-01; count: 2", line) for line in lines)
    assert any(re.fullmatch(r"NPAs visited +1", line) for line in lines)


@pytest.mark.parametrize("name", list(STATISTICS))
def test_every_name_prints_both_formats(db: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    data = _json(capsys, "--db", str(db), "stats", name, "--from", "2025-04-01", "--to", "2025-06-30")
    assert data["date_to"] == "2025-06-30"
    assert main(["--db", str(db), "stats", name, "--from", "2025-04-01", "--to", "2025-06-30"]) == 0
    assert capsys.readouterr().out.startswith(f"{STATISTICS[name].title}, 01/04/2025 to 30/06/2025\n")


def test_a_period_ending_before_it_starts_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "stats", "icv", "--from", "2025-06-01", "--to", "2025-05-31"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "pcc-desktop: The period cannot end (31/05/2025) before it starts (01/06/2025)." in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "visits"], "invalid choice: 'visits'"),
        (["stats", "icv", "--from", "01/04/2025"], "'01/04/2025' is not a date like 2025-06-18"),
        (["stats", "icv", "--format", "csv"], "invalid choice: 'csv'"),
    ],
)
def test_bad_arguments_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db), *args])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_the_parser_names_are_the_registry_names() -> None:
    assert tuple(STATISTICS) == cli_stats.NAMES


# --- every JSON key is documented in docs/cli.md -----------------------------------------------


def _documented(name: str) -> set[str]:
    """The keys in the first column of the ``stats NAME`` JSON table of docs/cli.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = re.search(rf"^### `stats {name}` JSON\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    assert section, f"docs/cli.md has no '### `stats {name}` JSON' section"
    return set(re.findall(r"^\| `([^`]+)` \|", section.group(1), re.M))


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The dataclass inside an optional or a sequence, and whether it was a sequence."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0])
    if typing.get_origin(hint) in (tuple, list, set, frozenset) and args:
        return args[0], True
    return hint, False


def _type_keys(cls: type, prefix: str = "", seen: tuple[type, ...] = ()) -> set[str]:
    """Every key the JSON of ``cls`` can have, lists of objects written ``key[].sub``."""
    hints = typing.get_type_hints(cls)
    keys = set()
    for f in dataclasses.fields(cls):
        if f.name.endswith(("_id", "_ids")):
            continue
        path = prefix + f.name
        keys.add(path)
        inner, many = _unwrap(hints[f.name])
        if dataclasses.is_dataclass(inner) and inner not in (*seen, cls):
            keys |= _type_keys(inner, path + ("[]." if many else "."), (*seen, cls))
    return keys


def _output_keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(prefix + key)
        if isinstance(value, dict):
            keys |= _output_keys(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    keys |= _output_keys(item, f"{prefix}{key}[].")
    return keys


@pytest.mark.parametrize("name", list(STATISTICS))
def test_every_json_key_is_documented(db: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    documented = _documented(name)
    printed = _output_keys(_json(capsys, "--db", str(db), "stats", name, "--from", "2025-04-01"))
    ws = Workspace.open(db)
    try:
        possible = _type_keys(type(ws.run(compute, name, date(2025, 4, 1), date(2025, 6, 30))))
    finally:
        ws.dispose()
    assert printed <= possible
    assert sorted(possible - documented) == [], f"keys of 'stats {name}' missing from docs/cli.md"
    assert sorted(documented - possible) == [], f"docs/cli.md documents keys 'stats {name}' does not have"

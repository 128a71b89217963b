"""The statistics registry: names, period checks, and the generic JSON and table conversion."""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from pcc_desktop.models import Area, AreaKind, Engagement, EngagementStatus, EngagementType
from pcc_desktop.services.action_statistics import ActionStats
from pcc_desktop.services.aws_statistics import AwsStats, aws_statistics, aws_statistics_rows
from pcc_desktop.services.engagement_statistics import EngagementStats
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.icv_statistics import IcvStats, icv_statistics
from pcc_desktop.services.statistics import (
    STATISTICS,
    compute,
    financial_year,
    humanise,
    statistic,
    to_json,
    to_rows,
)
from pcc_desktop.services.workspace import Workspace


class Colour(enum.StrEnum):
    """An enum field."""

    RED = "red"


@dataclass(frozen=True)
class Inner:
    """A (label, count) pair."""

    label: str
    count: int


@dataclass(frozen=True)
class Trio:
    """An object of three fields."""

    name: str
    share_pct: float | None
    ok: bool


@dataclass(frozen=True)
class Sample:
    """A field of every kind to convert."""

    day: date
    at: datetime
    colour: Colour
    ratio: float
    suite_id: uuid.UUID
    visit_ids: tuple[uuid.UUID, ...]
    token: uuid.UUID
    items: tuple[Inner, ...]
    trios: tuple[Trio, ...]
    names: tuple[str, ...]
    nested: Inner | None
    nothing: int | None
    pairs: tuple[tuple[date, int], ...]


TOKEN = uuid.UUID(int=7)
SAMPLE = Sample(
    day=date(2024, 6, 13),
    at=datetime(2024, 6, 13, 9, 30, tzinfo=UTC),
    colour=Colour.RED,
    ratio=2 / 3,
    suite_id=uuid.uuid4(),
    visit_ids=(uuid.uuid4(),),
    token=TOKEN,
    items=(Inner("Surgery", 2), Inner("Public meeting", 1)),
    trios=(Trio("Keyham Lane", 98.06, True),),
    names=("Charnwood", "Lutterworth"),
    nested=Inner("npas_visited", 3),
    nothing=None,
    pairs=((date(2024, 6, 1), 1),),
)


def test_the_registry_names_and_titles() -> None:
    assert list(STATISTICS) == ["engagement", "actions", "icv", "aws"]
    assert all(spec.name == name and spec.title for name, spec in STATISTICS.items())


def test_to_json_makes_every_value_plain() -> None:
    data = to_json(SAMPLE)
    assert data == {
        "day": "2024-06-13",
        "at": "2024-06-13T09:30:00+00:00",
        "colour": "red",
        "ratio": 0.7,
        "token": str(TOKEN),
        "items": [{"label": "Surgery", "count": 2}, {"label": "Public meeting", "count": 1}],
        "trios": [{"name": "Keyham Lane", "share_pct": 98.1, "ok": True}],
        "names": ["Charnwood", "Lutterworth"],
        "nested": {"label": "npas_visited", "count": 3},
        "nothing": None,
        "pairs": [["2024-06-01", 1]],
    }
    assert "suite_id" not in data and "visit_ids" not in data  # record ids are left out
    json.dumps(data)  # and it is JSON


def test_to_rows_flattens_the_json() -> None:
    assert to_rows(SAMPLE) == [
        ("Day", "2024-06-13"),
        ("At", "2024-06-13T09:30:00+00:00"),
        ("Colour", "red"),
        ("Ratio", "0.7"),
        ("Token", str(TOKEN)),
        ("Items", ""),
        ("  Surgery", "2"),
        ("  Public meeting", "1"),
        ("Trios", ""),
        ("  Keyham Lane", "share %: 98.1; ok: yes"),
        ("Names", "Charnwood, Lutterworth"),
        ("Nested", ""),
        ("  Label", "npas_visited"),
        ("  Count", "3"),
        ("Nothing", "–"),
        ("Pairs", "2024-06-01, 1"),
    ]


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("community_days", "Community days"),
        ("npas_not_visited", "NPAs not visited"),
        ("items_for_cgb", "Items for CGB"),
        ("achieved_pct", "Achieved %"),
    ],
)
def test_humanise(key: str, label: str) -> None:
    assert humanise(key) == label


def test_an_unknown_name_lists_the_names() -> None:
    with pytest.raises(ValidationError) as caught:
        statistic("visits")
    assert caught.value.errors == {
        "name": "There are no statistics called 'visits'. Choose from: engagement, actions, icv, aws."
    }
    assert statistic(" ICV ").name == "icv"


def test_a_period_ending_before_it_starts_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.run(compute, "actions", date(2025, 4, 1), date(2025, 3, 31))
    assert caught.value.errors == {
        "date_to": "The period cannot end (31/03/2025) before it starts (01/04/2025)."
    }


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2025, 6, 18), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2025, 4, 1), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2025, 3, 31), (date(2024, 4, 1), date(2025, 3, 31))),
        (date(2024, 1, 15), (date(2023, 4, 1), date(2024, 3, 31))),
    ],
)
def test_financial_year(on: date, expected: tuple[date, date]) -> None:
    assert financial_year(on) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [("engagement", EngagementStats), ("actions", ActionStats), ("icv", IcvStats), ("aws", AwsStats)],
)
def test_every_name_computes_and_converts(seeded: Workspace, name: str, kind: type) -> None:
    stats = seeded.run(compute, name, date(2024, 4, 1), date(2025, 3, 31))
    assert isinstance(stats, kind)
    spec = STATISTICS[name]
    data = json.loads(json.dumps(spec.to_json(stats)))
    assert data["date_from"] == "2024-04-01" and data["date_to"] == "2025-03-31"
    rows = spec.to_rows(stats)
    assert rows and all(isinstance(label, str) and isinstance(value, str) for label, value in rows)


def test_the_wrapped_figures_are_the_modules_own(seeded: Workspace) -> None:
    period = (date(2024, 4, 1), date(2025, 3, 31))
    assert seeded.run(compute, "icv", *period) == seeded.run(icv_statistics, *period)
    aws = seeded.run(compute, "aws", *period)
    assert aws == seeded.run(aws_statistics, *period)
    assert STATISTICS["aws"].to_rows(aws) == aws_statistics_rows(aws)


def test_engagement_json_has_the_community_days(workspace: Workspace) -> None:
    with workspace.session() as s:
        npa = Area(name="East Leicester", kind=AreaKind.NPA)
        s.add(npa)
        s.flush()
        s.add(
            Engagement(
                reference="ENG-2024-0001",
                kind=EngagementType.COMMUNITY_DAY,
                status=EngagementStatus.HELD,
                held_on=date(2024, 6, 13),
                npa_id=npa.id,
                place_name="Highfields",
                reason="Residents' petition",
            )
        )
    data = STATISTICS["engagement"].to_json(
        workspace.run(compute, "engagement", date(2024, 6, 1), date(2024, 6, 30))
    )
    assert data["community_days"] == 1
    assert data["community_day_list"] == [
        {
            "held_on": "2024-06-13",
            "place": "Highfields",
            "area": "",
            "npa": "East Leicester",
            "reason": "Residents' petition",
        }
    ]
    assert data["community_days_by_month"] == [{"label": "Jun 2024", "starts_on": "2024-06-01", "count": 1}]
    assert data["npas_not_visited"] == []

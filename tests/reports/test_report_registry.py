"""The report registry: names the command line and the GUI can list and produce."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_db import module_workspace

from pcc_desktop.reports.document import PanelReport
from pcc_desktop.reports.registry import REPORTS, produce
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace

AUTHOR = "Lizzie Starr, Director of Governance and Performance"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """An empty database with the reference data, shared by the module (the reports only read it)."""
    with module_workspace(tmp_path_factory.mktemp("registry"), date(2025, 6, 18), seeded=True) as ws:
        yield ws


def test_the_reports_are_registered_by_their_command_line_names() -> None:
    assert set(REPORTS) == {"action-log", "you-said-we-did", "update-report", "aws-summary", "icv-annual"}
    for name, spec in REPORTS.items():
        assert spec.name == name
        assert spec.title and spec.description


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_each_report_builds_and_renders(seeded: Workspace, tmp_path: Path, name: str) -> None:
    built = seeded.run(REPORTS[name].build, date(2025, 4, 1), date(2025, 6, 18), AUTHOR)
    assert isinstance(built, PanelReport)
    assert built.title == REPORTS[name].title
    result = seeded.run(produce, name, date(2025, 4, 1), date(2025, 6, 18), AUTHOR, tmp_path / f"{name}.pdf")
    assert result.pages == len(PdfReader(result.path).pages)


def test_produce_refuses_an_unknown_report_and_a_backwards_period(seeded: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        seeded.run(produce, "annual-report", date(2025, 4, 1), date(2025, 6, 18), AUTHOR, tmp_path / "x.pdf")
    assert "action-log" in caught.value.errors["report"]
    with pytest.raises(ValidationError) as caught:
        seeded.run(produce, "action-log", date(2025, 6, 18), date(2025, 4, 1), AUTHOR, tmp_path / "x.pdf")
    assert "date_to" in caught.value.errors
    assert not list(tmp_path.glob("*.pdf"))

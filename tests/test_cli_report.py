"""``pcc-desktop report NAME``: the PDF, what it prints, the default period, refusals, and its docs."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pcc_desktop.cli import main
from pcc_desktop.reports.registry import REPORTS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
AUTHOR = "Lizzie Starr, Director of Governance and Performance"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A new database with the reference data."""
    path = tmp_path / "report.sqlite3"
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    return path


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_writes_the_pdf_and_prints_its_path_pages_and_sha256(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports" / "update.pdf"
    args = ["--db", str(db), "report", "update-report", "--from", "2025-04-01", "--to", "2025-06-30"]
    assert main([*args, "--out", str(out), "--author", AUTHOR]) == 0
    printed = capsys.readouterr().out.strip()
    match = re.fullmatch(r"Wrote (.+): (\d+) pages, sha256 ([0-9a-f]{64})", printed)
    assert match, printed
    assert Path(match[1]) == out
    assert int(match[2]) == len(PdfReader(out).pages)
    assert match[3] == hashlib.sha256(out.read_bytes()).hexdigest()
    text = _text(out)
    assert f"Commissioner's Update Report Report Date 18 June 2025 Report Author {AUTHOR}" in text
    assert "between 1 April 2025 and 30 June 2025" in text


def test_the_default_period_is_this_financial_year_and_the_default_author_the_office(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aws.pdf"
    assert main(["--db", str(db), "report", "aws-summary", "--out", str(out)]) == 0
    text = _text(out)
    assert "Animal Welfare Scheme Summary" in text
    assert "between 1 April 2025 and 31 March 2026" in text  # today is pinned to 18/06/2025
    assert "Report Author Office of the Police and Crime Commissioner" in text


def test_list_prints_every_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--db", str(tmp_path / "unused.sqlite3"), "report", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(REPORTS)
    assert any(line.endswith("Commissioner's Update Report") for line in lines)
    assert not (tmp_path / "unused.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annual-report", "--out", "x.pdf"], "There is no report called 'annual-report'; choose one of"),
        (["update-report", "--out", "x.docx"], "--out must end in .pdf"),
        (["update-report"], "Say where to write the report: --out FILE.pdf."),
        ([], "Say which report to write: one of action-log"),
    ],
)
def test_bad_names_and_files_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args, message
) -> None:
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "never.sqlite3"
    assert main(["--db", str(database), "report", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pcc-desktop: ") and message in captured.err
    assert list(tmp_path.iterdir()) == []  # no report, and not even a database


def test_a_period_ending_before_it_starts_exits_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "backwards.pdf"
    args = ["--db", str(db), "report", "update-report", "--from", "2025-06-01", "--to", "2025-05-31"]
    assert main([*args, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "pcc-desktop: The period cannot end (31/05/2025) before it starts (01/06/2025)." in captured.err
    assert not out.exists() and not list(tmp_path.glob("*.pdf*"))


def test_a_bad_date_exits_2(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(
            [
                "--db",
                str(db),
                "report",
                "update-report",
                "--from",
                "01/04/2025",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert caught.value.code == 2
    assert "'01/04/2025' is not a date like 2025-06-18" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_building_the_parser_does_not_load_the_reports() -> None:
    code = (
        "import sys; from pcc_desktop.cli import _parser; _parser(); "
        "print(any(m.startswith(('pcc_desktop.reports', 'reportlab')) for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_every_report_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = re.search(r"^## `report`\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, "docs/cli.md has no '## `report`' section"
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section.group(1), re.M))
    assert set(REPORTS) <= documented


def test_visit_writes_the_record_of_one_visit_and_refuses_unknown_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db), "demo", "--scale", "0.05"]) == 0
    with sqlite3.connect(db) as conn:
        (reference,) = conn.execute(
            "SELECT reference FROM aws_visit WHERE status = 'reviewed' ORDER BY visited_on LIMIT 1"
        ).fetchone()
    capsys.readouterr()
    out = tmp_path / "visit.pdf"
    assert main(["--db", str(db), "report", "--visit", reference, "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out}")
    assert reference in _text(out)
    missing = tmp_path / "missing.pdf"
    assert main(["--db", str(db), "report", "--visit", "AWS-1999-0001", "--out", str(missing)]) == 1
    assert "no custody or Dog Unit visit report 'AWS-1999-0001'" in capsys.readouterr().err
    assert not missing.exists()

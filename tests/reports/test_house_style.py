"""The house-style renderer: chrome, numbering, captions, acronyms, markings, fonts, escaping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pdf_text import all_text, flat, fonts, pages_text, paragraph_numbers, placed_lines
from pypdf import PdfReader

from pcc_desktop.models import Classification
from pcc_desktop.reports.acronyms import expand_acronyms
from pcc_desktop.reports.document import (
    PANEL_NAME,
    ChartBlock,
    ClassificationError,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    check_classification,
    letter,
    number_word,
)
from pcc_desktop.reports.house_style import RenderResult, render

TITLE = "Crime & <Safety> in Rutland"
AUTHOR = "Lizzie Starr, Director of Governance and Performance"
LONG = "The ICV scheme carried on through the period. " * 12


def _report(**changes: object) -> PanelReport:
    fields: dict[str, object] = {
        "title": TITLE,
        "report_date": date(2025, 6, 18),
        "author": AUTHOR,
        "meeting_date": date(2025, 9, 25),
        "purpose": (Para("The PCC brings this report to the panel."), Para("It covers the ICV scheme.")),
        "request": Para(
            "The Commissioner asks the panel:",
            ("Is the Panel supportive of the work?", "Would the panel like to make recommendations?"),
        ),
        "summary": (Para("Independent Custody Visiting (ICV) and the AWS continue. See ICV-2025-0001."),),
        "sections": (
            Section(
                "Background",
                (
                    Para(LONG),
                    TableBlock(
                        "Visits by suite",
                        ("Suite", "Visits"),
                        tuple((f"Suite {n}", str(n)) for n in range(1, 41)),
                    ),
                    Para("After the table the ICV figures go on."),
                ),
            ),
            Section("Welfare", (Para("Sub-points follow.", ("first", "second", "third")),), level=2),
            Section(
                "Charts",
                (
                    ChartBlock("Visits by month", ("April", "May"), (3, 5), "Number of visits", "Month"),
                    Note("A note is not numbered."),
                    Para("The last paragraph."),
                ),
            ),
        ),
    }
    fields.update(changes)
    return PanelReport(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    return render(_report(), tmp_path_factory.mktemp("pdf") / "report.pdf")


# --- the chrome ----------------------------------------------------------------------------------


def test_render_writes_a_pdf_and_says_what_it_wrote(rendered: RenderResult) -> None:
    assert rendered.path.read_bytes().startswith(b"%PDF")
    assert rendered.pages == len(PdfReader(rendered.path).pages) >= 3
    assert len(rendered.sha256) == 64
    assert not list(rendered.path.parent.glob(".*.partial"))


def test_first_page_has_the_masthead_meeting_title_and_metadata(rendered: RenderResult) -> None:
    first = " ".join(pages_text(rendered.path)[0].split())
    assert "POLICE & CRIME COMMISSIONER" in first
    assert "For Leicester, Leicestershire & Rutland" in first
    assert "Your Communities - Your Commissioner" in first
    assert f"{PANEL_NAME} 25 September 2025" in first
    assert TITLE in first  # "&" and "<" printed as typed, not eaten as markup
    assert "Report Date 18 June 2025" in first
    assert f"Report Author {AUTHOR}" in first
    assert "Security Classification OFFICIAL" in first
    assert first.index("Purpose of Report") < first.index("Request of the Panel") < first.index("Summary")


def test_every_page_is_marked_in_its_header_and_footer_and_numbered(rendered: RenderResult) -> None:
    pages = placed_lines(rendered.path)
    total = len(pages)
    for number, runs in enumerate(pages, start=1):
        marks = [run.y for run in runs if run.text == "OFFICIAL"]
        assert any(y > 800 for y in marks), f"no header marking on page {number}"
        assert any(y < 40 for y in marks), f"no footer marking on page {number}"
        assert f"Page {number} of {total}" in [run.text for run in runs]


def test_end_of_report_closes_the_last_page_only(rendered: RenderResult) -> None:
    texts = pages_text(rendered.path)
    assert "End of Report" in texts[-1]
    assert not any("End of Report" in text for text in texts[:-1])


def test_pdf_metadata_names_the_report(rendered: RenderResult) -> None:
    info = PdfReader(rendered.path).metadata
    assert info is not None
    assert (info.title, info.author) == (TITLE, AUTHOR)
    assert info["/CreationDate"].startswith("D:20250618")


# --- numbering, captions, acronyms ------------------------------------------------------------------


def test_paragraphs_are_numbered_through_the_whole_document(rendered: RenderResult) -> None:
    # Purpose 1-2, Request 3, Summary 4, then 5-6 in Background, 7 in Welfare, 8 in Charts.
    assert paragraph_numbers(rendered.path) == list(range(1, 9))


def test_sub_points_are_lettered(rendered: RenderResult) -> None:
    text = all_text(rendered.path)
    assert "(a) Is the Panel supportive of the work? (b) Would the panel" in text
    assert "7. Sub-points follow. (a) first (b) second (c) third" in text


def test_tables_and_charts_are_captioned_with_spelled_out_numbers(rendered: RenderResult) -> None:
    text = all_text(rendered.path)
    assert "Table One: Visits by suite" in text
    assert "Chart One: Visits by month" in text
    assert "Table Two: The figures in Chart One (Visits by month)" in text
    assert "Month Number of visits April 3 May 5" in text  # the chart's figures as a table
    assert "A note is not numbered." in text


def test_a_long_table_repeats_its_heading_row_on_the_next_page(rendered: RenderResult) -> None:
    with_heading = [text for text in pages_text(rendered.path) if "Suite Visits Suite" in flat(text)]
    assert len(with_heading) == 2


def test_each_acronym_is_spelled_out_once_on_first_use(rendered: RenderResult) -> None:
    text = all_text(rendered.path)
    assert text.count("Independent Custody Visiting (ICV)") == 1
    assert text.index("Independent Custody Visiting (ICV)") < text.index("Summary")
    assert text.count("Police and Crime Commissioner (PCC)") == 1
    assert text.count("Animal Welfare Scheme (AWS)") == 1
    assert "ICV-2025-0001" in text
    assert text.count("ICV") > 3


def test_expansion_respects_a_hand_written_first_use_and_references() -> None:
    report = _report(
        purpose=(Para("The Animal Welfare Scheme (AWS) began; AWS-2025-0001 was the first AWS visit."),),
        request=None,
        summary=(Para("The animal welfare scheme (AWS) and the OPCC."),),
        sections=(),
    )
    expanded = expand_acronyms(report)
    assert expanded.purpose[0].text == report.purpose[0].text
    # A second hand-written expansion is shortened: the words appear once in the document.
    assert expanded.summary[0].text == "The AWS and the Office of the Police and Crime Commissioner (OPCC)."
    assert expand_acronyms(report, {}).summary == report.summary


# --- what may not be printed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "marking", [Classification.OFFICIAL_SENSITIVE, "OFFICIAL-SENSITIVE", "Official Sensitive"]
)
def test_official_sensitive_reports_are_refused(marking: object) -> None:
    with pytest.raises(ClassificationError) as caught:
        _report(classification=marking)
    assert "OFFICIAL" in caught.value.errors["classification"]


def test_official_sensitive_sections_are_refused() -> None:
    with pytest.raises(ClassificationError):
        Section("Operational update", (Para("Mid-investigation."),), classification="OFFICIAL-SENSITIVE")


def test_official_in_any_case_is_accepted_and_printed_in_capitals() -> None:
    assert check_classification("Official") is Classification.OFFICIAL
    assert _report(classification="official").classification is Classification.OFFICIAL
    with pytest.raises(ClassificationError):
        check_classification("SECRET")


def test_nothing_is_written_when_rendering_is_refused(tmp_path: Path) -> None:
    report = _report()
    object.__setattr__(report, "classification", "OFFICIAL-SENSITIVE")  # forced past the constructor
    with pytest.raises(ClassificationError):
        render(report, tmp_path / "refused.pdf")
    assert list(tmp_path.iterdir()) == []


# --- fonts, escaping, determinism -----------------------------------------------------------------


def test_only_the_bundled_dejavu_fonts_are_used_and_all_are_embedded(rendered: RenderResult) -> None:
    used = fonts(rendered.path)
    assert used, "no fonts found"
    assert all("DejaVuSans" in name for name in used), used
    assert all(used.values()), used
    assert any(name.endswith("DejaVuSans-Bold") for name in used)


def test_user_text_is_escaped_everywhere(tmp_path: Path) -> None:
    tricky = "Fish & chips <b>not bold</b> > 3"
    report = _report(
        summary=(Para(tricky, (tricky,)),),
        sections=(Section(tricky, (TableBlock(tricky, (tricky,), ((tricky,),)),)),),
    )
    text = all_text(render(report, tmp_path / "escaped.pdf").path)
    assert text.count(tricky) == 6  # paragraph, point, heading, caption, column heading, cell
    assert f"Table One: {tricky}" in text


def test_the_same_report_gives_the_same_bytes(tmp_path: Path) -> None:
    first = render(_report(), tmp_path / "a.pdf")
    second = render(_report(), tmp_path / "b.pdf")
    assert first.sha256 == second.sha256
    assert render(_report(title="Another"), tmp_path / "c.pdf").sha256 != first.sha256


def test_an_empty_table_and_an_empty_chart_say_so(tmp_path: Path) -> None:
    report = _report(
        sections=(
            Section(
                "Nothing yet",
                (
                    TableBlock("Visits", ("Suite", "Visits"), (), empty_text="No visits were made."),
                    ChartBlock("Visits by month", (), (), "Visits", "Month"),
                ),
            ),
        )
    )
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    assert "Table One: Visits No visits were made." in text
    assert "Chart One: Visits by month There are no figures to chart for this period." in text


# --- the model's small rules ---------------------------------------------------------------------


def test_numbers_and_letters() -> None:
    assert [number_word(n) for n in (1, 2, 12, 20, 21, 44, 99, 100)] == [
        "One",
        "Two",
        "Twelve",
        "Twenty",
        "Twenty-One",
        "Forty-Four",
        "Ninety-Nine",
        "100",
    ]
    assert [letter(i) for i in (0, 1, 25, 26)] == ["(a)", "(b)", "(z)", "(aa)"]


def test_blocks_check_their_shape() -> None:
    with pytest.raises(ValueError, match="cells"):
        TableBlock("Bad", ("A", "B"), (("only one",),))
    with pytest.raises(ValueError, match="one value per label"):
        ChartBlock("Bad", ("A",), (), "n", "k")
    with pytest.raises(ValueError, match="negative"):
        ChartBlock("Bad", ("A",), (-1,), "n", "k")
    assert TableBlock("Grouped", ("A", "B"), (("Group",), ("1", "2")), group_rows=frozenset({0})).rows

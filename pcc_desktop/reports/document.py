"""The Panel-report document model: what a report says, with no knowledge of how it is drawn.

A :class:`PanelReport` holds the house-style chrome (meeting, title, metadata, Purpose, Request of
the Panel, Summary) and a list of :class:`Section` objects, each a heading and blocks: numbered
paragraphs (:class:`Para`, with lettered sub-points), unnumbered notes, captioned tables and labelled
bar charts. All text is plain text: the renderer escapes it, so ``&`` and ``<`` print as typed.

Panel papers are published (the Panel meets in public and is webcast, domain.md §6.1), so anything
marked OFFICIAL-SENSITIVE is refused here, when the report is put together, and again when it is
rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pcc_desktop.models import Classification
from pcc_desktop.services.errors import ValidationError

PANEL_NAME = "Police and Crime Panel for Leicester, Leicestershire and Rutland"

_UNITS = (
    "",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
)
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


class ClassificationError(ValidationError):
    """Something marked other than OFFICIAL was about to go into a Panel report."""

    def __init__(self, marking: object, where: str = "report") -> None:
        shown = marking.value if isinstance(marking, Classification) else str(marking)
        super().__init__(
            {
                "classification": (
                    f"This {where} is marked {shown}. Panel reports are published, so only "
                    "OFFICIAL material can go into one."
                )
            }
        )


def check_classification(marking: Classification | str, where: str = "report") -> Classification:
    """The marking as a :class:`Classification` if a Panel report may carry it (OFFICIAL only).

    Args:
        marking: The enum or its text ("OFFICIAL", "Official"; spacing and case are ignored).
        where: What carries the marking, for the message ("report", "section").

    Raises:
        ClassificationError: The marking is OFFICIAL-SENSITIVE or anything but OFFICIAL.
    """
    text = marking.value if isinstance(marking, Classification) else str(marking)
    if text.strip().upper().replace(" ", "-") != Classification.OFFICIAL.value:
        raise ClassificationError(marking, where)
    return Classification.OFFICIAL


def number_word(number: int) -> str:
    """``1`` → ``One``, ``42`` → ``Forty-Two`` (captions spell numbers out: "Table One"); 100+ in digits."""
    if not 0 < number < 100:
        return str(number)
    if number < 20:
        return _UNITS[number]
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def letter(index: int) -> str:
    """The label of the ``index``-th sub-point, counting from 0: ``(a)``, ``(b)``, … ``(z)``, ``(aa)``."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return f"({text})"


def long_date(day: date) -> str:
    """``25 September 2024``, the way the house style writes dates in running text."""
    return f"{day.day} {day:%B %Y}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 action``, ``3 actions`` (``plural_form`` for irregular words)."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


@dataclass(frozen=True)
class Para:
    """A numbered paragraph; ``points`` are lettered sub-points (a), (b)… printed under it."""

    text: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """An unnumbered line in smaller type, such as what a table leaves out."""

    text: str


@dataclass(frozen=True)
class TableBlock:
    """A captioned table ("Table One: caption"); every cell is plain text.

    Attributes:
        caption: The words after "Table N:".
        columns: The column headings.
        rows: One tuple per row, as many cells as columns (a group row may hold one cell).
        widths: Relative column widths (empty: equal).
        align: One of "L", "R" or "C" per column (empty: numbers right, text left).
        group_rows: Indices of rows that head a group: one cell spanning the whole table.
        total_row: Whether the last row is a total (printed in bold).
        empty_text: What the table says when it has no rows.
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    align: tuple[str, ...] = ()
    group_rows: frozenset[int] = field(default_factory=frozenset)
    total_row: bool = False
    empty_text: str = "There is nothing to show for this period."

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            expected = (1,) if index in self.group_rows else (len(self.columns),)
            if len(row) not in expected:
                raise ValueError(f"Row {index + 1} of table '{self.caption}' has {len(row)} cells.")
        for name, values in (("widths", self.widths), ("align", self.align)):
            if values and len(values) != len(self.columns):
                raise ValueError(f"Table '{self.caption}' needs one {name} entry per column.")


@dataclass(frozen=True)
class ChartBlock:
    """A labelled horizontal bar chart ("Chart One: caption"), followed by its figures as a table.

    Attributes:
        caption: The words after "Chart N:".
        labels: One label per bar (category).
        values: One figure per bar.
        value_label: What the figures count, printed under the axis ("Number of actions").
        category_label: The heading of the label column in the figures table ("Raised by").
    """

    caption: str
    labels: tuple[str, ...]
    values: tuple[int | float, ...]
    value_label: str
    category_label: str

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.values):
            raise ValueError(f"Chart '{self.caption}' needs one value per label.")
        if any(v < 0 for v in self.values):
            raise ValueError(f"Chart '{self.caption}' cannot show negative figures.")


Block = Para | Note | TableBlock | ChartBlock


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; ``level`` 2 is a sub-heading within the section before it."""

    heading: str
    blocks: tuple[Block, ...] = ()
    level: int = 1
    classification: Classification | str = Classification.OFFICIAL

    def __post_init__(self) -> None:
        object.__setattr__(self, "classification", check_classification(self.classification, "section"))
        if self.level not in (1, 2):
            raise ValueError("A section is level 1 (heading) or 2 (sub-heading).")


@dataclass(frozen=True)
class PanelReport:
    """A report to the Police and Crime Panel in the 2024 house style (domain.md §5.1).

    Attributes:
        title: The report's title ("Commissioner's Update Report").
        report_date: The date in the metadata table.
        author: "Name, job title" in the metadata table.
        purpose: The "Purpose of Report" paragraphs (numbered from 1).
        request: The "Request of the Panel" paragraph, its questions as sub-points (None: no such part).
        summary: The "Summary" paragraphs.
        sections: The body, numbered on from the summary.
        meeting: The meeting the report goes to.
        meeting_date: The date of that meeting, if known.
        classification: The protective marking: OFFICIAL, the only one allowed.
    """

    title: str
    report_date: date
    author: str
    purpose: tuple[Para, ...]
    request: Para | None
    summary: tuple[Para, ...]
    sections: tuple[Section, ...] = ()
    meeting: str = PANEL_NAME
    meeting_date: date | None = None
    classification: Classification | str = Classification.OFFICIAL

    def __post_init__(self) -> None:
        object.__setattr__(self, "classification", check_classification(self.classification))

    @property
    def meeting_line(self) -> str:
        """The meeting and its date in one line: "Police and Crime Panel … – 25 September 2024"."""
        return f"{self.meeting} – {long_date(self.meeting_date)}" if self.meeting_date else self.meeting

    def check_publishable(self) -> None:
        """Raise :class:`ClassificationError` if the report or any section is not OFFICIAL."""
        check_classification(self.classification)
        for section in self.sections:
            check_classification(section.classification, "section")

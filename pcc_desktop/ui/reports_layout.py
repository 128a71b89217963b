"""The widgets of the Reports page, laid out; the behaviour is in ``ui.reports_page``.

Also the period presets the page offers (last quarter, this and last financial year, custom dates;
the financial year runs from 1 April) and the list of reports, which shows each report's title in
bold with its description under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.reports.registry import ReportSpec
from pcc_desktop.services.clock import format_date, format_moment, today
from pcc_desktop.services.report_drafts import DraftRow
from pcc_desktop.services.report_records import ReportRecordDetail
from pcc_desktop.ui.reports_draft_editor import WARNING_STYLE, DraftEditor
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.widgets import FieldError

LAST_QUARTER, THIS_YEAR, LAST_YEAR, CUSTOM = (
    "Last quarter",
    "This financial year",
    "Last financial year",
    "Custom dates",
)
PRESETS = (LAST_QUARTER, THIS_YEAR, LAST_YEAR, CUSTOM)
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole
PAD = 6
Period = tuple[date, date]


def quarter_of(day: date) -> Period:
    """The quarter (Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar) holding ``day``."""
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    last = (first.replace(day=28) + timedelta(days=70)).replace(day=1) - timedelta(days=1)
    return first, last


def year_of(day: date) -> Period:
    """The financial year (1 April to 31 March) holding ``day``."""
    start = day.year if day.month >= 4 else day.year - 1
    return date(start, 4, 1), date(start + 1, 3, 31)


def preset_period(kind: str, day: date) -> Period:
    """The dates of a preset on ``day``; this financial year runs to ``day`` (to date).

    Raises:
        ValueError: ``kind`` is not a preset (Custom has no dates of its own).
    """
    if kind == LAST_QUARTER:
        return quarter_of(quarter_of(day)[0] - timedelta(days=1))
    if kind == THIS_YEAR:
        return year_of(day)[0], day
    if kind == LAST_YEAR:
        return year_of(year_of(day)[0] - timedelta(days=1))
    raise ValueError(f"{kind!r} is not a preset period")


class _ReportDelegate(QStyledItemDelegate):
    """Paints a report as its title in bold over its description, wrapped to the list's width."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        return bold, QFont(option.font)  # type: ignore[attr-defined]

    def _heights(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> tuple[int, int]:
        bold, plain = self._fonts(option)
        flags = int(Qt.TextFlag.TextWordWrap)
        box = QRect(0, 0, max(width, 40), 10_000)
        title = QFontMetrics(bold).boundingRect(box, flags, index.data(Qt.ItemDataRole.DisplayRole) or "")
        text = QFontMetrics(plain).boundingRect(box, flags, index.data(DESCRIPTION_ROLE) or "")
        return title.height(), text.height()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """As tall as the wrapped title and description."""
        view = option.widget  # type: ignore[attr-defined]
        width = (view.viewport().width() if view is not None else 320) - 2 * PAD
        title, text = self._heights(option, index, width)
        return QSize(width, title + text + 3 * PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The selection background as usual, then the two blocks of text in the right colours."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        style = opt.widget.style() if opt.widget is not None else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)  # type: ignore[attr-defined]
        title_height, _ = self._heights(option, index, rect.width())
        bold, plain = self._fonts(option)
        painter.save()
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        painter.setFont(bold)
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.setFont(plain)
        below = rect.adjusted(0, title_height + PAD // 2, 0, 0)
        painter.drawText(below, int(Qt.TextFlag.TextWordWrap), index.data(DESCRIPTION_ROLE) or "")
        painter.restore()


class ReportList(QListWidget):
    """The registered reports: title and description, chosen by name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_list")
        self.setAccessibleName("Reports")
        self.setItemDelegate(_ReportDelegate(self))
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the descriptions when resized
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the text wraps instead
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def set_reports(self, specs: Sequence[ReportSpec]) -> None:
        """One item per report, in the order given."""
        self.clear()
        for spec in specs:
            item = QListWidgetItem(spec.title, self)
            item.setData(NAME_ROLE, spec.name)
            item.setData(DESCRIPTION_ROLE, spec.description)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, spec.description)
            item.setToolTip(spec.description)

    def current_name(self) -> str | None:
        """The chosen report's registry name."""
        item = self.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def select_name(self, name: str) -> None:
        """Choose the report called ``name`` (if listed)."""
        for row in range(self.count()):
            if self.item(row).data(NAME_ROLE) == name:
                self.setCurrentRow(row)
                return


def _span(first: date, last: date) -> str:
    return f"{format_date(first)}–{format_date(last)}"


def period_text(first: date, last: date) -> str:
    """``01/04/2025 to 30/06/2025``."""
    return f"{format_date(first)} to {format_date(last)}"


DRAFT_COLUMNS: list[Column[DraftRow]] = [
    Column("report", "Report", lambda r: r.title),
    Column("period", "Period", lambda r: _span(r.date_from, r.date_to)),
    Column("author", "Started by", lambda r: r.author_name),
    Column(
        "edits", "Edited", lambda r: r.edits, align=RIGHT, tooltip=lambda r: f"{r.edits} paragraphs edited"
    ),
    Column("saved", "Last saved", lambda r: format_moment(r.updated_at)),
]
RECORD_COLUMNS: list[Column[ReportRecordDetail]] = [
    Column("produced", "Produced", lambda r: format_moment(r.produced_at)),
    Column("report", "Report", lambda r: r.title, tooltip=lambda r: f"{r.title}\n{r.file_path}"),
    Column("version", "Version", lambda r: f"v{r.version}", align=RIGHT),
    Column(
        "file",
        "File",
        lambda r: "checksum OK" if r.file_ok else "⚠ file changed or missing",
        tooltip=lambda r: str(r.file_path),
    ),
    Column("period", "Period", lambda r: _span(r.date_from, r.date_to)),
    Column("author", "Author", lambda r: r.author_name),
    Column("pages", "Pages", lambda r: r.pages, align=RIGHT),
]
REPORT_COLUMN_WIDTH = 190  # long titles are cut short (the tooltip has them whole)


def _table(name: str, accessible: str, model: RowTableModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView(objectName=name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, title_column: int) -> None:
    """Columns as wide as their contents, but the report's title no wider than a long title needs."""
    view.resizeColumnsToContents()
    view.setColumnWidth(title_column, min(view.columnWidth(title_column), REPORT_COLUMN_WIDTH))


def _stack(view: QWidget, empty_text: str, name: str) -> QStackedWidget:
    empty = QLabel(empty_text, objectName=name, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget()
    stack.addWidget(view)
    stack.addWidget(empty)
    return stack


def _labelled(text: str, buddy: QWidget, *widgets: QWidget) -> QWidget:
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(buddy)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    box.addWidget(label)
    for widget in widgets:
        box.addWidget(widget, 1 if isinstance(widget, QStackedWidget | QListWidget) else 0)
    return holder


class ReportsLayout(QWidget):
    """Every control of the Reports page, named and placed; no behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_page")
        self.setAccessibleName("Reports")
        self.busy_text = ""
        left = self._build_left()
        right = self._build_right()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="reports_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([620, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _build_left(self) -> QSplitter:
        self.report_list = ReportList()
        self.drafts_model: RowTableModel[DraftRow] = RowTableModel(DRAFT_COLUMNS, self)
        self.drafts_table = _table("drafts_table", "Drafts in progress", self.drafts_model)
        self.drafts_stack = _stack(
            self.drafts_table,
            "No drafts in progress. Choose a report and a period, then press Generate draft.",
            "drafts_empty_label",
        )
        self.records_model: RowTableModel[ReportRecordDetail] = RowTableModel(RECORD_COLUMNS, self)
        self.records_table = _table("records_table", "Produced reports", self.records_model)
        self.records_stack = _stack(
            self.records_table,
            "No reports have been produced yet. Open a draft and choose Print to PDF… to produce one.",
            "records_empty_label",
        )
        self.open_button = QPushButton("&Open PDF", objectName="open_pdf_button")
        self.open_button.setToolTip("Open the chosen report's PDF")
        self.reopen_button = QPushButton("Reope&n draft", objectName="reopen_button")
        self.reopen_button.setToolTip("Open the chosen report's draft again to make a new version")
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_button)
        row.addWidget(self.reopen_button)
        row.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical, objectName="reports_left")
        split.addWidget(_labelled("&Reports", self.report_list, self.report_list))
        split.addWidget(_labelled("&Drafts in progress", self.drafts_table, self.drafts_stack))
        split.addWidget(_labelled("Produ&ced reports", self.records_table, self.records_stack, buttons))
        split.setSizes([260, 160, 300])
        return split

    def _build_period(self) -> QHBoxLayout:
        self.preset_combo = QComboBox(objectName="period_combo")
        self.preset_combo.setAccessibleName("Period")
        self.preset_combo.addItems(list(PRESETS))
        self.from_edit, self.to_edit = QDateEdit(objectName="from_edit"), QDateEdit(objectName="to_edit")
        for edit, name in ((self.from_edit, "From"), (self.to_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.lineEdit().setAccessibleName(name)  # what takes the focus: a screen reader reads it
            edit.setDate(today())
        self.generate_button = QPushButton("&Generate draft", objectName="generate_button")
        self.generate_button.setToolTip("Build the report from the data as a draft to edit")
        row = QHBoxLayout()
        for text, widget in (
            ("P&eriod:", self.preset_combo),
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.generate_button)
        row.addStretch(1)
        return row

    def _build_right(self) -> QWidget:
        self.report_heading = QLabel("Choose a report", objectName="report_heading", wordWrap=True)
        font = QFont(self.report_heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.report_heading.setFont(font)
        self.report_description = QLabel("", objectName="report_description", wordWrap=True)
        self.period_error = FieldError()
        self.period_error.setObjectName("period_error")
        self.progress = QProgressBar(objectName="report_progress")
        self.progress.setRange(0, 0)  # busy: building a report gives no count to show
        self.progress.setAccessibleName("Working")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.progress_label = QLabel("", objectName="progress_label")
        progress = QHBoxLayout()
        progress.addWidget(self.progress)
        progress.addWidget(self.progress_label, 1)
        rule = QFrame(frameShape=QFrame.Shape.HLine, frameShadow=QFrame.Shadow.Sunken)
        self.draft_heading = QLabel("Draft", objectName="draft_heading", wordWrap=True)
        heading_font = QFont(self.draft_heading.font())
        heading_font.setBold(True)
        self.draft_heading.setFont(heading_font)
        self.draft_status = QLabel("", objectName="draft_status", wordWrap=True)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(6, 0, 0, 0)
        for widget in (self.report_heading, self.report_description):
            layout.addWidget(widget)
        layout.addLayout(self._build_period())
        layout.addWidget(self.period_error)
        layout.addLayout(progress)
        for widget in (rule, self.draft_heading, self.draft_status, self._build_stale()):
            layout.addWidget(widget)
        self.general_error = FieldError()
        self.general_error.setObjectName("general_error")
        self.editor = DraftEditor()
        layout.addWidget(self.general_error)
        layout.addWidget(self.editor, 1)
        layout.addLayout(self._build_buttons())
        return right

    def _build_stale(self) -> QWidget:
        self.stale_box = QWidget(objectName="stale_box")
        self.stale_box.setStyleSheet(f"QWidget#stale_box {{ {WARNING_STYLE} }}")
        self.stale_label = QLabel("", self.stale_box, objectName="stale_label", wordWrap=True)
        self.stale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale_button = QPushButton(
            "Drop the edits &left over", self.stale_box, objectName="stale_button"
        )
        row = QHBoxLayout(self.stale_box)
        row.addWidget(self.stale_label, 1)
        row.addWidget(self.stale_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_box.hide()
        return self.stale_box

    def _build_buttons(self) -> QHBoxLayout:
        self.discard_button = QPushButton("D&iscard draft", objectName="discard_button")
        self.dirty_label = QLabel("", objectName="dirty_label")
        self.revert_button = QPushButton("Re&vert", objectName="revert_button")
        self.revert_button.setToolTip("Throw away the changes not yet saved")
        self.save_button = QPushButton("&Save edits", objectName="save_edits_button")
        self.print_button = QPushButton("&Print to PDF…", objectName="print_button")
        self.print_button.setToolTip("Save the edits, print the next version to PDF and open it")
        row = QHBoxLayout()
        row.addWidget(self.discard_button)
        row.addWidget(self.dirty_label, 1)
        for button in (self.revert_button, self.save_button, self.print_button):
            row.addWidget(button)
        return row

"""Keeping things together in the house style: no heading or caption left alone at a page's foot."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak


class KeepStart(KeepTogether):
    """Content that starts on a new page unless at least ``room`` points of it fit where it is.

    Short content (no taller than ``room``) is kept whole, like ReportLab's ``KeepTogether``. Long
    content, such as a heading, a caption and a long table, may start low on a page and split, as
    long as its beginning fits: a long table is not pushed whole to the next page, leaving a gap, nor
    is its caption left alone at the bottom of one.
    """

    def __init__(self, flowables: list[Flowable], room: float = float("inf")) -> None:
        super().__init__(flowables)
        self.room = room

    @property
    def content(self) -> list[Flowable]:
        """The flowables held (to merge a heading in front of them)."""
        return list(self._content)

    def split(self, aW: float, aH: float) -> list[Any]:  # noqa: N803 - ReportLab's names
        """Break to the next frame if the needed start does not fit; otherwise let the content flow."""
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if min(self._H, self.room) > aH and not at_top:
            return [FrameBreak(), *self._content]
        return list(self._content)


def keep_with(lead: list[Flowable], following: list[Flowable], room: float) -> list[Flowable]:
    """``lead`` (headings) joined to the start of ``following`` so they never part at a page break.

    Args:
        lead: Flowables that must not end a page (headings).
        following: What comes next; its first flowable is joined to ``lead``.
        room: How much must fit below the headings when the first flowable is not a ``KeepStart``.

    Returns:
        The combined flowables.
    """
    if not lead or not following:
        return [*lead, *following]
    first, rest = following[0], following[1:]
    if isinstance(first, KeepStart):
        return [KeepStart([*lead, *first.content], room=first.room + _height_hint(lead)), *rest]
    return [KeepStart([*lead, first], room=room), *rest]


def _height_hint(lead: list[Flowable]) -> float:
    """A generous guess at the height of heading lines (before they are wrapped)."""
    return 30.0 * len(lead)

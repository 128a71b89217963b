"""The one rule for what may be printed for the public or the Panel: publishable and marked OFFICIAL.

"You said, we did", the engagement figures' lists and the Panel reports all withhold the same records;
keeping the rule here means a new protective marking is refused everywhere at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_

from pcc_desktop.models import Classification


def may_publish(publishable: bool, classification: Classification | str) -> bool:
    """Whether a record with these flags may appear in a public or Panel document."""
    return bool(publishable) and classification == Classification.OFFICIAL


def published(model: Any) -> ColumnElement[bool]:
    """The SQL form of :func:`may_publish` for a model with ``publishable`` and ``classification``."""
    return and_(model.publishable.is_(True), model.classification == Classification.OFFICIAL)

"""Finding a custody or Dog Unit visit report by its reference (``ICV-2025-0012``, ``AWS-2025-0006``)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsVisit, CustodyVisit
from pcc_desktop.services.errors import NotFoundError

# The reference's prefix says which scheme's report it is, and which kind of visit record prints it.
KIND_BY_PREFIX = {"ICV": ("custody", CustodyVisit), "AWS": ("dog-unit", AwsVisit)}


def visit_by_reference(session: Session, reference: str) -> tuple[str, uuid.UUID]:
    """The record kind (``custody`` or ``dog-unit``) and id of the live visit report ``reference``.

    Raises:
        NotFoundError: No live visit report has that reference (case and spaces are forgiven).
    """
    text = reference.strip().upper()
    kind, model = KIND_BY_PREFIX.get(text.partition("-")[0], (None, None))
    if model is not None:
        found = session.scalar(select(model.id).where(model.reference == text, model.deleted_at.is_(None)))
        if found is not None:
            return kind, found  # type: ignore[return-value]
    raise NotFoundError(f"There is no custody or Dog Unit visit report '{reference.strip()}'.")

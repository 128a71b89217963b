"""Councillors contacted before a visit, and their views (001:964). Their names are personal data."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CouncillorContact,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagement_queries import (
    CouncillorContactData,
    load_engagement,
)
from pcc_desktop.services.errors import ConflictError, Errors, NotFoundError

ENTITY = "engagement"
CONTACT_ENTITY = "councillor_contact"
PERSONAL_CHANGED = "(personal data changed)"


def _validate_contact(data: CouncillorContactData) -> CouncillorContactData:
    data = replace(
        data,
        councillor_name=data.councillor_name.strip(),
        council=data.council.strip(),
        views=data.views.strip(),
    )
    errors = Errors()
    errors.check(bool(data.councillor_name), "councillor_name", "Enter the councillor's name.")
    errors.check(len(data.councillor_name) <= 160, "councillor_name", "Keep the name to 160 characters.")
    errors.check(len(data.council) <= 160, "council", "Keep the council to 160 characters.")
    errors.check(len(data.views) <= 20000, "views", "Keep their views to 20,000 characters.")
    if data.contacted_on and data.contacted_on > today():
        errors.add("contacted_on", "The date contacted cannot be in the future.")
    errors.raise_if_any()
    return data


def _contact_data(contact: CouncillorContact) -> CouncillorContactData:
    return CouncillorContactData(
        id=contact.id,
        councillor_name=contact.councillor_name,
        council=contact.council,
        contacted_on=contact.contacted_on,
        views=contact.views,
        row_version=contact.row_version,
    )


def _load_contact(session: Session, contact_id: uuid.UUID) -> CouncillorContact:
    contact = session.get(CouncillorContact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFoundError("That councillor contact no longer exists.")
    return contact


def add_councillor_contact(
    session: Session, actor_id: uuid.UUID, engagement_id: uuid.UUID, data: CouncillorContactData
) -> CouncillorContactData:
    """Record a councillor contacted before the visit; the name goes in the history only as a marker."""
    engagement = load_engagement(session, engagement_id)
    data = _validate_contact(data)
    contact = CouncillorContact(
        engagement_id=engagement.id,
        councillor_name=data.councillor_name,
        council=data.council,
        contacted_on=data.contacted_on,
        views=data.views,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    session.add(contact)
    session.flush()
    history.record(session, actor_id, CONTACT_ENTITY, contact.id, "created", None, engagement.reference)
    return _contact_data(contact)


def update_councillor_contact(
    session: Session, actor_id: uuid.UUID, contact_id: uuid.UUID, data: CouncillorContactData
) -> CouncillorContactData:
    """Save edits to a councillor contact (``data.row_version`` set: refused if changed meanwhile)."""
    contact = _load_contact(session, contact_id)
    if data.row_version and data.row_version != contact.row_version:
        raise ConflictError("Somebody else changed this contact since you opened it; reload and try again.")
    data = _validate_contact(data)
    for name in ("councillor_name", "council", "contacted_on", "views"):
        old, new = getattr(contact, name), getattr(data, name)
        if old != new:
            shown = (None, PERSONAL_CHANGED) if name == "councillor_name" else (old, new)
            history.record(session, actor_id, CONTACT_ENTITY, contact.id, name, *shown)
            setattr(contact, name, new)
    contact.updated_by_id = actor_id
    session.flush()
    return _contact_data(contact)


def remove_councillor_contact(session: Session, actor_id: uuid.UUID, contact_id: uuid.UUID) -> None:
    """Soft-delete a councillor contact entered in error."""
    contact = _load_contact(session, contact_id)
    contact.deleted_at = utc_now()
    contact.updated_by_id = actor_id
    history.record(session, actor_id, CONTACT_ENTITY, contact.id, "deleted", None, None)
    session.flush()

"""Engagement labels and the DTOs the engagement screens show (detail, list row, filter, page)."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time

from pcc_desktop.models import (
    AttendeeType,
    Classification,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    InitiatedBy,
)
from pcc_desktop.services.feedback import FeedbackData

ENGAGEMENT_TYPE_LABELS = {
    EngagementType.COMMUNITY_DAY: "Community day",
    EngagementType.SURGERY: "Surgery",
    EngagementType.PUBLIC_MEETING: "Public meeting",
    EngagementType.PATCH_WALK: "Patch walk",
    EngagementType.EVENT: "Community event",
    EngagementType.FUNDED_PROJECT_VISIT: "Visit to a funded project",
    EngagementType.PARTNER_MEETING: "Partner meeting",
    EngagementType.OTHER: "Other",
}

STATUS_LABELS = {
    EngagementStatus.PLANNED: "Planned",
    EngagementStatus.HELD: "Held",
    EngagementStatus.CANCELLED: "Cancelled",
}

LEAD_LABELS = {
    EngagementLead.COMMISSIONER: "Commissioner",
    EngagementLead.DEPUTY: "Deputy Commissioner",
    EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE: "Commissioner with the Chief Constable",
    EngagementLead.STAFF: "OPCC staff",
}

INITIATED_BY_LABELS = {
    InitiatedBy.PROGRAMME: "Commissioner's programme",
    InitiatedBy.COUNCILLOR_OR_MP: "Invitation from a councillor or MP",
    InitiatedBy.COMMUNITY_REQUEST: "Request from a community group",
    InitiatedBy.PARTNER_EVENT: "Partner's event",
    InitiatedBy.RESPONSE_TO_ISSUE: "Response to a local issue",
    InitiatedBy.OTHER: "Other",
}

ATTENDEE_LABELS = {
    AttendeeType.RESIDENTS: "Residents",
    AttendeeType.COMMUNITY_REPRESENTATIVES: "Community representatives",
    AttendeeType.BUSINESSES: "Businesses",
    AttendeeType.COUNCILLORS: "Councillors",
    AttendeeType.MPS: "MPs",
    AttendeeType.SCHOOLS: "Schools",
    AttendeeType.YOUNG_PEOPLE: "Young people",
    AttendeeType.NEIGHBOURHOOD_TEAM: "Neighbourhood policing team",
    AttendeeType.PARTNERS: "Partners",
    AttendeeType.OTHER: "Other",
}

SORT_KEYS = (
    "reference",
    "held_on",
    "kind",
    "status",
    "place",
    "npa",
    "lead",
    "feedback",
    "actions",
    "debriefed_on",
)
CHUNK = 500  # ids per IN list, well under every database's parameter limit


@dataclass(frozen=True)
class CouncillorContactData:
    """A councillor contacted before a visit; ``councillor_name`` is personal data."""

    id: uuid.UUID | None = None
    councillor_name: str = ""
    council: str = ""
    contacted_on: date | None = None
    views: str = ""
    row_version: int = 0


@dataclass(frozen=True)
class EngagementDetail:
    """Everything the engagement form shows: fields, names, people met, contacts and feedback."""

    id: uuid.UUID
    reference: str
    kind: EngagementType
    status: EngagementStatus
    held_on: date
    starts_at: time | None
    ends_at: time | None
    lead: EngagementLead
    lead_staff_id: uuid.UUID | None
    lead_staff_name: str
    area_id: uuid.UUID | None
    area_name: str
    npa_id: uuid.UUID | None
    npa_name: str
    place_name: str
    latitude: float | None
    longitude: float | None
    reason: str
    initiated_by: InitiatedBy
    advertised: bool
    surveyed: bool
    notes: str
    debriefed_on: date | None
    debriefed_by_id: uuid.UUID | None
    debriefed_by_name: str
    intelligence_to: str
    intelligence_on: date | None
    intelligence_notes: str
    classification: Classification
    publishable: bool
    organisation_ids: tuple[uuid.UUID, ...]
    organisation_names: tuple[str, ...]
    attendance: tuple[tuple[AttendeeType, int], ...]
    councillor_contacts: tuple[CouncillorContactData, ...]
    feedback_items: tuple[FeedbackData, ...]
    feedback_count: int
    actions_count: int
    row_version: int
    created_at: datetime
    updated_at: datetime

    @property
    def kind_label(self) -> str:
        """The kind of engagement in words."""
        return ENGAGEMENT_TYPE_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        """Planned, held or cancelled."""
        return STATUS_LABELS[self.status]

    @property
    def lead_label(self) -> str:
        """Who led it, in words (a member of staff by name)."""
        return self.lead_staff_name or LEAD_LABELS[self.lead]

    @property
    def place(self) -> str:
        """The place name, or the area's name when no place was given."""
        return self.place_name or self.area_name

    @property
    def people_met(self) -> int:
        """Everyone counted, of every type."""
        return sum(count for _, count in self.attendance)


@dataclass(frozen=True)
class EngagementRow:
    """One line of the engagement list."""

    id: uuid.UUID
    reference: str
    held_on: date
    kind: EngagementType
    kind_label: str
    status: EngagementStatus
    status_label: str
    place: str
    area_name: str
    npa_name: str
    lead: str
    feedback_count: int
    actions_count: int
    debriefed_on: date | None


@dataclass(frozen=True)
class EngagementFilter:
    """What the engagement list shows; every field left empty means "any"."""

    kinds: tuple[EngagementType, ...] = ()
    statuses: tuple[EngagementStatus, ...] = ()
    npa_id: uuid.UUID | None = None
    area_id: uuid.UUID | None = None  # the area or anywhere inside it
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    undebriefed_only: bool = False  # held but not yet debriefed


@dataclass(frozen=True)
class EngagementPage:
    """A window of the filtered, sorted list and the total it came from."""

    total: int
    rows: list[EngagementRow] = field(default_factory=list)
    offset: int = 0


# --- counts ------------------------------------------------------------------------------------

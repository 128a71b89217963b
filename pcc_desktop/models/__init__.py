"""Data layer: SQLAlchemy ORM classes, one module per aggregate. No Qt here, ever."""

from pcc_desktop.models.action import (
    Action,
    ActionStatus,
    ActionUpdate,
    Classification,
    Meeting,
    MeetingKind,
    OriginKind,
    Priority,
    RaiserTold,
    TellMethod,
)
from pcc_desktop.models.base import Base
from pcc_desktop.models.engagement import (
    AttendeeType,
    BlackoutPeriod,
    CouncillorContact,
    Engagement,
    EngagementAttendance,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    InitiatedBy,
    RaisedBy,
    RelayedTo,
    Sentiment,
)
from pcc_desktop.models.history import ChangeRecord
from pcc_desktop.models.reference import Area, AreaKind, CustodySuite, Organisation, OrganisationKind, Theme
from pcc_desktop.models.staff import StaffMember, StaffRole
from pcc_desktop.models.system import DatabaseSetting, ReferenceCounter

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Area",
    "AreaKind",
    "AttendeeType",
    "Base",
    "BlackoutPeriod",
    "ChangeRecord",
    "Classification",
    "CouncillorContact",
    "CustodySuite",
    "DatabaseSetting",
    "Engagement",
    "EngagementAttendance",
    "EngagementLead",
    "EngagementStatus",
    "EngagementType",
    "FeedbackItem",
    "InitiatedBy",
    "Meeting",
    "MeetingKind",
    "Organisation",
    "OrganisationKind",
    "OriginKind",
    "Priority",
    "RaisedBy",
    "RaiserTold",
    "ReferenceCounter",
    "RelayedTo",
    "Sentiment",
    "StaffMember",
    "StaffRole",
    "TellMethod",
    "Theme",
]

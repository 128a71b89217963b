"""The action lifecycle: which status moves are allowed and what each one needs."""

from __future__ import annotations

from pcc_desktop.models import ActionStatus

S = ActionStatus

STATUS_LABELS: dict[ActionStatus, str] = {
    S.OPEN: "Open",
    S.IN_PROGRESS: "In progress",
    S.AWAITING_RESPONSE: "Awaiting response",
    S.AWAITING_SIGN_OFF: "Awaiting sign-off",
    S.COMPLETED: "Completed",
    S.DEFERRED: "Deferred",
    S.REOPENED: "Reopened",
}

_WORKING = {S.OPEN, S.IN_PROGRESS, S.AWAITING_RESPONSE, S.AWAITING_SIGN_OFF, S.REOPENED}

# Completed can only be reopened; everything else can move forward, back to work, or be deferred.
ALLOWED: dict[ActionStatus, frozenset[ActionStatus]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.AWAITING_RESPONSE, S.AWAITING_SIGN_OFF, S.COMPLETED, S.DEFERRED}),
    S.IN_PROGRESS: frozenset({S.AWAITING_RESPONSE, S.AWAITING_SIGN_OFF, S.COMPLETED, S.DEFERRED}),
    S.AWAITING_RESPONSE: frozenset({S.IN_PROGRESS, S.AWAITING_SIGN_OFF, S.COMPLETED, S.DEFERRED}),
    S.AWAITING_SIGN_OFF: frozenset({S.IN_PROGRESS, S.AWAITING_RESPONSE, S.COMPLETED, S.DEFERRED}),
    S.DEFERRED: frozenset({S.REOPENED}),
    S.COMPLETED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS, S.AWAITING_RESPONSE, S.AWAITING_SIGN_OFF, S.COMPLETED, S.DEFERRED}),
}

# Statuses whose move needs a note explaining why.
NOTE_REQUIRED = frozenset({S.DEFERRED, S.REOPENED})


def is_open(status: ActionStatus) -> bool:
    """Whether an action in ``status`` is still being worked (and so can be overdue)."""
    return status in _WORKING


def open_statuses() -> list[ActionStatus]:
    """Every status that counts as open, in lifecycle order."""
    return [s for s in ActionStatus if s in _WORKING]


def allowed_next(status: ActionStatus) -> list[ActionStatus]:
    """The statuses an action can move to from ``status``, in lifecycle order."""
    return [s for s in ActionStatus if s in ALLOWED[status]]


def can_move(current: ActionStatus, new: ActionStatus) -> bool:
    """Whether ``current → new`` is an allowed move."""
    return new in ALLOWED[current]


def label(status: ActionStatus) -> str:
    """The status in words."""
    return STATUS_LABELS[status]


def parse_status(text: str) -> ActionStatus | None:
    """A status from its label or value, ignoring case and spacing ("in progress", "in_progress")."""
    key = text.strip().lower().replace("_", " ").replace("-", " ")
    for status, words in STATUS_LABELS.items():
        if key in (words.lower().replace("-", " "), status.value.replace("_", " ")):
            return status
    return None

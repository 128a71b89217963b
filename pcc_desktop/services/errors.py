"""Errors the services raise for the GUI and the command line to show."""

from __future__ import annotations

from collections.abc import Mapping


class ValidationError(ValueError):
    """Input broke a rule; ``errors`` maps each field name to a message for that field.

    Nothing has been changed when this is raised: services validate before they write, and the
    caller's transaction is rolled back.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        """One message for one field."""
        return cls({field: message})


class NotFoundError(LookupError):
    """The record asked for does not exist (or has been deleted)."""


class ConflictError(RuntimeError):
    """Somebody else changed the record since it was read; reload and try again."""


class Errors:
    """Collects field messages while validating, then raises them together."""

    def __init__(self) -> None:
        self._errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        """Record a message; the first message for a field wins."""
        self._errors.setdefault(field, message)

    def check(self, condition: bool, field: str, message: str) -> None:
        """Record ``message`` for ``field`` unless ``condition`` holds."""
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        """Raise a ValidationError if any message was recorded."""
        if self._errors:
            raise ValidationError(self._errors)

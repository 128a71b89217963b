"""What may be printed for the public or the Panel: publishable and marked OFFICIAL, nothing else."""

from __future__ import annotations

from pcc_desktop.models import Classification
from pcc_desktop.services.publication import may_publish


def test_only_publishable_official_records_may_be_published() -> None:
    assert may_publish(True, Classification.OFFICIAL)
    assert not may_publish(False, Classification.OFFICIAL)
    assert not may_publish(True, Classification.OFFICIAL_SENSITIVE)
    assert not may_publish(True, "SECRET"), "a marking the rule does not know is withheld"

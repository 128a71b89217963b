"""Finding a visit report by its reference, whichever scheme made it."""

from __future__ import annotations

from datetime import date

import pytest

from pcc_desktop.models import AwsSite, AwsVisit, CustodySuite, CustodyVisit
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.errors import NotFoundError
from pcc_desktop.services.visit_lookup import visit_by_reference
from pcc_desktop.services.workspace import Workspace


def test_references_find_their_scheme_and_deleted_reports_are_not_found(workspace: Workspace) -> None:
    with workspace.session() as s:
        site, suite = AwsSite(name="Dog Unit"), CustodySuite(name="Euston Street", cell_count=20)
        s.add_all([site, suite])
        s.flush()
        dog_visit = AwsVisit(reference="AWS-2025-0006", site_id=site.id, visited_on=date(2025, 6, 2))
        custody = CustodyVisit(reference="ICV-2025-0012", suite_id=suite.id, visited_on=date(2025, 6, 3))
        gone = CustodyVisit(
            reference="ICV-2025-0013", suite_id=suite.id, visited_on=date(2025, 6, 4), deleted_at=utc_now()
        )
        s.add_all([dog_visit, custody, gone])
        s.flush()
        ids = dog_visit.id, custody.id
    assert workspace.run(visit_by_reference, "aws-2025-0006 ") == ("dog-unit", ids[0])
    assert workspace.run(visit_by_reference, "ICV-2025-0012") == ("custody", ids[1])
    for missing in ("ICV-2025-0013", "ACT-2025-0001", "nonsense"):
        with pytest.raises(NotFoundError, match="no custody or Dog Unit visit report"):
            workspace.run(visit_by_reference, missing)

"""Every all-or-nothing import the app offers, by kind, for the window and the command line."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# kind → (services module, function). Each reads .csv or .xlsx and creates every row or none,
# raising ImportFailed with line-numbered errors (docs/data-formats.md).
IMPORTERS: dict[str, tuple[str, str]] = {
    "actions": ("action_import", "import_actions"),
    "engagements": ("engagement_import", "import_engagements"),
    "volunteers": ("volunteer_import", "import_volunteers"),
    "visits": ("visit_import", "import_visits"),
}


def importer(kind: str) -> Callable[..., Any]:
    """The import function for ``kind`` (imported on demand: spreadsheets load only when used).

    Raises:
        KeyError: ``kind`` is not one of ``IMPORTERS``.
    """
    module, name = IMPORTERS[kind]
    return getattr(importlib.import_module(f"pcc_desktop.services.{module}"), name)  # type: ignore[no-any-return]

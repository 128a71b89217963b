"""Typed user preferences in an INI file (window layout, last user, saved filters).

Values always pass through ``type=`` when read, because QSettings' INI format forgets types
between runs (tech-notes P7). Domain settings that belong with the data live in the database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1


class AppSettings:
    """Typed access to the user's preferences."""

    def __init__(self, path: Path) -> None:
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qsettings.value("settings/version", 0, type=int) < SETTINGS_VERSION:
            self._qsettings.setValue("settings/version", SETTINGS_VERSION)

    def _get(self, key: str, default: Any, kind: type) -> Any:
        return self._qsettings.value(key, default, type=kind)

    @property
    def last_user_id(self) -> str:
        """The member of staff who used the app last on this machine."""
        return str(self._get("session/last_user_id", "", str))

    @last_user_id.setter
    def last_user_id(self, value: str) -> None:
        self._qsettings.setValue("session/last_user_id", value)

    @property
    def last_page(self) -> str:
        """The section shown when the app was last closed."""
        return str(self._get("ui/last_page", "", str))

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._qsettings.setValue("ui/last_page", value)

    def geometry(self, key: str) -> QByteArray | None:
        """Saved window or splitter state bytes."""
        value = self._qsettings.value(f"ui/{key}", None, type=QByteArray)
        return value if value and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        """Save window or splitter state bytes."""
        self._qsettings.setValue(f"ui/{key}", value)

    def saved_filters(self) -> dict[str, dict[str, Any]]:
        """The user's own named filters for the action list."""
        text = str(self._get("actions/saved_filters", "{}", str))
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return {}
        return data if isinstance(data, dict) else {}

    def set_saved_filters(self, filters: dict[str, dict[str, Any]]) -> None:
        """Store the user's named filters."""
        self._qsettings.setValue("actions/saved_filters", json.dumps(filters))

    @property
    def export_folder(self) -> str:
        """Where the last export was saved."""
        return str(self._get("export/folder", "", str))

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._qsettings.setValue("export/folder", value)

    def sync(self) -> None:
        """Write to disk now."""
        self._qsettings.sync()

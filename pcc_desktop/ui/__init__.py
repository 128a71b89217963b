"""The PySide6 user interface: main window, pages, dialogs and Qt item models."""

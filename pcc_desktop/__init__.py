"""PCC Desktop: the Office of the Police and Crime Commissioner's desktop application."""

__version__ = "0.1.0"

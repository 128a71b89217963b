"""The bundled DejaVu fonts, registered once with ReportLab so every PDF embeds them.

ReportLab's built-in fonts are not embedded and only cover Latin-1 (tech-notes P9), so every style,
table and chart of a report uses these names instead.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pcc_desktop.paths import fonts_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu faces and their family (so ``<b>`` and ``<i>`` work); return the family name.

    Raises:
        FileNotFoundError: A font file is missing from the install.
    """
    folder = fonts_dir()
    for name, filename in _FILES.items():
        path = folder / filename
        if not path.is_file():
            raise FileNotFoundError(f"The report font {filename} is missing from {folder}.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # There is no bold-oblique file bundled: bold italic falls back to bold.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    return REGULAR

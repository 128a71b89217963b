"""Reading rendered reports back in tests: text per page, where lines sit, and the fonts used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass(frozen=True)
class Placed:
    text: str
    y: float  # points from the bottom of the page


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Whitespace collapsed, so phrases wrapped over lines can be found."""
    return " ".join(text.split())


def all_text(path: Path) -> str:
    return flat(" ".join(pages_text(path)))


def placed_lines(path: Path) -> list[list[Placed]]:
    """Each page's text runs with their height on the page."""
    found: list[list[Placed]] = []
    for page in PdfReader(path).pages:
        runs: list[Placed] = []

        def visit(text, cm, tm, _font, _size, runs=runs) -> None:
            if text.strip():
                runs.append(Placed(text.strip(), tm[5] * cm[3] + tm[4] * cm[1] + cm[5]))

        page.extract_text(visitor_text=visit)
        found.append(runs)
    return found


def paragraph_numbers(path: Path) -> list[int]:
    """The numbers of the numbered paragraphs ("12. text" at the start of a line), in order."""
    return [int(n) for text in pages_text(path) for n in re.findall(r"(?m)^(\d+)\. \S", text)]


def fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses → whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else DictionaryObject()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found

"""Acronyms spelled out on first use, as the Police and Crime Panel asked (domain.md §5.1, 001:400).

The pass walks a report's running text in reading order (Purpose, Request of the Panel, Summary,
then each section's paragraphs, sub-points and notes). The first time an acronym appears it becomes
"Independent Custody Visiting (ICV)"; later uses stay short, and a later hand-written "Independent
Custody Visiting (ICV)" is shortened to "ICV". Text that already reads "… (ICV)" counts as the first
use. Headings, captions and table cells are labels, not prose, and are left alone.
References such as ICV-2025-0001 are not acronyms and are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from pcc_desktop.reports.document import Block, Note, PanelReport, Para, Section

# From the glossary of the client's own papers (domain.md §7). "PCP" is the Police and Crime *Plan*:
# the Panel is always written in full. OFFICIAL is a protective marking, not an abbreviation, so it
# has no expansion to give.
ACRONYMS: dict[str, str] = {
    "ASB": "anti-social behaviour",
    "AWS": "Animal Welfare Scheme",
    "CGB": "Corporate Governance Board",
    "CLP": "Community Leadership Programme",
    "CSF": "Commissioner's Safety Fund",
    "CSP": "Community Safety Partnership",
    "DPCC": "Deputy Police and Crime Commissioner",
    "ETP": "Ethics and Transparency Panel",
    "FOI": "Freedom of Information",
    "HMICFRS": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
    "ICV": "Independent Custody Visiting",
    "ICVA": "Independent Custody Visiting Association",
    "JARAP": "Joint Audit and Risk Assurance Panel",
    "KPI": "key performance indicator",
    "LLR": "Leicester, Leicestershire and Rutland",
    "NHW": "Neighbourhood Watch",
    "NPA": "Neighbourhood Policing Area",
    "NPT": "Neighbourhood Policing Team",
    "OPCC": "Office of the Police and Crime Commissioner",
    "PCC": "Police and Crime Commissioner",
    "PCP": "Police and Crime Plan",
    "PCSO": "Police Community Support Officer",
    "PRSRA": "Police Reform and Social Responsibility Act 2011",
    "PSPO": "Public Space Protection Order",
    "PZ": "People Zone",
    "RAG": "Red, Amber, Green",
    "VAWG": "Violence Against Women and Girls",
    "VRN": "Violence Reduction Network",
}


class _Expander:
    """Remembers which acronyms have been spelled out so far in one document."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table
        self.used: set[str] = set()
        names = sorted(table, key=len, reverse=True)
        # A hand-written "Long Form (ABC)" (any case in the words), or the bare acronym. Letters,
        # digits and hyphens around a bare acronym mean a longer word or a reference (ICV-2025-0001).
        written = "|".join(f"(?i:{re.escape(table[n])}) \\({re.escape(n)}\\)" for n in names)
        bare = "|".join(map(re.escape, names))
        self.pattern = re.compile(f"(?P<written>{written})|(?<![\\w-])(?P<bare>{bare})(?![\\w-])")

    def text(self, text: str) -> str:
        return self.pattern.sub(self._replace, text) if self.table else text

    def _replace(self, match: re.Match[str]) -> str:
        if match.group("written"):
            written = match.group("written")
            short = written[written.rindex("(") + 1 : -1]
            if short in self.used:
                return short  # spelled out already: later uses stay short
            self.used.add(short)
            return written
        short = match.group("bare")
        if short in self.used:
            return short
        self.used.add(short)
        before, after = match.string[: match.start()], match.string[match.end() :]
        if before.endswith("(") and after.startswith(")"):
            return short  # explained in other words by hand: "the dog scheme (AWS)"
        return f"{self.table[short]} ({short})"

    def para(self, para: Para) -> Para:
        text = self.text(para.text)
        return Para(text, tuple(self.text(point) for point in para.points))

    def block(self, block: Block) -> Block:
        if isinstance(block, Para):
            return self.para(block)
        if isinstance(block, Note):
            return Note(self.text(block.text))
        return block

    def section(self, section: Section) -> Section:
        return replace(section, blocks=tuple(self.block(b) for b in section.blocks))


def expand_acronyms(report: PanelReport, table: Mapping[str, str] | None = None) -> PanelReport:
    """A copy of ``report`` with each acronym spelled out at its first use and short afterwards.

    Args:
        report: The report as built.
        table: Acronym → words (default :data:`ACRONYMS`).

    Returns:
        The same report with its running text rewritten.
    """
    expander = _Expander(ACRONYMS if table is None else table)
    # Reading order matters: each field is rewritten in turn, sharing one memory of what was used.
    purpose = tuple(expander.para(p) for p in report.purpose)
    request = expander.para(report.request) if report.request else None
    summary = tuple(expander.para(p) for p in report.summary)
    sections = tuple(expander.section(s) for s in report.sections)
    return replace(report, purpose=purpose, request=request, summary=summary, sections=sections)

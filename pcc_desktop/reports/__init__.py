"""Panel-ready PDF reports in the OPCC house style (ReportLab; no Qt here, ever).

``document`` holds the small document model (a :class:`~pcc_desktop.reports.document.PanelReport`
made of sections and blocks), ``house_style.render`` turns one into a PDF, and ``registry.REPORTS``
lists the reports the command line and the GUI can produce. ReportLab is imported only by the
renderer, so building a report's content stays cheap.
"""

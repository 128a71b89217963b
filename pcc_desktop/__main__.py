"""Allow ``python -m pcc_desktop``."""

from pcc_desktop.cli import main

raise SystemExit(main())

"""The ``pcc-desktop`` command: the GUI by default, plus automation commands.

Every command goes through the same services as the GUI. Formats are in docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pcc_desktop import __version__, cli_report, cli_stats, paths
from pcc_desktop.services.importers import IMPORTERS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pcc-desktop", description="PCC Desktop for the OPCC.")
    parser.add_argument("--version", action="version", version=f"PCC Desktop {__version__}")
    parser.add_argument("--db", help="database file or URL (default: the one in your data folder)")
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--user", help="sign in as this member of staff (name or email)")
    demo = sub.add_parser("demo", help="build a realistic demo database")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--scale", type=float, default=1.0, help="1 gives about 900 actions over three years")
    demo.add_argument("--force", action="store_true", help="replace the file if it exists")
    backup = sub.add_parser("backup", help="write a verified backup of the database")
    backup.add_argument("--out", help="backup file (default: the backups folder)")
    restore = sub.add_parser("restore", help="replace the database with a backup (the old one is kept)")
    restore.add_argument("backup_file")
    sub.add_parser("check", help="check the database's integrity and schema")
    imp = sub.add_parser("import", help="import a CSV or Excel file (all rows or none)")
    imp.add_argument("kind", choices=list(IMPORTERS))  # actions, engagements, volunteers, visits
    imp.add_argument("file")
    imp.add_argument("--user", required=True, help="member of staff the import is recorded against")
    exp = sub.add_parser("export", help="export actions, engagements or 'You said, we did'")
    exp.add_argument("kind", choices=["actions", "engagements", "you-said-we-did"])
    exp.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx (you-said-we-did: also FILE.html)")
    exp.add_argument(
        "--view", default="Everything", help='actions: a view, e.g. "Overdue" (default: Everything)'
    )
    exp.add_argument(
        "--from", dest="date_from", type=_iso_date, help="engagements from this date (YYYY-MM-DD)"
    )
    exp.add_argument("--to", dest="date_to", type=_iso_date, help="engagements up to this date (YYYY-MM-DD)")
    exp.add_argument("--area", help="you-said-we-did: only this area or NPA (by name)")
    cli_stats.add_parser(sub, _iso_date)
    cli_report.add_parser(sub, _iso_date)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-06-18") from None


def _open(db: str | None):
    from pcc_desktop.services import startup

    return startup.open_database(db)


def _cmd_demo(args: argparse.Namespace) -> int:
    from pcc_desktop.services.demo import build_demo

    target = Path(args.db) if args.db else paths.default_db_path()
    if target.exists():
        if not args.force:
            print(f"{target} exists; use --force to replace it", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    ws = _open(str(target)).workspace
    summary = ws.run(build_demo, args.seed, args.scale)
    print(
        f"Demo database {target}: {summary.staff} staff, {summary.actions} actions, "
        f"{summary.updates} updates, {summary.engagements} engagements, "
        f"{summary.feedback_items} feedback items, {summary.custody_visits} custody visits, "
        f"{summary.dogs} police dogs, {summary.aws_visits} Dog Unit visits"
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from pcc_desktop.services.backups import take_backup

    ws = _open(args.db).workspace
    out = Path(args.out) if args.out else None
    path = take_backup(ws.engine, out.parent if out else paths.backups_dir(), destination=out)
    print(f"Backed up to {path}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from pcc_desktop.models.database import database_url
    from pcc_desktop.services.backups import restore_backup

    target = Path(database_url(args.db or paths.default_db_path()).removeprefix("sqlite:///"))
    safety = restore_backup(Path(args.backup_file), target, paths.backups_dir())
    print(
        f"Restored {target} from {args.backup_file}" + (f"; the replaced copy is {safety}" if safety else "")
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from pcc_desktop.models import migrations

    opened = _open(args.db)
    report = {
        "database": str(opened.workspace.db_file or opened.workspace.engine.url),
        "integrity": "ok",
        "schema": migrations.current_revision(opened.workspace.engine),
        "schema_head": migrations.head_revision(),
    }
    print(json.dumps(report, indent=2))
    return 0


def _signed_in(db: str | None, user: str):
    from pcc_desktop.services.staff import find_staff_by_name

    ws = _open(db).workspace
    found = ws.run(find_staff_by_name, user)
    if found is None:
        raise SystemExit(f"pcc-desktop: {user!r} is not on the staff list")
    ws.actor_id = found.id
    return ws


def _cmd_import(args: argparse.Namespace) -> int:
    from pcc_desktop.services.action_io import ImportFailed
    from pcc_desktop.services.importers import importer

    ws = _signed_in(args.db, args.user)
    try:
        result = ws.act(importer(args.kind), Path(args.file))
    except ImportFailed as exc:
        print(f"Nothing imported from {args.file}:", file=sys.stderr)
        for error in exc.errors:
            print(f"  line {error.line}, {error.column}: {error.message}", file=sys.stderr)
        return 1
    print(f"Imported {result.created} {args.kind} from {args.file}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.kind == "engagements":
        return _export_engagements(args)
    if args.kind == "you-said-we-did":
        return _export_you_said_we_did(args)
    from pcc_desktop.services.action_io import export_actions
    from pcc_desktop.services.action_queries import ActionSort, preset_filters

    ws = _open(args.db).workspace
    views = preset_filters(None)
    if args.view not in views:
        print(f"unknown view {args.view!r}; choose from: {', '.join(views)}", file=sys.stderr)
        return 2
    count = ws.run(export_actions, views[args.view], ActionSort("due_on"), Path(args.out))
    print(f"Exported {count} actions to {args.out}")
    return 0


def _export_engagements(args: argparse.Namespace) -> int:
    from pcc_desktop.services.engagement_details import EngagementFilter
    from pcc_desktop.services.engagement_export import export_engagements

    ws = _open(args.db).workspace
    flt = EngagementFilter(date_from=args.date_from, date_to=args.date_to)
    count = ws.run(export_engagements, flt, "held_on", False, Path(args.out))
    print(f"Exported {count} engagements to {args.out}")
    return 0


def _export_you_said_we_did(args: argparse.Namespace) -> int:
    from pcc_desktop.services import you_said_we_did as yswd
    from pcc_desktop.services.reference_data import list_areas

    ws = _open(args.db).workspace
    area_id = None
    if args.area:
        matches = [a.id for a in ws.run(list_areas) if a.name.lower() == args.area.strip().lower()]
        if not matches:
            print(f"no area called {args.area!r}", file=sys.stderr)
            return 2
        area_id = matches[0]
    scope = yswd.YouSaidWeDidScope(area_id=area_id, date_from=args.date_from, date_to=args.date_to)
    rows = ws.run(yswd.you_said_we_did, scope)
    count = yswd.export_you_said_we_did(rows, Path(args.out))
    print(f"Exported {count} items ('You said, we did') to {args.out}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    return cli_stats.run(_open(args.db).workspace, args, sys.stdout)


def _cmd_report(args: argparse.Namespace) -> int:
    return cli_report.run(lambda: _open(args.db).workspace, args, sys.stdout, sys.stderr)


COMMANDS = {
    "demo": _cmd_demo,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "check": _cmd_check,
    "import": _cmd_import,
    "export": _cmd_export,
    "stats": _cmd_stats,
    "report": _cmd_report,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pcc-desktop`` console script."""
    from pcc_desktop.models.database import SchemaTooNewError
    from pcc_desktop.services.errors import NotFoundError, ValidationError
    from pcc_desktop.services.startup import DamagedDatabaseError

    args = _parser().parse_args(argv)
    if args.command in (None, "gui"):
        from pcc_desktop.app import run_gui

        return run_gui(args.db, getattr(args, "user", None))
    try:
        return COMMANDS[args.command](args)
    except (SchemaTooNewError, DamagedDatabaseError, ValidationError, NotFoundError, ValueError) as exc:
        print(f"pcc-desktop: {exc}", file=sys.stderr)
        return 1

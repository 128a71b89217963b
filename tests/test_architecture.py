"""The layering rules of ARCHITECTURE §1, checked on the source so a breach fails the build."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pcc_desktop"
QT_PACKAGES = {"PySide6", "shiboken6", "pyqtgraph"}


@dataclass(frozen=True)
class Module:
    path: Path
    name: str  # dotted, e.g. pcc_desktop.services.actions
    tree: ast.Module

    @property
    def relative(self) -> str:
        return self.path.relative_to(PACKAGE.parent).as_posix()

    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def _modules() -> list[Module]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append(Module(path, name, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return found


MODULES = _modules()


def _in(module: Module, *packages: str) -> bool:
    return any(module.name == p or module.name.startswith(p + ".") for p in packages)


def _imports(module: Module) -> list[tuple[str, str | None, int]]:
    """Every import anywhere in the module (lazy ones too): (module, imported name or None, line)."""
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.name.split(".")
                if not module.is_package():
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            found += [(base, alias.name, node.lineno) for alias in node.names]
    return found


def _imported_modules(module: Module) -> list[tuple[str, int]]:
    """Imported module names, counting ``from a import b`` as both ``a`` and ``a.b``."""
    names = []
    for base, name, line in _imports(module):
        names.append((base, line))
        if name:
            names.append((f"{base}.{name}", line))
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_scan_sees_the_package() -> None:
    names = {m.name for m in MODULES}
    assert {"pcc_desktop", "pcc_desktop.models.database", "pcc_desktop.services.actions"} <= names
    assert any(_in(m, "pcc_desktop.ui") for m in MODULES)


def test_only_the_ui_and_app_import_qt() -> None:
    offenders = [
        f"{m.relative}:{line} imports {name}"
        for m in MODULES
        if not _in(m, "pcc_desktop.ui", "pcc_desktop.app")
        for name, line in _imported_modules(m)
        if _top(name) in QT_PACKAGES
    ]
    assert offenders == []


FORBIDDEN_IN_UI = {
    "pcc_desktop.models.database",
    "sqlalchemy.orm.Session",
    "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.orm.session",
    "sqlalchemy.Session",
}


def test_ui_never_imports_sessions_or_the_database_module() -> None:
    offenders = [
        f"{m.relative}:{line} imports {name}"
        for m in MODULES
        if _in(m, "pcc_desktop.ui")
        for name, line in _imported_modules(m)
        if name in FORBIDDEN_IN_UI or name.startswith("pcc_desktop.models.database.")
    ]
    assert offenders == []


def test_ui_never_opens_a_session() -> None:
    offenders = []
    for m in MODULES:
        if not _in(m, "pcc_desktop.ui"):
            continue
        for node in ast.walk(m.tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"session", "_sessions", "raw_connection"}
            ):
                offenders.append(f"{m.relative}:{node.lineno} calls .{node.func.attr}(")
        for number, line in enumerate(m.path.read_text(encoding="utf-8").splitlines(), start=1):
            if ".session(" in line:
                offenders.append(f"{m.relative}:{number} mentions .session(")
    assert offenders == []


LAYER_RULES = {
    "pcc_desktop.models": (
        "pcc_desktop.services",
        "pcc_desktop.reports",
        "pcc_desktop.ui",
        "pcc_desktop.cli",
        "pcc_desktop.app",
    ),
    "pcc_desktop.services": ("pcc_desktop.ui", "pcc_desktop.reports", "pcc_desktop.cli", "pcc_desktop.app"),
    "pcc_desktop.reports": (
        "pcc_desktop.ui",
        "pcc_desktop.models.database",
        "pcc_desktop.cli",
        "pcc_desktop.app",
    ),
}


@pytest.mark.parametrize("layer", sorted(LAYER_RULES))
def test_layers_only_import_downwards(layer: str) -> None:
    banned = LAYER_RULES[layer]
    offenders = [
        f"{m.relative}:{line} imports {name}"
        for m in MODULES
        if _in(m, layer)
        for name, line in _imported_modules(m)
        if any(name == b or name.startswith(b + ".") for b in banned)
    ]
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = [m.relative for m in MODULES if not ast.get_docstring(m.tree)]
    assert missing == []


def test_every_class_has_a_docstring() -> None:
    missing = [
        f"{m.relative}:{node.lineno} {node.name}"
        for m in MODULES
        for node in ast.walk(m.tree)
        if isinstance(node, ast.ClassDef) and not ast.get_docstring(node)
    ]
    assert missing == []

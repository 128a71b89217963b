"""An open database and the person using it: the one door to sessions for GUI and CLI."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pcc_desktop.models.database import make_engine, session_factory, sqlite_file

P = ParamSpec("P")
R = TypeVar("R")


class Workspace:
    """Runs service functions in short transactions on one database.

    ``run`` opens a session, calls the function, commits, and closes; on any exception it rolls
    back, so a failed use case never leaves half its changes behind. The GUI and the CLI never
    open sessions themselves.
    """

    def __init__(self, engine: Engine, actor_id: uuid.UUID | None = None) -> None:
        self.engine = engine
        self.actor_id = actor_id
        self._sessions = session_factory(engine)

    @classmethod
    def open(cls, target: str | Path) -> Workspace:
        """A workspace on a path or URL (no migration; see ``services.startup``)."""
        return cls(make_engine(target))

    @property
    def db_file(self) -> Path | None:
        """The SQLite file, if the database is one."""
        return sqlite_file(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    def run(self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Call ``fn(session, *args, **kwargs)`` in its own transaction."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    def act(
        self,
        fn: Callable[Concatenate[Session, uuid.UUID, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """Call ``fn(session, actor_id, ...)``: a change attributed to the current user."""
        if self.actor_id is None:
            raise RuntimeError("nobody is signed in: choose who is using PCC Desktop first")
        with self.session() as session:
            return fn(session, self.actor_id, *args, **kwargs)

    def dispose(self) -> None:
        """Close every pooled connection (before a restore replaces the file)."""
        self.engine.dispose()

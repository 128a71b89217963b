"""Alembic environment: uses the connection the app hands over, or alembic.ini's URL."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from pcc_desktop.models import Base
from pcc_desktop.models.base import UtcDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    # Keep migration scripts free of app imports: UtcDateTime is a plain DateTime on disk.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def _run(connection) -> None:
    context.configure(
        render_item=_render_item,
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()

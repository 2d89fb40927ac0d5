"""Shared model helpers: the clock, the one column type for moments, and public identifiers."""

import uuid
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

CANDIDATE = "candidate"
RECRUITER = "recruiter"


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """The same moment in UTC; a naive value is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def zone_named(name: str | None) -> ZoneInfo:
    """The IANA zone of that name; UTC for none or an unknown one."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


class UTCDateTime(sa.types.TypeDecorator):
    """Every stored moment: aware UTC in and out, on SQLite (which keeps no zone) and on
    PostgreSQL whatever the server's ``TimeZone``. A naive value is refused: it has no meaning."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


def new_ref(prefix: str) -> str:
    """An opaque, stable public identifier such as ``c_3f9a…``."""
    return f"{prefix}_{uuid.uuid4().hex}"


class PersonDetails:
    """The candidate-owned details a profile and a contact share (lengths as in update.schema.json)."""

    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    location: Mapped[str] = mapped_column(sa.String(120), default="")
    headline: Mapped[str] = mapped_column(sa.String(200), default="")
    title: Mapped[str] = mapped_column(sa.String(120), default="")
    employer: Mapped[str] = mapped_column(sa.String(120), default="")
    industries: Mapped[list] = mapped_column(sa.JSON, default=list)
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    links: Mapped[list] = mapped_column(sa.JSON, default=list)

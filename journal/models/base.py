"""Shared model helpers: the clock and public identifiers."""
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

CANDIDATE = "candidate"
RECRUITER = "recruiter"


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(timezone.utc)


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

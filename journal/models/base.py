"""Shared model helpers: the clock and public identifiers."""
import uuid
from datetime import datetime, timezone

CANDIDATE = "candidate"
RECRUITER = "recruiter"


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(timezone.utc)


def new_ref(prefix: str) -> str:
    """An opaque, stable public identifier such as ``c_3f9a…``."""
    return f"{prefix}_{uuid.uuid4().hex}"

"""Follow-up cadence arithmetic, in the recruiter's own time zone (no Flask, no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

ACTIVE_STAGES = frozenset({"new", "contacted", "screening", "interviewing", "offer"})
DEFAULT_CADENCE_DAYS = 7


def effective_cadence(stage: str, cadence_days: int | None) -> int | None:
    """Days between follow-ups: the contact's cadence in an active stage, none otherwise."""
    return cadence_days if stage in ACTIVE_STAGES and cadence_days else None


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar day it was where the recruiter is (``moment`` is aware, as every stored one)."""
    return moment.astimezone(tz).date()


def next_follow_up(last_touch: datetime, stage: str, cadence_days: int | None, tz: ZoneInfo) -> date | None:
    """The day the next follow-up is due: the touch's local day plus the cadence; None without one."""
    days = effective_cadence(stage, cadence_days)
    if days is None:
        return None
    return local_date(last_touch, tz) + timedelta(days=days)


def days_overdue(due: date, now: datetime, tz: ZoneInfo) -> int:
    """How many days past due (0 on the day itself)."""
    return (local_date(now, tz) - due).days

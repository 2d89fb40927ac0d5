"""Database models (SQLAlchemy 2 typed declarative), one module per area."""

from journal.models.accounts import LoginSession, User
from journal.models.activity import TOUCH_KINDS, Message, Pool, PoolMember, Touch
from journal.models.base import (
    CANDIDATE,
    RECRUITER,
    UTCDateTime,
    as_utc,
    new_ref,
    utcnow,
    zone_named,
)
from journal.models.contacts import KINDS as CONTACT_KINDS
from journal.models.contacts import STAGES, Contact, ContactChange, ContactEntry, Invite
from journal.models.imports import ImportJob, ImportRow
from journal.models.journal import JournalEntry, Profile
from journal.models.outbox import Claim, OutboxEmail
from journal.models.updates import Delivery, RecruiterLink, Update

__all__ = [
    "CANDIDATE",
    "CONTACT_KINDS",
    "TOUCH_KINDS",
    "Message",
    "Pool",
    "PoolMember",
    "Touch",
    "RECRUITER",
    "STAGES",
    "Claim",
    "Contact",
    "ContactChange",
    "ContactEntry",
    "Delivery",
    "ImportJob",
    "ImportRow",
    "Invite",
    "JournalEntry",
    "LoginSession",
    "OutboxEmail",
    "Profile",
    "RecruiterLink",
    "Update",
    "User",
    "UTCDateTime",
    "as_utc",
    "new_ref",
    "utcnow",
    "zone_named",
]

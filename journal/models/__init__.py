"""Database models (SQLAlchemy 2 typed declarative), one module per area."""
from journal.models.accounts import LoginSession, User
from journal.models.base import CANDIDATE, RECRUITER, new_ref, utcnow
from journal.models.journal import JournalEntry, Profile

__all__ = ["CANDIDATE", "RECRUITER", "JournalEntry", "LoginSession", "Profile", "User", "new_ref", "utcnow"]

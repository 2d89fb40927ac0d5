"""A small demo data set, so a newcomer can look around at once."""

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from journal.auth.services import create_user
from journal.extensions import db
from journal.models import CANDIDATE, RECRUITER, JournalEntry, User
from journal.recruiters.services import add_link, notify_recruiters

DEMO_PASSWORD = "demo-journal-2026"
CANDIDATE_EMAIL = "casey.candidate@example.com"
RECRUITERS = (("Riley Recruiter", "riley.recruiter@example.com"), ("Morgan Search", "morgan.search@example.com"))


def seed_demo(today: date | None = None) -> list[tuple[str, str]]:
    """Create the demo accounts unless they exist; return (role, email) pairs."""
    today = today or date.today()
    accounts = [(CANDIDATE, CANDIDATE_EMAIL)] + [(RECRUITER, email) for _, email in RECRUITERS]
    if db.session.scalar(sa.select(User.id).where(User.email == CANDIDATE_EMAIL)):
        return accounts
    candidate = create_user("Casey Candidate", CANDIDATE_EMAIL, DEMO_PASSWORD, CANDIDATE, verified=True)
    profile = candidate.profile
    profile.phone, profile.location = "+1 313 555 0142", "Detroit, MI"
    profile.headline = "Sales leader for automotive and mobility accounts"
    profile.title, profile.employer = "Vice President, Sales", "Northline Mobility"
    profile.industries, profile.skills = ["automotive", "mobility"], ["key accounts", "negotiation", "team building"]
    profile.links, profile.status = ["https://www.example.com/casey"], "open"
    for days_ago, kind, title, employer, amount, details in _JOURNAL:
        db.session.add(
            JournalEntry(
                user_id=candidate.id,
                kind=kind,
                date=today - timedelta(days=days_ago),
                title=title,
                employer=employer,
                amount=amount,
                currency="USD" if amount else "",
                details=details,
                shared=kind in ("role", "promotion", "education", "certification", "achievement", "move"),
            )
        )
    for name, email in RECRUITERS:
        create_user(name, email, DEMO_PASSWORD, RECRUITER, verified=True)
        add_link(candidate, name, email, "Demo Search Partners")
    notify_recruiters(candidate, "demo-first-update", "Happy to talk about VP and CRO roles in mobility.")
    db.session.commit()
    return accounts


_JOURNAL = (
    (
        360,
        "role",
        "Account Director",
        "Northline Mobility",
        None,
        "Ran the **automotive** OEM account portfolio: four accounts, $40M a year.",
    ),
    (300, "review", "Mid-year review", "", None, "Exceeded targets; asked to mentor two new account managers."),
    (240, "certification", "Certified Strategic Account Manager", "SAMA", None, ""),
    (200, "counseling", "Session with career coach", "", None, "Aim for a VP role within a year; build the EV story."),
    (
        150,
        "achievement",
        "Closed the largest EV fleet deal in company history",
        "",
        None,
        "Three-year, 12,000-vehicle fleet.",
    ),
    (120, "raise", "Annual raise", "", Decimal("185000.00"), "Base after the annual review."),
    (90, "promotion", "Vice President, Sales", "Northline Mobility", None, "Now leading a team of 14."),
    (30, "note", "Thoughts on next steps", "", None, "Open to a CRO role at a mobility start-up."),
)

"""Sending messages to candidates (in the app and by email) and reading them."""

from __future__ import annotations

import sqlalchemy as sa

from journal.extensions import db
from journal.models import (
    Contact,
    Message,
    OutboxEmail,
    Profile,
    RecruiterLink,
    User,
    utcnow,
)
from journal.outbox.enqueue import new_message_id


def candidate_account(contact: Contact) -> int | None:
    """The candidate's account id when the contact is linked to this recruiter, else None."""
    if not contact.candidate_ref:
        return None
    return db.session.scalar(
        sa.select(Profile.user_id)
        .join(RecruiterLink, RecruiterLink.candidate_id == Profile.user_id)
        .where(Profile.ref == contact.candidate_ref, RecruiterLink.recruiter_id == contact.recruiter_id)
    )


def send_message(
    recruiter: User, contact: Contact, body: str, kind: str = "message", invite_id: int | None = None
) -> Message:
    """A message to the contact: in their "From my recruiters" page if linked, and by email."""
    message = Message(
        recruiter_id=recruiter.id,
        contact_id=contact.id,
        candidate_id=candidate_account(contact),
        body=body,
        kind=kind,
        invite_id=invite_id,
        created_at=utcnow(),
    )
    db.session.add(message)
    db.session.flush()
    if contact.email:
        db.session.add(
            OutboxEmail(
                kind="message",
                note_id=message.id,
                to_address=contact.email,
                to_name=contact.name,
                message_id=new_message_id(),
            )
        )
    return message


def thread_of(contact: Contact) -> list[Message]:
    """Messages with this contact, both ways, oldest first."""
    return list(db.session.scalars(sa.select(Message).where(Message.contact_id == contact.id).order_by(Message.id)))


def messages_for(candidate: User) -> list[tuple[Message, str]]:
    """Messages recruiters sent this candidate, newest first, with the recruiter's name."""
    rows = db.session.execute(
        sa.select(Message, User.name)
        .join(User, User.id == Message.recruiter_id)
        .where(Message.candidate_id == candidate.id, Message.from_candidate.is_(False))
        .order_by(Message.id.desc())
    )
    return [(message, name) for message, name in rows]


def unread_for(candidate: User) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(Message.id)).where(
                Message.candidate_id == candidate.id, Message.from_candidate.is_(False), Message.read_at.is_(None)
            )
        )
        or 0
    )


def mark_read(candidate: User) -> None:
    db.session.execute(
        sa.update(Message)
        .where(Message.candidate_id == candidate.id, Message.from_candidate.is_(False), Message.read_at.is_(None))
        .values(read_at=utcnow())
    )


def message_to(candidate: User, message_id: int) -> Message:
    """A message this candidate received, or 404."""
    return db.first_or_404(
        sa.select(Message).where(
            Message.id == message_id, Message.candidate_id == candidate.id, Message.from_candidate.is_(False)
        )
    )


def reply(candidate: User, original: Message, body: str) -> Message:
    """The candidate's answer; it shows on the recruiter's contact page."""
    answer = Message(
        recruiter_id=original.recruiter_id,
        contact_id=original.contact_id,
        candidate_id=candidate.id,
        from_candidate=True,
        body=body,
        created_at=utcnow(),
        read_at=None,
    )
    db.session.add(answer)
    return answer


def answer_confirm(candidate: User, request: Message) -> None:
    """Mark a request to confirm details as answered (the update itself is sent by the caller)."""
    if request.answered_at is None:
        request.answered_at = utcnow()

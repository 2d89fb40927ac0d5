"""Composing outbox emails: readable text and HTML, the update document, and a vCard.

Messages are ``email.message.EmailMessage`` objects under the SMTP policy (CRLF line ends,
RFC 2047 encoded headers), given their parts with ``set_content``, ``add_alternative`` and
``add_attachment``. What is the same for every recipient of an update (the details, the
subject, the update.json text and the vCard) is prepared once, as plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import lru_cache

from flask import current_app, render_template
from markupsafe import Markup

from journal.domain.vcards import person_vcard
from journal.models import Update, utcnow

# An email lists at most this many entries (newest first); the attached update.json has them all.
# Gmail clips a message over 102 KB, and 500 entries make one several times that.
EMAIL_ENTRIES = 20
WIRE = policy.SMTP  # CRLF line ends, as smtplib's send_message would write


@dataclass(frozen=True)
class OutgoingEmail:
    """A message as it goes on the wire (CRLF line ends), with its envelope."""

    sender: str
    recipient: str
    message_id: str
    data: bytes

    def __bytes__(self) -> bytes:
        return self.data


def external_url(endpoint: str, **values) -> str:
    """An absolute link from the BASE_URL setting, never from a request's Host header."""
    path = current_app.url_map.bind("").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def one_line(text: str) -> str:
    """Header text: no line breaks can sneak in a second header."""
    return " ".join((text or "").split())


@dataclass(frozen=True)
class PreparedUpdate:
    """The parts of an update email that are the same for every recipient (plain data, no ORM)."""

    document: dict
    summary: list
    issued_at: datetime
    candidate_name: str
    subject: str
    document_json: bytes
    vcard: str
    details_text: str = ""
    details_html: Markup = Markup("")  # rendered once: an update with 500 entries renders its Markdown once
    attachments: tuple[EmailMessage, ...] = ()  # update.json and the vCard as MIME parts, attached to every email


def prepare_update(update: Update) -> PreparedUpdate:
    document = update.document
    prepared = PreparedUpdate(
        document=document,
        summary=update.summary,
        issued_at=update.issued_at,
        candidate_name=update.candidate_name,
        subject=f"Career update from {update.candidate_name}",
        document_json=json.dumps(document, indent=2, ensure_ascii=False).encode(),
        vcard=person_vcard(document["candidate"], uid=document["candidate"]["ref"]),
    )
    context = {
        "update": prepared,
        "document": document,
        "candidate": document["candidate"],
        "shown_entries": EMAIL_ENTRIES,
    }
    # the templates escape what they show, so their output is safe to place as it is
    return replace(
        prepared,
        attachments=_attachments(prepared.document_json, prepared.vcard),
        details_text=render_template("email/_update_details.txt", **context),
        details_html=Markup(render_template("email/_update_details.html", **context)),
    )


@dataclass(frozen=True)
class Envelope:
    to_address: str
    to_name: str
    message_id: str


def update_message(envelope: Envelope, prepared: PreparedUpdate, link: str, has_account: bool) -> OutgoingEmail:
    """Subject "Career update from <name>", text and HTML parts, update.json and a vCard 4.0."""
    document = prepared.document
    context = {
        "update": prepared,
        "document": document,
        "candidate": document["candidate"],
        "link": link,
        "link_text": "Open it in your Inbox" if has_account else "Claim your free inbox",
        "has_account": has_account,
        "recipient": envelope.to_name,
    }
    message = _addressed(envelope, prepared.subject)
    message.set_content(render_template("email/update.txt", **context), cte="quoted-printable")
    message.add_alternative(render_template("email/update.html", **context), subtype="html", cte="quoted-printable")
    message.make_mixed()
    for part in prepared.attachments:  # read only, by every email of the update (and every lane)
        message.attach(part)
    _top_level_mime_version(message)
    return _outgoing(envelope, message)


def _attachments(document_json: bytes, vcard: str) -> tuple[EmailMessage, ...]:
    """update.json and the vCard as finished MIME parts, made once for all of an update's emails."""
    holder = EmailMessage(policy=WIRE)
    holder.add_attachment(document_json, maintype="application", subtype="json", filename="update.json")
    holder.add_attachment(vcard, subtype="vcard", filename="candidate.vcf", cte="base64")
    _top_level_mime_version(holder)
    return tuple(holder.iter_attachments())


def _top_level_mime_version(message: EmailMessage) -> None:
    """The parts EmailMessage adds carry a MIME-Version of their own; it belongs at the top (RFC 2045)."""
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]


@lru_cache(maxsize=8)
def _sender(setting: str) -> tuple[Address, str]:
    """The From address and the envelope sender for the MAIL_DEFAULT_SENDER setting."""
    name, address = parseaddr(setting)
    return Address(one_line(name), addr_spec=address), address


def _addressed(envelope: Envelope, subject: str) -> EmailMessage:
    """A new message with its headers; the header registry encodes names and subjects as RFC 2047 asks."""
    # an address beyond ASCII travels as UTF-8 (the SMTP backend then asks for SMTPUTF8)
    message = EmailMessage(policy=WIRE if envelope.to_address.isascii() else policy.SMTPUTF8)
    message["From"] = _sender(current_app.config["MAIL_DEFAULT_SENDER"])[0]
    message["To"] = Address(one_line(envelope.to_name), addr_spec=envelope.to_address)
    message["Subject"] = one_line(subject)
    message["Message-ID"] = envelope.message_id
    message["Date"] = format_datetime(utcnow())
    message["Auto-Submitted"] = "auto-generated"
    return message


def message_email(
    envelope: Envelope, recruiter_name: str, body: str, link: str | None, joining: bool = False
) -> OutgoingEmail:
    """A recruiter's message as plain text: a link to reply, or (no account yet) to join linked to them."""
    text = render_template(
        "email/message.txt",
        recruiter_name=recruiter_name,
        body=body,
        link=link,
        joining=joining,
        recipient=envelope.to_name,
    )
    return text_email(envelope, f"Message from {recruiter_name}", text)


def text_email(envelope: Envelope, subject: str, text: str) -> OutgoingEmail:
    """A plain-text email."""
    message = _addressed(envelope, subject)
    message.set_content(text, cte="quoted-printable")
    return _outgoing(envelope, message)


def _outgoing(envelope: Envelope, message: EmailMessage) -> OutgoingEmail:
    return OutgoingEmail(
        _sender(current_app.config["MAIL_DEFAULT_SENDER"])[1],
        envelope.to_address,
        envelope.message_id,
        message.as_bytes(),
    )

"""Composing outbox emails: readable text and HTML, the update document, and a vCard.

Messages are built with the stdlib's MIME classes (the compat32 policy), which assemble a
message several times faster than EmailMessage's header registry; what is the same for
every recipient of an update (the JSON, the vCard, the subject) is prepared once.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr

from flask import current_app, render_template
from markupsafe import Markup

from journal.domain.vcards import person_vcard
from journal.models import Update, utcnow

# An email lists at most this many entries (newest first); the attached update.json has them all.
# Gmail clips a message over 102 KB, and 500 entries make one several times that.
EMAIL_ENTRIES = 20
UTF8_QP = Charset("utf-8")
UTF8_QP.body_encoding = QP


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


def prepare_update(update: Update) -> PreparedUpdate:
    document = update.document
    prepared = PreparedUpdate(
        document=document, summary=update.summary, issued_at=update.issued_at,
        candidate_name=update.candidate_name, subject=f"Career update from {update.candidate_name}",
        document_json=json.dumps(document, indent=2, ensure_ascii=False).encode(),
        vcard=person_vcard(document["candidate"], uid=document["candidate"]["ref"]),
    )
    context = {"update": prepared, "document": document, "candidate": document["candidate"],
               "shown_entries": EMAIL_ENTRIES}
    # the templates escape what they show, so their output is safe to place as it is
    return replace(prepared, details_text=render_template("email/_update_details.txt", **context),
                   details_html=Markup(render_template("email/_update_details.html", **context)))


@dataclass(frozen=True)
class Envelope:
    to_address: str
    to_name: str
    message_id: str


def update_message(envelope: Envelope, prepared: PreparedUpdate, link: str, has_account: bool) -> Message:
    """Subject "Career update from <name>", text and HTML parts, update.json and a vCard 4.0."""
    document = prepared.document
    context = {"update": prepared, "document": document, "candidate": document["candidate"], "link": link,
               "link_text": "Open it in your Inbox" if has_account else "Claim your free inbox",
               "has_account": has_account, "recipient": envelope.to_name}
    body = MIMEMultipart("alternative", boundary=_boundary())
    body.attach(MIMEText(render_template("email/update.txt", **context), "plain", UTF8_QP))
    body.attach(MIMEText(render_template("email/update.html", **context), "html", UTF8_QP))
    message = MIMEMultipart("mixed", boundary=_boundary())
    message.attach(body)
    message.attach(_attachment(MIMEApplication(prepared.document_json, "json"), "update.json"))
    message.attach(_attachment(MIMEText(prepared.vcard, "vcard", "utf-8"), "candidate.vcf"))
    _address(message, envelope, prepared.subject)
    return message


def _boundary() -> str:
    """A part boundary that cannot occur in the parts: quoted-printable writes "=" as "=3D" and base64
    has "==" only at its very end. Choosing it here spares the generator a scan of every part for it."""
    return f"==={uuid.uuid4().hex}=="


def _attachment(part: Message, filename: str) -> Message:
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _address(message: Message, envelope: Envelope, subject: str) -> None:
    name, address = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    message["From"] = formataddr((one_line(name), address), charset="utf-8")
    message["To"] = formataddr((one_line(envelope.to_name), envelope.to_address), charset="utf-8")
    message["Subject"] = Header(one_line(subject), "utf-8")
    message["Message-ID"] = envelope.message_id
    message["Date"] = format_datetime(utcnow())
    message["Auto-Submitted"] = "auto-generated"


def message_email(envelope: Envelope, recruiter_name: str, body: str, link: str | None,
                  joining: bool = False) -> Message:
    """A recruiter's message as plain text: a link to reply, or (no account yet) to join linked to them."""
    text = render_template("email/message.txt", recruiter_name=recruiter_name, body=body, link=link,
                           joining=joining, recipient=envelope.to_name)
    return text_email(envelope, f"Message from {recruiter_name}", text)


def text_email(envelope: Envelope, subject: str, text: str) -> Message:
    """A plain-text email."""
    message = MIMEText(text, "plain", UTF8_QP)
    _address(message, envelope, subject)
    return message

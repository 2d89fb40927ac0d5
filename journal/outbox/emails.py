"""Composing outbox emails: readable text and HTML, the update document, and a vCard.

Messages are built with the stdlib's MIME classes (the compat32 policy), which assemble a
message several times faster than EmailMessage's header registry. What is the same for
every recipient of an update (the details, the subject, and the update.json and vCard
attachments as finished MIME parts) is prepared once; each email flattens only its own
headers and text and HTML parts, and the attachments' bytes are placed after them.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import datetime
from email import policy
from email.charset import QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr
from io import BytesIO

from flask import current_app, render_template
from markupsafe import Markup

from journal.domain.vcards import person_vcard
from journal.models import Update, utcnow

# An email lists at most this many entries (newest first); the attached update.json has them all.
# Gmail clips a message over 102 KB, and 500 entries make one several times that.
EMAIL_ENTRIES = 20
UTF8_QP = Charset("utf-8")
UTF8_QP.body_encoding = QP
WIRE = policy.compat32.clone(linesep="\r\n")  # what smtplib's send_message would write


@dataclass(frozen=True)
class OutgoingEmail:
    """A message as it goes on the wire (CRLF line ends), with its envelope."""

    sender: str
    recipient: str
    message_id: str
    data: bytes

    def __bytes__(self) -> bytes:
        return self.data


def flatten(message: Message) -> bytes:
    out = BytesIO()
    BytesGenerator(out, policy=WIRE).flatten(message)
    return out.getvalue()


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
    attachments: tuple[bytes, ...] = ()  # update.json and the vCard, as finished MIME parts


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
                   details_html=Markup(render_template("email/_update_details.html", **context)),
                   attachments=(flatten(_attachment(MIMEApplication(prepared.document_json, "json"), "update.json")),
                                flatten(_attachment(MIMEText(prepared.vcard, "vcard", "utf-8"), "candidate.vcf"))))


@dataclass(frozen=True)
class Envelope:
    to_address: str
    to_name: str
    message_id: str


def update_message(envelope: Envelope, prepared: PreparedUpdate, link: str, has_account: bool) -> OutgoingEmail:
    """Subject "Career update from <name>", text and HTML parts, update.json and a vCard 4.0."""
    document = prepared.document
    context = {"update": prepared, "document": document, "candidate": document["candidate"], "link": link,
               "link_text": "Open it in your Inbox" if has_account else "Claim your free inbox",
               "has_account": has_account, "recipient": envelope.to_name}
    body = _part(MIMEMultipart("alternative", boundary=_boundary()))
    body.attach(_part(MIMEText(render_template("email/update.txt", **context), "plain", UTF8_QP)))
    body.attach(_part(MIMEText(render_template("email/update.html", **context), "html", UTF8_QP)))
    boundary = _boundary()
    message = MIMEMultipart("mixed", boundary=boundary)
    message.attach(body)
    _address(message, envelope, prepared.subject)
    # the generator ends the multipart with its closing delimiter; the prepared parts go before it,
    # each after a delimiter, exactly as the generator would have written them
    head, closing = flatten(message), f"\r\n--{boundary}--\r\n".encode()
    if not head.endswith(closing):
        raise ValueError("the generator did not end the message with its closing delimiter")
    delimiter = f"\r\n--{boundary}\r\n".encode()
    return _outgoing(envelope, b"".join([head[:-len(closing)],
                                                  *(delimiter + part for part in prepared.attachments), closing]))


def _boundary() -> str:
    """A part boundary that cannot occur in the parts: quoted-printable writes "=" as "=3D" and base64
    has "==" only at its very end. Choosing it here spares the generator a scan of every part for it."""
    return f"==={uuid.uuid4().hex}=="


def _part(part: Message) -> Message:
    """A part inside a message: MIME-Version belongs to the message alone (RFC 2045)."""
    del part["MIME-Version"]
    return part


def _attachment(part: Message, filename: str) -> Message:
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return _part(part)


@lru_cache(maxsize=8)
def _sender(setting: str) -> tuple[str, str]:
    """The From header and the envelope sender for the MAIL_DEFAULT_SENDER setting."""
    name, address = parseaddr(setting)
    return formataddr((one_line(name), address), charset="utf-8"), address


def _address(message: Message, envelope: Envelope, subject: str) -> None:
    message["From"] = _sender(current_app.config["MAIL_DEFAULT_SENDER"])[0]
    message["To"] = formataddr((one_line(envelope.to_name), envelope.to_address), charset="utf-8")
    message["Subject"] = Header(one_line(subject), "utf-8")
    message["Message-ID"] = envelope.message_id
    message["Date"] = format_datetime(utcnow())
    message["Auto-Submitted"] = "auto-generated"


def message_email(envelope: Envelope, recruiter_name: str, body: str, link: str | None,
                  joining: bool = False) -> OutgoingEmail:
    """A recruiter's message as plain text: a link to reply, or (no account yet) to join linked to them."""
    text = render_template("email/message.txt", recruiter_name=recruiter_name, body=body, link=link,
                           joining=joining, recipient=envelope.to_name)
    return text_email(envelope, f"Message from {recruiter_name}", text)


def text_email(envelope: Envelope, subject: str, text: str) -> OutgoingEmail:
    """A plain-text email."""
    message = MIMEText(text, "plain", UTF8_QP)
    _address(message, envelope, subject)
    return _outgoing(envelope, flatten(message))


def _outgoing(envelope: Envelope, data: bytes) -> OutgoingEmail:
    return OutgoingEmail(_sender(current_app.config["MAIL_DEFAULT_SENDER"])[1], envelope.to_address,
                         envelope.message_id, data)

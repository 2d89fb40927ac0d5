"""Mail backends behind one small interface: SMTP for real delivery, files for a local setup.

A backend opens a connection once and sends many messages through it; ``send`` takes a
message already flattened for the wire (journal.outbox.emails.OutgoingEmail) and raises
DeliveryError, which says whether trying again later can help.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from pathlib import Path
from typing import Protocol

from flask import Flask


class DeliveryError(Exception):
    """Sending failed; ``permanent`` means retrying cannot help (a 5xx answer)."""

    def __init__(self, reason: str, permanent: bool):
        super().__init__(reason)
        self.reason = reason[:500]
        self.permanent = permanent


class Outgoing(Protocol):
    sender: str
    recipient: str
    message_id: str
    data: bytes


class Connection(Protocol):
    def send(self, message: Outgoing) -> None: ...
    def close(self) -> None: ...


class Backend(Protocol):
    def connect(self) -> Connection: ...


class FileBackend:
    """Writes each message as an .eml file, so a new user can read what the app sent."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def connect(self) -> "FileBackend":
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def send(self, message: Outgoing) -> None:
        name = message.message_id.strip("<>").replace("/", "_").replace("@", "_at_")
        target = self.directory / f"{name}.eml"
        partial = target.with_suffix(".part")
        partial.write_bytes(message.data)
        partial.replace(target)  # readers never see half a message

    def close(self) -> None:
        pass


class SMTPBackend:
    """SMTP with STARTTLS or implicit TLS and optional login, from the MAIL_* settings."""

    def __init__(
        self,
        host: str,
        port: int,
        username: str = "",
        password: str = "",
        use_tls: bool = False,
        use_ssl: bool = False,
        timeout: float = 10.0,
    ):
        self.host, self.port, self.timeout = host, port, timeout
        self.username, self.password = username, password
        self.use_tls, self.use_ssl = use_tls, use_ssl

    def connect(self) -> "SMTPConnection":
        return SMTPConnection(self)


class SMTPConnection:
    """One reused SMTP session; it reconnects on the next send after a dropped connection."""

    def __init__(self, backend: SMTPBackend):
        self.backend = backend
        self.client: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        b = self.backend
        if b.use_ssl:
            client = smtplib.SMTP_SSL(b.host, b.port, timeout=b.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(b.host, b.port, timeout=b.timeout)
            if b.use_tls:
                client.starttls(context=ssl.create_default_context())
        if b.username:
            client.login(b.username, b.password)
        return client

    def send(self, message: Outgoing) -> None:
        # an address beyond ASCII needs the server's SMTPUTF8, as smtplib's send_message would ask
        options = () if (message.sender + message.recipient).isascii() else ("SMTPUTF8", "BODY=8BITMIME")
        try:
            if self.client is None:
                self.client = self._open()
            refused = self.client.sendmail(message.sender, [message.recipient], message.data, options)
        except Exception as exc:
            if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                self._drop()  # the session is in an unknown state: start afresh next time
            raise classify(exc) from exc
        if refused:  # some recipients refused while others took it; we send to one address
            raise classify(smtplib.SMTPRecipientsRefused(refused))

    def _drop(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                client.close()
            except OSError:
                pass

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                pass
        self._drop()


def classify(exc: BaseException) -> DeliveryError:
    """Map an SMTP or network failure to a DeliveryError: 5xx is permanent, the rest temporary."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        return DeliveryError(f"{code} {_text(text)}", permanent=500 <= code < 600)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        # A settings problem, not the recipient's: keep retrying until someone fixes it.
        return DeliveryError(f"{exc.smtp_code} authentication failed: {_text(exc.smtp_error)}", permanent=False)
    if isinstance(exc, smtplib.SMTPResponseException):
        return DeliveryError(f"{exc.smtp_code} {_text(exc.smtp_error)}", permanent=500 <= exc.smtp_code < 600)
    if isinstance(exc, (socket.timeout, TimeoutError)) or "timed out" in str(exc):
        return DeliveryError("the mail server did not answer in time", permanent=False)
    if isinstance(exc, (smtplib.SMTPException, OSError)):
        return DeliveryError(f"connection problem: {exc}", permanent=False)
    raise exc


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def backend_for(app: Flask) -> Backend:
    """SMTP when MAIL_SERVER is set (or MAIL_BACKEND says so), else .eml files in instance/mail/."""
    config = app.config
    choice = config.get("MAIL_BACKEND") or ("smtp" if config.get("MAIL_SERVER") else "file")
    if choice == "file":
        return FileBackend(config.get("MAIL_FILE_DIR") or str(Path(app.instance_path) / "mail"))
    return SMTPBackend(
        config["MAIL_SERVER"],
        int(config.get("MAIL_PORT") or 25),
        config.get("MAIL_USERNAME") or "",
        config.get("MAIL_PASSWORD") or "",
        bool(config.get("MAIL_USE_TLS")),
        bool(config.get("MAIL_USE_SSL")),
        float(config.get("MAIL_TIMEOUT") or 10),
    )

"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), with scripted answers."""

from __future__ import annotations

import asyncio
import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """Accepts mail and keeps it; ``script`` holds answers for the next DATA commands.

    An answer is an SMTP reply such as "421 4.3.2 Try again later", or ("stall", seconds).
    """

    def __init__(self):
        self.messages = []
        self.raw: list[bytes] = []  # each message as it arrived
        self.script: list = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            action = self.script.pop(0) if self.script else None
        if isinstance(action, tuple) and action[0] == "stall":
            await asyncio.sleep(action[1])
            return "451 4.4.2 Too slow"
        if action:
            return action
        with self.lock:
            self.raw.append(envelope.content)
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 2.0.0 Message accepted"

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


class SMTPServer:
    def __init__(self):
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def config(self) -> dict:
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_TIMEOUT": 1}

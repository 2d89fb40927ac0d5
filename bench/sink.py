"""An SMTP server that accepts and forgets every message; prints its port, runs until stopped.

It answers the commands smtplib sends and looks for the end of the data in whole chunks
rather than line by line: the benchmark measures the outbox worker, and aiosmtpd (which
parses every line in Python) took as much CPU as the worker and capped the measurement at
~115 messages a second for 117 KB emails on this machine's two cores.
"""

import asyncio
import socket

END_OF_DATA = b"\r\n.\r\n"
REPLIES = {
    b"EHLO": b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
    b"HELO": b"250 sink\r\n",
    b"MAIL": b"250 2.1.0 OK\r\n",
    b"RCPT": b"250 2.1.5 OK\r\n",
    b"RSET": b"250 2.0.0 OK\r\n",
    b"NOOP": b"250 2.0.0 OK\r\n",
    b"DATA": b"354 End data with <CR><LF>.<CR><LF>\r\n",
    b"QUIT": b"221 2.0.0 Bye\r\n",
}


class Sink(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        self.in_data = False
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.in_data:
                # the end marker may straddle two chunks: keep the tail that could start it
                end = self.buffer.find(END_OF_DATA)
                if end < 0:
                    self.buffer = self.buffer[-(len(END_OF_DATA) - 1) :]
                    return
                self.buffer = self.buffer[end + len(END_OF_DATA) :]
                self.in_data = False
                self.transport.write(b"250 2.0.0 Accepted\r\n")
                continue
            line_end = self.buffer.find(b"\r\n")
            if line_end < 0:
                return
            line, self.buffer = self.buffer[:line_end], self.buffer[line_end + 2 :]
            verb = line[:4].upper()
            self.transport.write(REPLIES.get(verb, b"502 5.5.2 Command not recognized\r\n"))
            if verb == b"DATA":
                # the body's first line follows the DATA line; a message can be empty
                self.buffer = b"\r\n" + self.buffer
                self.in_data = True
            elif verb == b"QUIT":
                self.transport.close()
                return


async def serve() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = await asyncio.get_running_loop().create_server(Sink, "127.0.0.1", port)
    print(port, flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    asyncio.run(serve())


if __name__ == "__main__":
    main()

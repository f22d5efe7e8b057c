"""Small, deliberately odd servers for network-fault tests.

Each records every line it receives, so a test can prove, for example, that
no credential was ever sent to a server that offered no STARTTLS.
"""

from __future__ import annotations

import socket
import threading


class _LineServer:
    """A loopback server speaking CRLF lines: greets, records, answers each line."""

    greeting = b"* OK ready\r\n"

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port: int = self.sock.getsockname()[1]
        self.received: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def answer(self, conn: socket.socket, text: str) -> bool:
        """Reply to one line; False closes the connection."""
        raise NotImplementedError

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.sendall(self.greeting)
                self._lines(conn)

    def _lines(self, conn: socket.socket) -> None:
        buf = b""
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                return
            if not data:
                return
            buf += data
            while b"\r\n" in buf:
                line, buf = buf.split(b"\r\n", 1)
                text = line.decode(errors="replace")
                self.received.append(text)
                if not self.answer(conn, text):
                    return

    def close(self) -> None:
        self.sock.close()


class NoStarttlsServer(_LineServer):
    greeting = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN] plaintext only\r\n"

    def answer(self, conn: socket.socket, text: str) -> bool:
        tag, _, cmd = text.partition(" ")
        if cmd.upper().startswith("CAPABILITY"):
            conn.sendall(
                b"* CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN\r\n" + tag.encode() + b" OK done\r\n"
            )
        elif cmd.upper().startswith("LOGOUT"):
            conn.sendall(b"* BYE\r\n" + tag.encode() + b" OK bye\r\n")
        else:
            conn.sendall(tag.encode() + b" NO not here\r\n")
        return True


class FreezableProxy:
    """A loopback TCP proxy whose existing connections can go half-open.

    `freeze()` stops forwarding on every connection opened so far without
    closing anything (a dead NAT entry); connections opened later work.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port: int = self.sock.getsockname()[1]
        self.generation = 0
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            gen = self.generation
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b, gen), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, gen: int) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                return
            if not data:
                return
            if self.generation != gen:
                continue  # frozen: swallow everything, close nothing
            try:
                dst.sendall(data)
            except OSError:
                return

    def freeze(self) -> None:
        self.generation += 1

    def close(self) -> None:
        self.sock.close()


class XOAuth2Server(_LineServer):
    """Plaintext loopback IMAP that only knows AUTHENTICATE XOAUTH2."""

    greeting = b"* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] ready\r\n"

    def __init__(self, user: str, token: str) -> None:
        self.user, self.token = user, token
        self.waiting: str | None = None  # tag of an AUTHENTICATE awaiting its payload
        super().__init__()

    def _check(self, conn: socket.socket, tag: str, payload: str) -> None:
        import base64

        raw = base64.b64decode(payload).decode(errors="replace")
        ok = raw == f"user={self.user}\x01auth=Bearer {self.token}\x01\x01"
        reply = b" OK authenticated\r\n" if ok else b" NO [AUTHENTICATIONFAILED] bad token\r\n"
        conn.sendall(tag.encode() + reply)

    def answer(self, conn: socket.socket, text: str) -> bool:
        if self.waiting is not None:
            self._check(conn, self.waiting, text)
            self.waiting = None
            return True
        tag, _, cmd = text.partition(" ")
        upper = cmd.upper()
        if upper.startswith("CAPABILITY"):
            conn.sendall(
                b"* CAPABILITY IMAP4rev1 AUTH=XOAUTH2\r\n" + tag.encode() + b" OK done\r\n"
            )
        elif upper == "AUTHENTICATE XOAUTH2":
            self.waiting = tag
            conn.sendall(b"+ \r\n")
        elif upper.startswith("AUTHENTICATE XOAUTH2 "):
            self._check(conn, tag, cmd.split(" ", 2)[2])
        elif upper.startswith("LOGOUT"):
            conn.sendall(b"* BYE\r\n" + tag.encode() + b" OK bye\r\n")
            return False
        else:
            conn.sendall(tag.encode() + b" BAD unsupported\r\n")
        return True

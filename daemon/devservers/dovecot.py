"""A throwaway Dovecot instance on loopback, for tests that need real IMAP.

One server can hold many users (each test takes a fresh one, so mailboxes never
leak between tests). Users live in a passwd-file that Dovecot re-reads when it
changes. Mail is stored as Maildir under a temporary directory, owned by
`nobody` because Dovecot refuses mail uids below 500.

Traps this module avoids: Dovecot keeps the starter's stderr open, so it is
sent to a log file, never a pipe; `doveadm stop` takes ~2.5 s, so the master
runs in the foreground (`-F`) and is stopped with SIGTERM.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from daemon.devservers.net import (
    START_ATTEMPTS,
    ServerDidNotStart,
    free_port,
    self_signed_cert,
    terminate,
    wait_for_child,
    wait_port_closed,
)

NOBODY_UID = 65534
NOGROUP_GID = 65534
POOL_SIZE = 2000

_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 500
imap_idle_notify_interval = 2 mins
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
"""


def dovecot_binary() -> str | None:
    for candidate in ("dovecot", "/usr/sbin/dovecot"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@dataclass(frozen=True)
class User:
    name: str
    password: str


class Dovecot:
    """A running Dovecot master. Use `start()` / `stop()` or the pytest fixture."""

    def __init__(self, root: Path | None = None, extra_conf: str = "") -> None:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("dovecot is not installed (Debian package dovecot-imapd)")
        self.binary = binary
        self._own_root = root is None
        self.root = Path(root or tempfile.mkdtemp(prefix="debrief-dovecot-"))
        # Dovecot's unprivileged helpers must be able to traverse into base_dir.
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        (self.root / "home").mkdir(exist_ok=True)
        os.chmod(self.root / "home", 0o1777)
        self.cert, self.key = self_signed_cert(self.root)
        self.port = free_port()
        self.tls_port = free_port()
        self.conf = self.root / "dovecot.conf"
        self.extra_conf = extra_conf  # appended to the configuration (tests of server policies)
        self.passwd = self.root / "passwd"
        # The passwd-file is written once, before start: Dovecot re-reads it
        # only when a stat check says it changed, which can lag behind a write
        # made in the same second. A pool of users avoids that race.
        self._pool = [
            User(f"user{n}@test.example", f"pw-{n}-{secrets.token_hex(8)}")
            for n in range(1, POOL_SIZE + 1)
        ]
        self.passwd.write_text(
            "".join(f"{u.name}:{{PLAIN}}{u.password}::::::\n" for u in self._pool)
        )
        self._write_conf()
        self._proc: subprocess.Popen[bytes] | None = None
        self._started = False
        self._next_user = itertools.count()

    def _write_conf(self) -> None:
        self.conf.write_text(
            _CONF.format(
                root=self.root,
                cert=self.cert,
                key=self.key,
                uid=NOBODY_UID,
                gid=NOGROUP_GID,
                port=self.port,
                tls_port=self.tls_port,
            )
            + self.extra_conf
        )

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> None:
        """Start Dovecot. The first start tries again on fresh ports if one
        was taken in the meantime (a restart keeps its ports: clients know
        them). Raises ServerDidNotStart, with Dovecot's last log lines."""
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                self._start_once()
                self._started = True
                return
            except ServerDidNotStart as e:
                if self._started or attempt == START_ATTEMPTS:
                    raise ServerDidNotStart(f"dovecot did not start: {e}") from None
                self.port, self.tls_port = free_port(), free_port()
                self._write_conf()

    def _start_once(self) -> None:
        log = open(self.root / "dovecot.stderr", "ab")  # noqa: SIM115 - owned by the child
        self._proc = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.conf)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        try:
            wait_for_child(self._proc, [self.port, self.tls_port], self.root / "dovecot.log")
        except ServerDidNotStart:
            self._proc = None
            raise

    def stop(self) -> None:
        if self._proc is None:
            return
        terminate(self._proc)
        self._proc = None
        for port in (self.port, self.tls_port):
            wait_port_closed(port)

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    # -- users and administration ------------------------------------------

    def add_user(self) -> User:
        """A user nobody else has used in this server's lifetime (empty mailbox)."""
        return self._pool[next(self._next_user)]

    def doveadm(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `doveadm -c CONF ...` (kick, mailbox update, ...); raises on failure."""
        return subprocess.run(
            ["doveadm", "-c", str(self.conf), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )

    def kick(self, user: User) -> bool:
        """Close every IMAP connection of `user` from the server side.

        False when the user had no connection to close (doveadm exits 68).
        """
        try:
            self.doveadm("kick", user.name)
        except subprocess.CalledProcessError as e:
            if e.returncode == 68:
                return False
            raise
        return True

    def maildir(self, user: User) -> Path:
        return self.root / "home" / user.name / "Maildir"

    def log_text(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

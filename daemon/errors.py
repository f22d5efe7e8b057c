"""Exit statuses and the exception types that carry them to `main()`.

The statuses follow sysexits(3) so that systemd units can list the ones that
must not trigger a restart loop (`RestartPreventExitStatus=`).
"""

from __future__ import annotations

EX_OK = 0
EX_FAILURE = 1
EX_USAGE = 64
EX_DATAERR = 65
EX_NOINPUT = 66
EX_UNAVAILABLE = 69
EX_SOFTWARE = 70
EX_TEMPFAIL = 75
EX_NOPERM = 77
EX_CONFIG = 78


class DebriefError(Exception):
    """An error with a one-line, user-facing message and an exit status."""

    exit_status = EX_FAILURE


class UsageError(DebriefError):
    """The command line is incomplete or contradictory."""

    exit_status = EX_USAGE


class ConfigError(DebriefError):
    """The configuration (or a rule file) is invalid: file, table, key and problem."""

    exit_status = EX_CONFIG

    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file = file
        self.where = where
        self.problem = problem
        location = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(f"{location}{problem}")


class SecretError(DebriefError):
    """A password could not be obtained (the message never contains the secret)."""

    exit_status = EX_CONFIG


class AuthError(DebriefError):
    """The server refused our credentials; retrying would only lock the account."""

    exit_status = EX_NOPERM


class ClockError(DebriefError):
    """This machine's clock cannot be trusted (daemon/clock.py): try later."""

    exit_status = EX_TEMPFAIL

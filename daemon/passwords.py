"""Resolving passwords without ever letting them leak.

Contract:
- `Secret` hides its value from `repr()`, `str()` and f-strings; only
  `.reveal()` returns it, and only network adapters call that.
- `resolve()` tries, in order: the configured source (`password`,
  `password_file`, `password_command`), then the systemd credential
  `$CREDENTIALS_DIRECTORY/<credential>`. Errors name the config file and key
  but never include the secret, the command's output or its stderr (a failing
  password manager may print partial secrets there).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from daemon.config import SecretSource
from daemon.errors import SecretError


class Secret:
    """A string that refuses to be printed."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __bool__(self) -> bool:
        return bool(self._value)


def _strip_newline(text: str) -> str:
    # Like mbsync's PassCmd: the first line is the password, trailing newline dropped.
    return text.split("\n", 1)[0].rstrip("\r")


def resolve(
    source: SecretSource,
    *,
    file: str,
    table: str,
    credential: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> Secret | None:
    """Return the secret, None when nothing is configured, or raise `SecretError`."""
    env = os.environ if env is None else env
    where = f"{file}: [{table}]"
    if source.kind == "password":
        return Secret(source.value)
    if source.kind == "file":
        try:
            return Secret(_strip_newline(Path(source.value).read_text(encoding="utf-8")))
        except OSError as e:
            raise SecretError(
                f"{where} password_file: cannot read {source.value}: {e.strerror}"
            ) from None
    if source.kind == "command":
        try:
            done = subprocess.run(
                source.value,
                shell=True,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SecretError(f"{where} password_command: timed out after {timeout:g} s") from None
        if done.returncode != 0:
            raise SecretError(f"{where} password_command: exited with status {done.returncode}")
        value = _strip_newline(done.stdout.decode("utf-8", "replace"))
        if not value:
            raise SecretError(f"{where} password_command: printed nothing")
        return Secret(value)
    cred_dir = env.get("CREDENTIALS_DIRECTORY")
    if cred_dir:
        path = Path(cred_dir) / credential
        if path.exists():
            try:
                return Secret(_strip_newline(path.read_text(encoding="utf-8")))
            except OSError as e:
                raise SecretError(
                    f"{where}: cannot read systemd credential {credential}: {e.strerror}"
                ) from None
    return None

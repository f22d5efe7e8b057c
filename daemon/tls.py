"""One TLS policy for both network adapters: verified certificates, TLS >= 1.2."""

from __future__ import annotations

import ssl


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """System CAs (or `ca_file` for a private CA); hostname checks stay on."""
    ctx = ssl.create_default_context(cafile=ca_file)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx

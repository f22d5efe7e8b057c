"""Approval from each real mail client, end to end (Dovecot and aiosmtpd).

Every reply shape tests/clients.py builds (Gmail, Outlook desktop / web /
HTML-only in six languages and without In-Reply-To, Apple Mail flowed and
current, iOS, Thunderbird with and without HTML) answers a real digest with
an edit and two approvals. Each must approve exactly what was typed, and
the edited follow-up must go out as the user wrote it (paragraphs kept, no
client wrapping), once. Each starts from the `world` fixture (conftest.py):
Mia Lind's rejection read once, a draft to Mia and one to Omar Lee.
"""

from __future__ import annotations

import pytest

from tests import trust
from tests.clients import CLIENTS
from tests.world import World, send_digest

EDITED = (
    "Hi Omar,\n"
    "\n"
    "Thank you for the conversation about the design system last week; I learned a lot "
    "about how the team reviews work, and I would be grateful for any feedback you can share.\n"
    "\n"
    "Best regards,\n"
    "Alex\n"
)


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_each_client_approves_exactly_what_was_typed(world: World, client: str) -> None:
    send_digest(world)
    drafts = world.drafts()
    mia, omar = drafts["mia.lind@fernbrook.example"], drafts["omar.lee@fernbrook.example"]
    typed = f"edit {omar['id']}\n{EDITED}end\napprove {omar['id']}\napprove {mia['id']}"
    world.append(CLIENTS[client](typed, world.digests()[-1].data))
    assert world.run() == 0
    assert world.run() == 0
    sent = {m.rcpt_tos[0]: m.message for m in world.followups()}  # type: ignore[attr-defined]
    assert sorted(sent) == ["mia.lind@fernbrook.example", "omar.lee@fernbrook.example"]
    assert sent["omar.lee@fernbrook.example"].get_content().replace("\r\n", "\n") == EDITED
    trust.add(runs=2, inputs_tried=1, unapproved_sends=0)

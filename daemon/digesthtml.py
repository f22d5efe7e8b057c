"""The digest's HTML part: each draft as a card, with one-tap links. Pure.

The plain-text part stays the source of truth for what was shown (its
items are what a reply approves); this part shows the same drafts, so that
approving from a phone is one tap and Send: each card's links are `mailto:`
URLs that open a new mail to the user with the digest's token in the
subject and the command in the body, which debrief accepts without
In-Reply-To (daemon/replies.py).

Everything that came from mail (names, company, position, evidence, text)
is shown visibly escaped (display.py) and then HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import quote
from zoneinfo import ZoneInfo

from daemon.display import visible
from daemon.drafts import Draft


def command_link(to: str, token: str, command: str) -> str:
    """A mailto: URL for a new mail that carries `command` to the digest."""
    subject = quote(f"{command} [debrief:{token}]")
    body = quote(f"{command}\n")
    return f"mailto:{quote(to, safe='@')}?subject={subject}&body={body}"


def _e(value: str) -> str:
    return html.escape(visible(value), quote=True)


def _button(href: str, label: str, colour: str) -> str:
    return (
        f'<a href="{html.escape(href, quote=True)}" style="display:inline-block;padding:8px 14px;'
        f"margin:4px 8px 4px 0;border-radius:6px;background:{colour};color:#fff;"
        f'text-decoration:none;font-weight:600">{label}</a>'
    )


def render(
    drafts: Sequence[Draft],
    explanations: dict[int, str],
    because: dict[int, str],
    news: Sequence[str],
    *,
    more: int,
    token: str,
    to: str,
    tz: ZoneInfo,
    how_to: str,
) -> str:
    """The HTML document for these drafts and lines of news."""
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"></head>'
        '<body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;max-width:720px;'
        'margin:auto;padding:12px;color:#222">',
        f'<h2 style="margin:8px 0">{len(drafts) + more} '
        f"{'follow-up awaits' if len(drafts) + more == 1 else 'follow-ups await'} "
        "your decision</h2>",
        "<p>Tap a button: it opens a mail to you with the command in it; press Send. "
        "Or reply to this mail with commands, one per line.</p>",
    ]
    if drafts:
        out.append(_button(command_link(to, token, "approve all"), "Approve all shown", "#1a7f37"))
    if more:
        out.append(
            f"<p><b>{len(drafts)} of {len(drafts) + more}</b> drafts are shown; "
            "<code>debrief queue list</code> shows all, the next digest the rest.</p>"
        )
    for d in drafts:
        recipient = f"{d.recipient_name} <{d.recipient}>" if d.recipient_name else d.recipient
        flag = {"in_doubt": " (IN DOUBT: may already have been sent)", "failed": " (FAILED)"}
        out += [
            '<div style="border:1px solid #ddd;border-radius:8px;padding:12px;margin:14px 0">',
            f'<div style="font-size:1.1em;font-weight:600">{d.id}: {_e(d.company or "?")} / '
            f"{_e(d.position or '?')}{html.escape(flag.get(d.state, ''))}</div>",
            f"<div><b>To:</b> {_e(recipient)}</div>",
            f"<div><b>Because:</b> {_e(because.get(d.id) or '?')}</div>",
            f"<div><b>Planned:</b> {d.due_at.astimezone(tz):%a %d %b %Y %H:%M %Z}</div>",
            f'<div style="color:#666"><b>Why a rejection:</b> '
            f"{_e(explanations.get(d.detection_id, '')[:400])}</div>",
            f"<div><b>Subject:</b> {_e(d.subject)}</div>",
            '<div style="white-space:pre-wrap;background:#f6f8fa;border-radius:6px;'
            f'padding:10px;margin:8px 0">{html.escape(visible(d.body.rstrip(), newlines=True))}'
            "</div>",
            _button(command_link(to, token, f"approve {d.id}"), f"Approve {d.id}", "#1a7f37"),
            _button(command_link(to, token, f"skip {d.id}"), f"Skip {d.id}", "#6e7781"),
            _button(command_link(to, token, f"snooze {d.id} 3d"), "Snooze 3 days", "#6e7781"),
            "</div>",
        ]
    if news:
        out.append("<h3>Since the last digest</h3><ul>")
        out += [f"<li>{html.escape(line)}</li>" for line in news]
        out.append("</ul>")
    out.append(f'<pre style="color:#666;white-space:pre-wrap">{html.escape(how_to)}</pre>')
    out.append("</body></html>")
    return "\n".join(out)

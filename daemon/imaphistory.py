"""History over IMAP: the `HistorySource` the service and `scan imap:` use.

Contract: `lookup()` returns a superset of the messages extraction can accept
(same domains by suffix, the company name in the subject or names, the
thread), from the watched folders and the Sent folder; it only reads
(EXAMINE, SEARCH, BODY.PEEK). Messages the run has read or indexed are
answered from a compact local index, everything else by server SEARCH.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from daemon.history import IndexEntry, LocalHistory, MessageIndex, Query, header_entry
from daemon.imap import ImapMailbox
from daemon.message import Message, parse

# What the history index reads: (folder, [(uid, index entry)], whether the
# folder is read whole: every message in it is in this chunk or its others).
HeaderChunk = tuple[str, list[tuple[int, IndexEntry]], bool]

log = logging.getLogger(__name__)

THREAD_IDS = 8  # nearest ancestors searched for by Message-ID
HISTORY_LIMIT = 500  # newest candidate messages per folder per history lookup
SEEN_LIMIT = 100_000  # messages of this run kept in the local history index
CACHE_LIMIT = 1000  # parsed messages kept for history answers (about 9 KB each)
# Answers to lookups kept: they hold parsed messages too (beyond the cache's).
ANSWERS_KEPT = 200


class ImapHistory:
    """HistorySource over IMAP: the watched folders and the Sent folder.

    Two sources answer a lookup together:
    - the messages this run has already processed (`remember()`), through a
      compact local index (`MessageIndex`: no bodies), and
    - a server SEARCH over every *other* message (`NOT UID <processed>`).
    A first run over a big mailbox thus does not ask the server, for every
    rejection, to test every message it has just read itself.

    `prefetch()` answers the lookups a whole batch will make with one SEARCH
    per folder; later lookups among those queries are answered from a
    `LocalHistory` over the candidates. Both local indexes keep every message
    extraction can accept (same domains by suffix, the company name in the
    subject or names, the thread), so answers stay a superset of its needs.
    """

    def __init__(self, mailbox: ImapMailbox, folders: Sequence[str]) -> None:
        self.mailbox = mailbox
        self.folders = list(dict.fromkeys(folders))
        self._cache: dict[tuple[str, int], Message] = {}
        self._memo: dict[Query, list[Message]] = {}
        self._local: LocalHistory | None = None
        self._covered: set[Query] = set()
        self._seen = MessageIndex()
        self._seen_at: list[tuple[str, int]] = []  # index entry -> (folder, uid)
        self._seen_uids: dict[str, set[int]] = {}
        # Folders whose every message is in the local index (`index_folders`):
        # a lookup needs no SEARCH there. Only mail that arrived after the index
        # was read is missed, and it is dated after any rejection this run
        # judges, which extraction would not accept as history anyway.
        self._complete: set[str] = set()
        # The "NOT UID" set of each folder's seen messages, with the count it
        # was made from (the sets only grow): made again only when it changed.
        self._unseen_prefix: dict[str, tuple[int, list[str]]] = {}
        self.searches = 0  # folder searches made (each one SEARCH or more), for tests

    def remember(self, folder: str, uid: int, msg: Message) -> None:
        """A message this run fetched and parsed: never fetched or searched for again."""
        self._keep(folder, uid, msg)
        # An invitation indexed from its headers is indexed again in full:
        # its calendar attendees (the panel) are found by their domain too.
        self.index(folder, uid, msg, again=bool(msg.events))

    def index(self, folder: str, uid: int, msg: Message | IndexEntry, again: bool = False) -> None:
        """Answer lookups for this message locally from now on (`msg` may be
        its headers only, or their index entry: it is fetched in full when a
        lookup needs it)."""
        uids = self._seen_uids.setdefault(folder, set())
        if (again or uid not in uids) and len(self._seen) < SEEN_LIMIT:
            uids.add(uid)
            self._seen.add(msg)
            self._seen_at.append((folder, uid))

    def _keep(self, folder: str, uid: int, msg: Message) -> None:
        """Cache a parsed message; over CACHE_LIMIT the older half is dropped
        (memory stays bounded however long the run, recent mail stays)."""
        self._cache[(folder, uid)] = msg
        if len(self._cache) > CACHE_LIMIT:
            for key in list(itertools.islice(self._cache, CACHE_LIMIT // 2)):
                del self._cache[key]

    def _not_seen(self, folder: str) -> list[str]:
        """SEARCH keys leaving out the messages of `folder` this run has seen
        (none when there are none, or too many ranges)."""
        uids = self._seen_uids.get(folder, set())
        made = self._unseen_prefix.get(folder)
        if made is None or made[0] != len(uids):
            # Over a big mailbox the set holds 100,000 UIDs: working it out
            # every batch made a long first run quadratic.
            seen = _uid_set(uids)
            made = self._unseen_prefix[folder] = (len(uids), ["NOT", "UID", seen] if seen else [])
        return made[1]

    def _open(self, folder: str) -> bool:
        return open_folder(self.mailbox, folder)

    def room(self) -> int:
        """How many more messages the local index takes."""
        return max(0, SEEN_LIMIT - len(self._seen))

    def index_folders(
        self,
        progress: Callable[[str, int], None] | None = None,
        source: Iterable[HeaderChunk] | None = None,
    ) -> int:
        """Index the headers of every message in every folder (the newest
        `room()` in all): afterwards a lookup asks the server only about mail
        that arrived since. Worth it before a long first run; returns how many
        messages were indexed. `source` gives the chunks `read_headers` makes,
        read elsewhere (a worker process); without it they are read here. A
        folder read whole needs no SEARCH from then on; one cut short by the
        limit (and those after it, not read) still does."""
        done = 0
        counts: dict[str, int] = {}
        whole: set[str] = set()
        for folder, chunk, is_whole in source if source is not None else self._read_headers():
            for uid, msg in chunk:
                self.index(folder, uid, msg)
            done += len(chunk)
            counts[folder] = counts.get(folder, 0) + len(chunk)
            if is_whole:
                whole.add(folder)
        self._complete.update(whole)
        if progress is not None:
            for folder, n in counts.items():
                progress(folder, n)
        return done

    def _read_headers(self) -> Iterator[HeaderChunk]:
        return read_headers(self.mailbox, self.folders, self.room())

    def prefetch(self, queries: Iterable[Query]) -> None:
        """Prepare answers for `queries` with one SEARCH (per folder) for all."""
        self._local, self._covered = None, set()
        todo = [q for q in dict.fromkeys(queries) if q not in self._memo]
        if not todo:
            return
        self._local = LocalHistory(self._collect(todo, HISTORY_LIMIT * len(todo)))
        self._covered = set(todo)

    def lookup(
        self, domains: Sequence[str], company: str | None, message_ids: Sequence[str]
    ) -> list[Message]:
        memo_key = (tuple(domains), company, tuple(message_ids))
        if memo_key in self._memo:
            return self._memo[memo_key]
        if memo_key in self._covered and self._local is not None:
            found = self._local.lookup(domains, company, message_ids)
        else:
            found = self._collect([memo_key], HISTORY_LIMIT)
        if len(self._memo) >= ANSWERS_KEPT:
            self._memo.clear()
        self._memo[memo_key] = found
        return found

    def _collect(self, queries: Sequence[Query], limit: int) -> list[Message]:
        """Messages any query asks for, at most the `limit` newest per folder."""
        criteria = [c for q in queries for c in _related_criteria(*q)]
        if not criteria:
            return []
        known: dict[str, set[int]] = {}
        for q in queries:
            for i in self._seen.positions(*q):
                folder, uid = self._seen_at[i]
                known.setdefault(folder, set()).add(uid)
        found: list[Message] = []
        for folder in self.folders:
            found_here = known.get(folder, set())
            if folder in self._complete:
                opened = False  # EXAMINE only if something must be fetched
            elif self._open(folder):
                opened = True
                prefix = self._not_seen(folder)
                found_here = found_here | set(self.mailbox.search_any(criteria, prefix=prefix))
                self.searches += 1
            else:
                continue
            uids = sorted(found_here)
            if len(uids) > limit:
                # A domain with thousands of messages (an ATS, a job board)
                # must not make every lookup fetch them all: keep the newest.
                log.debug("history: %d candidates in %s, newest %d kept", len(uids), folder, limit)
                uids = uids[-limit:]
            here = {u: m for u in uids if (m := self._cache.get((folder, u))) is not None}
            missing = [u for u in uids if u not in here]
            if missing and not opened and not self._open(folder):
                continue
            for uid, raw in self.mailbox.fetch_slim(missing):
                here[uid] = parse(raw)
                self._keep(folder, uid, here[uid])
            found.extend(here[u] for u in uids if u in here)
        return found


def open_folder(box: ImapMailbox, folder: str) -> bool:
    """EXAMINE `folder`; False when the server refuses it (it is skipped). A
    broken connection raises: a history missing a folder must not be judged on."""
    try:
        box.examine(folder)
    except IMAPClientAbortError:
        raise
    except IMAPClientError:
        log.warning("history: cannot open folder %s", folder)
        return False
    return True


def read_headers(
    box: ImapMailbox, folders: Sequence[str], room: int, chunk: int = 500
) -> Iterator[HeaderChunk]:
    """(folder, [(uid, index entry of its headers)], read whole) for the
    newest `room` messages of `folders` in all, in chunks; every folder read
    yields at least one chunk (maybe empty), and says in each whether all its
    messages are in (False for the folder the limit cut short). What the
    history index holds, read here or in a worker (entries are small to send)."""
    for folder in folders:
        if room <= 0:
            return
        if not open_folder(box, folder):
            continue
        every = box.uids_all()
        uids = every[-room:]
        room -= len(uids)
        whole = len(uids) == len(every)
        done: list[tuple[int, IndexEntry]] = []
        for uid, header in box.fetch_headers(uids):
            done.append((uid, header_entry(header)))
            if len(done) == chunk:
                yield folder, done, whole
                done = []
        yield folder, done, whole


def _uid_set(uids: set[int], max_ranges: int = 500) -> str:
    """An IMAP sequence set ("1:40,45,50:61") for `uids`; "" when empty or too
    fragmented to be worth sending (then nothing is excluded: still correct)."""
    runs: list[list[int]] = []
    for u in sorted(uids):
        if runs and u == runs[-1][1] + 1:
            runs[-1][1] = u
        else:
            runs.append([u, u])
    if len(runs) > max_ranges:
        return ""
    return ",".join(f"{a}:{b}" if b > a else str(a) for a, b in runs)


def _related_criteria(
    domains: Sequence[str], company: str | None, message_ids: Sequence[str]
) -> list[list[str]]:
    """SEARCH keys for mail at those domains, naming the company, or in the thread."""
    criteria: list[list[str]] = []
    for d in domains:
        criteria += [["FROM", d], ["TO", d], ["CC", d]]
    # Every criterion costs the server a test on every message, so the thread
    # is reached through its closest ids: replies to the message itself, and
    # its nearest ancestors (the callers' ids start with the message's own
    # key; References run oldest first). Mail at the employer's domains is
    # found by the domain keys whatever its place in the thread.
    ids = list(dict.fromkeys(message_ids))
    if ids:
        criteria += [["HEADER", "References", ids[0]], ["HEADER", "Message-ID", ids[0]]]
        criteria += [["HEADER", "Message-ID", mid] for mid in ids[1:][-THREAD_IDS:]]
    if company and len(company) >= 3:
        criteria += [["SUBJECT", company], ["FROM", company], ["TO", company]]
    return criteria

"""What each acceleration buys: the benchmarks again with one of them switched off.

    python benchmarks/ablation.py [--passes 3] [--detect-passes 5] [--messages 6000]
                                  [--attachment-kb 40] [--detect-messages 5000]
                                  [--only NAME,...] [--no-first-run] [--no-detect]
                                  [--json FILE]

Each acceleration (issue #18) is replaced by its plain implementation, the
one the differential tests compare it with, everything else unchanged, and
the benchmarks are run again; the variant "none" (nothing switched off) is
today's code, with every acceleration:

- detection: `benchmarks/detect.py --rounds 1` (parse, then index + classify +
  extract; CPU time of one core), the best of `--detect-passes` runs of each
  stage, the variants taking turns (in an order rotated every pass);
- first run: `debrief run --once` over a fresh state against a real Dovecot
  (STARTTLS; every message carries one PDF of `--attachment-kb`): wall time,
  CPU time of debrief's processes (the service and its fetch workers: the
  service's own is the rest once its workers' are taken out) and of Dovecot,
  and the peak of their summed RSS. In each of `--passes` passes every
  variant runs next to a run of "none" (which goes first alternates): the
  host's speed drifts within minutes, so a variant's share is worked out
  from the median ratio to its neighbours. A plain imapclient full fetch
  (BODY.PEEK[], imaplib's trace on: benchmarks/service.py's baseline) is
  timed in every pass.

Nothing under daemon/ changes: each switch is a monkeypatch applied, through
a `sitecustomize` this script puts on PYTHONPATH, when its module is first
imported in the processes the benchmarks start (the service, its worker
children, detect.py), so names other modules import with `from x import y`
are the plain ones too. Every variant must find what "none" finds
(rejections in detection, detections recorded in the first run): the table
says when one does not. The code measured is the working tree this script is
in: run it from a clean checkout (`git archive HEAD`) while others edit.

Share = 1 - figure with / figure without, for times: the part of the plain
version's time the acceleration saves, which is the part of the benchmark's
throughput lost without it. Negative: it costs more than it saves. On a
shared host differences of a few per cent are noise: compare with the spread
of "none" over the passes, printed with the table.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any, NamedTuple

# -- the switches: run in the benchmark's processes, never in this one ------------
#
# This part of the module is imported by the sitecustomize in every process
# the benchmarks start: it imports nothing heavy at the top.


class _Forget(dict):  # type: ignore[type-arg]
    """A memo that keeps nothing (`d[k] = v` does nothing; lookups miss)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _after_init(cls: type, fix: Callable[[Any], None]) -> None:
    init = cls.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        fix(self)

    cls.__init__ = __init__  # type: ignore[misc]


def _mime_stdlib(m: ModuleType) -> None:  # daemon.message
    m.fast_tree = lambda raw: None  # as tests/test_mime.py's reference: the stdlib parser


def _imapclient_parser(m: ModuleType) -> None:  # daemon.imapwire
    from imapclient.response_parser import parse_response
    from imapclient.response_types import BodyData

    def parse_structure(text: bytes) -> Any:
        try:
            values = parse_response([text])
        except Exception:
            return None
        if len(values) != 1 or not isinstance(values[0], tuple) or not values[0]:
            return None
        return BodyData.create(values[0])

    m.parse_fetch = lambda data: None  # fetch() then uses parse_fetch_response
    m.parse_structure = parse_structure


def _no_slim_plans(m: ModuleType) -> None:  # daemon.imap
    m.read_meta = lambda data: None  # the structure's answer read by parse_fetch, plan walked


def _no_speculation(m: ModuleType) -> None:  # daemon.imap
    # What a server that refuses part 1 with the structure gets: structure and
    # header, then the planned parts (read_meta is only used with speculation).
    _after_init(m.ImapMailbox, lambda box: setattr(box, "speculate", False))


def _in_process(m: ModuleType) -> None:  # daemon.sync
    m.PARALLEL_FROM = 10**12  # no worker: fetch, parse, match and index in the service


def _reference_rules(m: ModuleType) -> None:  # daemon.rules.ruleset
    def evaluate(self: Any, fields: Any, headers: Any = None) -> Any:
        from daemon.rules import reference

        return reference.evaluate(self.rules, fields, headers)

    m.RuleSet.evaluate = evaluate


def _plain_alternation(m: ModuleType) -> None:  # daemon.matching
    import re

    def trie_pattern(words: Any) -> str:
        # tests/test_matching.py's reference: longest first, so the first
        # alternative that matches at a position is the longest word there.
        found = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        return "|".join(re.escape(w) for w in found)

    m.trie_pattern = trie_pattern


def _no_required_literals(m: ModuleType) -> None:  # daemon.rules.load
    m.required_literals = lambda pattern: None  # no regex prefilter: every regex runs


def _no_regex_plan(m: ModuleType) -> None:  # daemon.rules.ruleset
    from daemon.rules.model import clauses

    def plan(self: Any) -> None:  # every regex of a clause that passed its prefilter runs
        self._regex_plan = {
            c.needles: ({}, list(range(len(c.regex)))) for r in self.rules for c in clauses(r)
        }

    m.RuleSet._plan_regexes = plan


def _model_uncached(m: ModuleType) -> None:  # daemon.rules.model
    # The memo of answers only: _any_glob and _frozen build each pattern set's
    # regex and set once, as loading it would (without them every address
    # would run fnmatch.translate over every pattern again).
    m._local_cache = m._local_cache.__wrapped__


def _no_history_cache(m: ModuleType) -> None:  # daemon.imaphistory
    m.ImapHistory._keep = lambda self, folder, uid, msg: None  # candidates fetched again


def _no_history_answers(m: ModuleType) -> None:  # daemon.imaphistory
    _after_init(m.ImapHistory, lambda history: setattr(history, "_memo", _Forget()))


def _stdlib_headers(m: ModuleType) -> None:  # daemon.message
    m.header_text = m.decode  # every header through decode()
    m._simple_pairs = lambda raw: None  # every address header through getaddresses()


def _stdlib_content_type(m: ModuleType) -> None:  # daemon.message
    def content_type(part: Any) -> tuple[str, str]:
        raw = part.get("Content-Type")
        return part.get_content_type(), "" if raw is None else str(raw)

    m._content_type = content_type
    m._charset = lambda part: part.get_content_charset()


Patches = dict[str, tuple[Callable[[ModuleType], None], ...]]
# (file, names, regex): the definitions `names` in `file` ("*": the whole file,
# "-name": less that one; "Class.method"), and its lines matching `regex`.
Where = tuple[str, tuple[str, ...], str]


class Ablation(NamedTuple):
    title: str
    patches: Patches
    where: tuple[Where, ...]
    detect: bool  # does detect.py run the code at all
    note: str = ""
    summary: str = ""  # what the "where" column says instead of the list


_FETCH: dict[str, Where] = {
    "imapwire": (
        "daemon/imapwire.py",
        (
            *("_WORD", "_SECTION", "_ATOM", "_TOKENS", "_ESCAPED", "_CONVERTED", "_Unusual"),
            *("parse_fetch", "parse_structure", "_values", "_literal"),
        ),
        r"parsed = parse_fetch\(",
    ),
    "slimfetch": (
        "daemon/slimfetch.py",
        (
            *("SHAPES_KEPT", "_FIRST", "_MIME", "_PART", "_BOUNDARY", "_NONZERO"),
            *("Planned", "_plans", "shape", "planned", "read_meta"),
        ),
        r"Planned\)",
    ),
    "speculate": ("daemon/imap.py", ("SPECULATE", "_META", "_speculated"), r"speculat"),
}

ABLATIONS: dict[str, Ablation] = {
    "none": Ablation("nothing switched off (today's code)", {}, (), True),
    "mime": Ablation(
        "(a) MIME fast path -> stdlib email parser",
        {"daemon.message": (_mime_stdlib,)},
        (("daemon/mime.py", ("*", "-content_type"), ""), ("daemon/message.py", (), r"\bfast\b")),
        True,
    ),
    "header-shortcuts": Ablation(
        "(a') header and address shortcuts -> decode() and getaddresses() for all",
        {"daemon.message": (_stdlib_headers,)},
        (
            (
                "daemon/message.py",
                ("header_text", "_ATOMS", "_SIMPLE_ITEM", "_NOT_SIMPLE", "_simple_pairs"),
                "",
            ),
        ),
        True,
    ),
    "ctype-shortcuts": Ablation(
        "(a'') Content-Type/charset shortcuts -> the stdlib's parameter parser",
        {"daemon.message": (_stdlib_content_type,)},
        (
            ("daemon/message.py", ("_content_type", "_charset", "_CHARSET"), ""),
            ("daemon/mime.py", ("content_type",), ""),
        ),
        True,
    ),
    "imapwire": Ablation(
        "(b) IMAP wire parser -> imapclient's parser",
        {"daemon.imapwire": (_imapclient_parser,)},
        (_FETCH["imapwire"],),
        False,
        "structures for the slim plans parsed with imapclient's parse_response too",
    ),
    "slimfetch": Ablation(
        "(c) slim-fetch plans per shape + read_meta -> general parse, plan walked",
        {"daemon.imap": (_no_slim_plans,)},
        (_FETCH["slimfetch"],),
        False,
    ),
    "speculate": Ablation(
        "(c') part 1 asked with the structure -> structure+header, then the parts",
        {"daemon.imap": (_no_speculation,)},
        (_FETCH["speculate"],),
        False,
        "read_meta is only used with it, so this also switches (c) off",
    ),
    "fetch-plain": Ablation(
        "(b)+(c)+(c') together: a plain imapclient fetch of what is needed",
        {
            "daemon.imapwire": (_imapclient_parser,),
            "daemon.imap": (_no_speculation, _no_slim_plans),
        },
        tuple(_FETCH.values()),
        False,
        summary="the lines of (b), (c) and (c')",
    ),
    "workers": Ablation(
        "(d) prefetch worker processes -> all in the service process",
        {"daemon.sync": (_in_process,)},
        (
            ("daemon/prefetch.py", ("*",), ""),
            ("daemon/sync.py", ("FolderSync._batches",), r"workers|PARALLEL_FROM|\bfeed\b"),
            ("daemon/commands/running.py", (), r"prefetch|workers"),
        ),
        False,
    ),
    "rules-reference": Ablation(
        "(e) fast rule evaluator (tries, one scan, prefilters, plans) -> rules/reference.py",
        {"daemon.rules.ruleset": (_reference_rules,)},
        (
            (
                "daemon/rules/ruleset.py",
                (
                    *("RuleSet.__post_init__", "RuleSet._plan_regexes"),
                    *("RuleSet.scan_text_fields", "RuleSet.evaluate"),
                ),
                "",
            ),
            (
                "daemon/matching.py",
                (
                    *("_TrieIndex", "PhraseIndex", "NeedleIndex", "TextIndex", "trie_pattern"),
                    *("MAX_SPELLINGS", "required_literals"),
                ),
                "",
            ),
            ("daemon/rules/load.py", (), r"needles|prefilter|required_literals"),
        ),
        True,
    ),
    "trie": Ablation(
        "(e') trie-shaped alternation -> plain longest-first alternation",
        {"daemon.matching": (_plain_alternation,)},
        (("daemon/matching.py", ("trie_pattern",), ""),),
        True,
    ),
    "required-literals": Ablation(
        "(e''') regex literal prefilter (re._parser) -> every regex runs",
        {"daemon.rules.load": (_no_required_literals,)},
        (
            ("daemon/matching.py", ("required_literals", "MAX_SPELLINGS"), ""),
            ("daemon/rules/load.py", (), r"needles|prefilter|required_literals"),
        ),
        True,
        "what a guarded fallback costs when re._parser is unavailable",
    ),
    "regex-plan": Ablation(
        "(e'''') regex plan per clause -> all regexes of a clause",
        {"daemon.rules.ruleset": (_no_regex_plan,)},
        (
            (
                "daemon/rules/ruleset.py",
                ("RuleSet._plan_regexes",),
                r"_regex_plan|by_needle|unfiltered",
            ),
        ),
        True,
    ),
    "model-lru": Ablation(
        "(f'''') lru_cache of sender glob answers (rules/model.py) -> uncached",
        {"daemon.rules.model": (_model_uncached,)},
        (("daemon/rules/model.py", ("_local_cache",), ""),),
        True,
    ),
    "history-cache": Ablation(
        "(f5) parsed history candidates kept (imaphistory._cache) -> fetched again",
        {"daemon.imaphistory": (_no_history_cache,)},
        (("daemon/imaphistory.py", ("CACHE_LIMIT", "ImapHistory._keep"), r"_cache\b"),),
        False,
    ),
    "history-answers": Ablation(
        "(f6) history answers kept (imaphistory._memo) -> looked up again",
        {"daemon.imaphistory": (_no_history_answers,)},
        (("daemon/imaphistory.py", ("ANSWERS_KEPT",), r"_memo"),),
        False,
    ),
}


class _PatchingLoader:
    def __init__(self, inner: Any, fixes: tuple[Callable[[ModuleType], None], ...]) -> None:
        self.inner, self.fixes = inner, fixes

    def create_module(self, spec: Any) -> Any:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.inner.exec_module(module)
        for fix in self.fixes:
            fix(module)


class _Finder:
    """Patches a module right after it is first executed, before anything
    imports names from it."""

    def __init__(self, patches: Patches) -> None:
        self.patches = patches

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in self.patches:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.loader = _PatchingLoader(spec.loader, self.patches[name])
                return spec
        return None


def install(name: str) -> None:
    """Switch off ablation `name` in this process (called by the sitecustomize)."""
    patches = ABLATIONS[name].patches
    for module in patches:
        assert module not in sys.modules, f"{module} was imported before the switch"
    sys.meta_path.insert(0, _Finder(patches))  # type: ignore[arg-type]


_SITECUSTOMIZE = """\
import os
if os.environ.get("DEBRIEF_ABLATION"):
    from benchmarks.ablation import install
    install(os.environ["DEBRIEF_ABLATION"])
"""


# -- the measurements: this process ----------------------------------------------


def main() -> int:
    import argparse
    import json
    import shutil
    import tempfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=3, help="first run: runs of each variant")
    ap.add_argument("--detect-passes", type=int, default=5, help="detection: runs of each")
    ap.add_argument("--messages", type=int, default=6000, help="first run: messages")
    ap.add_argument("--attachment-kb", type=int, default=40, help="first run: attachment size")
    ap.add_argument("--detect-messages", type=int, default=5000, help="detection: messages")
    ap.add_argument("--only", default="", help="comma-separated variants (with 'none')")
    ap.add_argument("--no-first-run", action="store_true")
    ap.add_argument("--no-detect", action="store_true")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    args = ap.parse_args()
    names = list(ABLATIONS)
    if args.only:
        wanted = {"none", *args.only.split(",")}
        unknown = wanted - set(ABLATIONS)
        if unknown:
            ap.error(f"unknown variants: {', '.join(sorted(unknown))}")
        names = [n for n in names if n in wanted]

    sys.path.insert(0, str(root))
    from benchmarks.detect import machine_speed

    hook = Path(tempfile.mkdtemp(prefix="debrief-ablation-"))
    (hook / "sitecustomize.py").write_text(_SITECUSTOMIZE)

    def env(name: str) -> dict[str, str]:
        path = os.pathsep.join([str(hook), str(root), os.environ.get("PYTHONPATH", "")])
        return {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep), "DEBRIEF_ABLATION": name}

    machine = [machine_speed()]
    print(f"machine: {machine[0]:.2f} s for detect.py's reference Python loop", flush=True)
    results: dict[str, dict[str, Any]] = {n: {} for n in names}
    try:
        if not args.no_detect:
            _detection(root, [n for n in names if ABLATIONS[n].detect], args, env, results, machine)
        if not args.no_first_run:
            _first_runs(root, names, args, env, results)
    finally:
        shutil.rmtree(hook, ignore_errors=True)
    machine.append(machine_speed())
    print(f"machine: {machine[-1]:.2f} s for the reference loop at the end", flush=True)
    print()
    print(_table(root, names, results, args, machine))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": vars(args) | {"json": str(args.json)},
                    "machine": machine,
                    "results": results,
                },
                indent=1,
            )
        )
    return 0


# A variant more than this many times slower than "none" in the first pass
# runs no further pass: noise cannot change that verdict.
SETTLED = 2.0


def _rotated(names: list[str], k: int) -> list[str]:
    k %= len(names)
    return names[k:] + names[:k]


def _detection(
    root: Any,
    names: list[str],
    args: Any,
    env: Callable[[str], dict[str, str]],
    results: dict[str, dict[str, Any]],
    machine: list[float],
) -> None:
    import re
    import subprocess

    figures = {
        "parse": re.compile(r"^parse\s+([\d.]+) s", re.M),
        "classify": re.compile(r"^classify only\s+([\d.]+) s", re.M),
        "pipeline": re.compile(r"^index\+classify\+extract ([\d.]+) s", re.M),
        "rejections": re.compile(r"rejections found (\d+)"),
        "machine": re.compile(r"^machine\s+([\d.]+) s", re.M),
    }
    detect_args = ["--messages", str(args.detect_messages), "--rounds", "1"]
    decided: set[str] = set()
    for p in range(args.detect_passes):
        for name in _rotated(names, p):
            if name in decided:
                continue
            out = subprocess.run(
                [sys.executable, str(root / "benchmarks" / "detect.py"), *detect_args],
                env=env(name),
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            got = {k: float(rx.search(out).group(1)) for k, rx in figures.items()}  # type: ignore[union-attr]
            machine.append(got.pop("machine"))
            results[name].setdefault("detect", []).append(got)
            rate = args.detect_messages / (got["parse"] + got["pipeline"])
            print(f"detect pass {p + 1} {name:18} {rate:6,.0f} msg/s  {got}", flush=True)
            base = results["none"].get("detect")
            if base and got["parse"] + got["pipeline"] > SETTLED * (
                base[0]["parse"] + base[0]["pipeline"]
            ):
                decided.add(name)  # no further pass would change the verdict


def _first_runs(
    root: Any,
    names: list[str],
    args: Any,
    env: Callable[[str], dict[str, str]],
    results: dict[str, dict[str, Any]],
) -> None:
    import mailbox
    import random
    import resource
    import shutil
    import subprocess
    import tempfile
    import time
    from pathlib import Path

    from imapclient import IMAPClient

    from benchmarks.detect import generate
    from benchmarks.service import Memory, config, drafts, plain_fetch, tree, with_attachment
    from daemon.devservers.dovecot import Dovecot

    tick = os.sysconf("SC_CLK_TCK")

    def cpu(pid: int, children: bool = False) -> float:
        """CPU seconds of a process (and of its children it reaped)."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        used = int(fields[11]) + int(fields[12])
        if children:
            used += int(fields[13]) + int(fields[14])
        return used / tick

    def children_cpu() -> float:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    tmp = Path(tempfile.mkdtemp(prefix="debrief-ablation-runs-"))  # a state per run
    d = Dovecot()
    d.start()
    try:
        assert d._proc is not None
        master = d._proc.pid

        def dovecot_cpu() -> float:
            return sum(cpu(p, children=True) for p in tree(master))

        u = d.add_user()
        rng = random.Random(7)
        raws, _ = generate(args.messages, personas=["priya"], folders=("inbox",))
        t0 = time.perf_counter()
        c = IMAPClient("127.0.0.1", port=d.port, ssl=False, timeout=60)
        c.login(u.name, u.password)
        c.select_folder("INBOX", readonly=True)  # Dovecot creates the Maildir
        inbox = mailbox.Maildir(d.maildir(u), create=False)
        for raw in raws:
            inbox.add(with_attachment(raw, args.attachment_kb, rng))
        c.noop()
        uids = c.search("ALL")
        c.logout()
        print(
            f"first run: seeded {len(uids)} messages with {args.attachment_kb} KB attachments "
            f"in {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        counter = iter(range(10**9))

        def plain() -> dict[str, float]:
            c0, d0 = time.process_time(), dovecot_cpu()
            wall, _ = plain_fetch(d, u, uids, tls=True)
            time.sleep(0.5)  # Dovecot reaps the connection's process
            return {"wall": wall, "cpu": time.process_time() - c0, "dovecot": dovecot_cpu() - d0}

        def debrief(name: str) -> dict[str, float]:
            run = tmp / f"run{next(counter)}"
            run.mkdir()
            cfg = config(run, d, u)
            c0, d0 = children_cpu(), dovecot_cpu()
            t0 = time.perf_counter()
            with open(run / "stderr", "wb") as log:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "daemon", "run", "--once", "--config", str(cfg)],
                    cwd=root,
                    env=env(name),
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
                memory = Memory()
                used: dict[int, float] = {}
                while proc.poll() is None:
                    memory.sample(proc.pid)
                    for p in tree(proc.pid):
                        used[p] = max(used.get(p, 0.0), cpu(p))
                    time.sleep(0.05)
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                tail = (run / "stderr").read_text(errors="replace")[-2000:]
                raise SystemExit(f"{name}: debrief exited {proc.returncode}\n{tail}")
            total = children_cpu() - c0
            workers = sum(v for p, v in used.items() if p != proc.pid)
            time.sleep(0.5)
            return {
                "wall": wall,
                "cpu": total,
                "workers": workers,
                "service": total - workers,
                "dovecot": dovecot_cpu() - d0,
                "rss_mb": memory.rss_kb / 1024,
                "detections": drafts(run / "state.sqlite3"),
            }

        def show(p: int, name: str, got: dict[str, float]) -> None:
            print(
                f"first run pass {p + 1} {name:18} {got['wall']:5.1f} s  "
                + "  ".join(f"{k} {v:.1f}" for k, v in got.items() if k != "wall"),
                flush=True,
            )

        # Warm up: Dovecot's index and cache files, the page cache.
        plain()
        debrief("none")
        # Each variant runs next to a run of "none" (in turns, which first):
        # the host's speed drifts within minutes, so each variant is compared
        # with its neighbour, and the median of those ratios is its share.
        decided: set[str] = set()
        variants = [n for n in names if n != "none"]
        for p in range(args.passes):
            got = plain()
            results.setdefault("plain", {}).setdefault("first_run", []).append(got)
            show(p, "plain fetch", got)
            for i, name in enumerate(_rotated(variants, p) if variants else ["none"]):
                if name in decided:
                    continue
                pair = [name, "none"] if (p + i) % 2 else ["none", name]
                runs = {}
                for n in pair:
                    runs[n] = debrief(n)
                    show(p, n, runs[n])
                base = runs["none"]
                results["none"].setdefault("first_run", []).append(base)
                if name == "none":
                    continue
                got = runs[name] | {
                    "none_wall": base["wall"],
                    "none_total": base["cpu"] + base["dovecot"],
                }
                results[name].setdefault("first_run", []).append(got)
                if got["wall"] > SETTLED * base["wall"]:
                    decided.add(name)
    finally:
        d.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


def _lines(root: Any, where: tuple[Where, ...]) -> int:
    """Lines of the definitions and matching lines `where` names (each line once)."""
    import ast
    import re

    seen: set[tuple[str, int]] = set()
    for path, names, pattern in where:
        text = (root / path).read_text()
        spans: dict[str, tuple[int, int]] = {}
        for node in ast.parse(text).body:
            nodes: list[tuple[str, ast.stmt]] = []
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                nodes.append((node.name, node))
                if isinstance(node, ast.ClassDef):
                    nodes += [
                        (f"{node.name}.{f.name}", f)
                        for f in node.body
                        if isinstance(f, ast.FunctionDef)
                    ]
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                nodes += [(t.id, node) for t in targets if isinstance(t, ast.Name)]
            for name, n in nodes:
                first = min([n.lineno] + [x.lineno for x in getattr(n, "decorator_list", [])])
                spans[name] = (first, n.end_lineno or n.lineno)
        lines: set[int] = set()
        if "*" in names:
            lines = set(range(1, len(text.splitlines()) + 1))
        for name in names:
            if name == "*":
                continue
            start, end = spans[name.lstrip("-")]
            if name.startswith("-"):
                lines -= set(range(start, end + 1))
            else:
                lines |= set(range(start, end + 1))
        if pattern:
            rx = re.compile(pattern)
            lines |= {i for i, line in enumerate(text.splitlines(), 1) if rx.search(line)}
        seen |= {(path, i) for i in lines}
    return len(seen)


def _where(where: tuple[Where, ...]) -> str:
    out = []
    for path, names, pattern in where:
        shown = [n for n in names if n != "*" and not n.startswith("-")]
        left = [n[1:] for n in names if n.startswith("-")]
        what = "whole file" if "*" in names else ", ".join(shown)
        if left:
            what += " but " + ", ".join(left)
        if pattern and not shown and "*" not in names:
            what = f"lines matching `{pattern}`"
        elif pattern:
            what += " + lines using it"
        out.append(f"{path.removeprefix('daemon/')}: {what}")
    return "; ".join(out)


def _table(
    root: Any,
    names: list[str],
    results: dict[str, dict[str, Any]],
    args: Any,
    machine: list[float],
) -> str:
    import statistics

    def best(name: str, key: str, field: str) -> float | None:
        runs = results.get(name, {}).get(key)
        return min(r[field] for r in runs) if runs else None

    def median(name: str, field: str) -> float | None:
        runs = results.get(name, {}).get("first_run")
        return statistics.median(r[field] for r in runs) if runs else None

    def paired(name: str, base: str, field: str) -> str:
        """1 - the median ratio of "none"'s figure to the variant's, run next to it."""
        runs = results.get(name, {}).get("first_run")
        if not runs or name == "none":
            return "" if name == "none" else "n/a"
        return f"{1 - statistics.median(r[base] / r[field] for r in runs):+.0%}"

    def rate(name: str) -> float | None:
        parse, pipeline = best(name, "detect", "parse"), best(name, "detect", "pipeline")
        if parse is None or pipeline is None:
            return None
        return float(args.detect_messages) / (parse + pipeline)

    def rate_share(name: str) -> str:
        r = rate(name)
        if name == "none":
            return ""
        return "n/a" if r is None or base_rate is None else f"{1 - r / base_rate:+.0%}"

    base_rate = rate("none")
    base_wall = median("none", "wall")
    plain_wall = median("plain", "wall")
    for runs in (results[n].get("first_run", []) for n in names):
        for r in runs:
            r["total"] = r["cpu"] + r["dovecot"]
    rows = [
        "| acceleration | where | lines | detection msg/s | share | first run wall s | share "
        "| first-run CPU s (debrief + Dovecot) | share | vs plain fetch (wall) | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        a = ABLATIONS[name]
        r, wall = rate(name), median(name, "wall")
        cpu, dovecot = median(name, "cpu"), median(name, "dovecot")
        ratio = plain_wall / wall if plain_wall and wall else None
        rss = max((x["rss_mb"] for x in results[name].get("first_run", [])), default=None)
        same = _same(results, name)
        label = f"**{name}**: {a.title}" + (f" ({a.note})" if a.note else "")
        if not same:
            label += " **(found other results!)**"
        lines = _lines(root, a.where) if a.where else ""
        rows.append(
            f"| {label} | {a.summary or _where(a.where) or '-'} | {lines} | "
            f"{_fmt(r, '{:,.0f}')} | {rate_share(name)} | "
            f"{_fmt(wall, '{:.1f}')} | {paired(name, 'none_wall', 'wall')} | "
            f"{_fmt(cpu, '{:.1f}')} + {_fmt(dovecot, '{:.1f}')} | "
            f"{paired(name, 'none_total', 'total')} | "
            f"{_fmt(ratio, '{:.2f}x')} | {_fmt(rss, '{:.0f}')} |"
        )
    notes = [
        "",
        f"Machine: {min(machine):.2f}-{max(machine):.2f} s for detect.py's reference loop "
        f"during the runs. Detection: {args.detect_messages} messages, best CPU time of "
        f"{args.detect_passes} runs (--rounds 1 each). First run: {args.messages} messages "
        f"with {args.attachment_kb} KB attachments, STARTTLS, {args.passes} passes, each "
        "variant next to a run of 'none': medians of the runs, shares from the median "
        "ratio to the neighbouring 'none'.",
    ]
    if plain_wall is not None:
        plain_runs = results["plain"]["first_run"]
        notes.append(
            f"Plain imapclient BODY.PEEK[] fetch: median {plain_wall:.1f} s "
            f"(passes {', '.join(format(x['wall'], '.1f') for x in plain_runs)}); "
            f"CPU {statistics.median(x['cpu'] for x in plain_runs):.1f} s + Dovecot "
            f"{statistics.median(x['dovecot'] for x in plain_runs):.1f} s."
        )
    spread = []
    if base_rate is not None:
        rates = [
            args.detect_messages / (x["parse"] + x["pipeline"]) for x in results["none"]["detect"]
        ]
        spread.append(f"detection {min(rates):,.0f}-{max(rates):,.0f} msg/s")
    if base_wall is not None:
        runs = results["none"]["first_run"]
        spread.append(
            f"first run {min(x['wall'] for x in runs):.1f}-{max(x['wall'] for x in runs):.1f} s "
            f"wall, {min(x['cpu'] for x in runs):.1f}-{max(x['cpu'] for x in runs):.1f} s CPU "
            f"(service {statistics.median(x['service'] for x in runs):.1f} s, workers "
            f"{statistics.median(x['workers'] for x in runs):.1f} s, medians)"
        )
    if spread:
        notes.append("Spread of 'none' over the passes: " + "; ".join(spread) + ".")
    short = [
        f"{name} ({key.replace('_', ' ')})"
        for name in names
        for key, runs in results[name].items()
        if len(runs) < (args.detect_passes if key == "detect" else args.passes)
    ]
    if short:
        notes.append(
            f"One pass only (over {SETTLED:g}x slower than 'none' in the first): "
            + ", ".join(short)
            + "."
        )
    return "\n".join(rows + notes)


def _same(results: dict[str, dict[str, Any]], name: str) -> bool:
    """Did the variant find what 'none' found, in every run?"""
    for key, field in (("detect", "rejections"), ("first_run", "detections")):
        expected = {x[field] for x in results.get("none", {}).get(key, [])}
        found = {x[field] for x in results.get(name, {}).get(key, [])}
        if found and expected and found != expected:
            return False
    return True


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else spec.format(value)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

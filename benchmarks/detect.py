"""Detection throughput: parse + classify + extract over a generated mailbox.

Builds a 20,000-message mailbox by replicating the labelled corpus with every
domain and Message-ID made unique per replica (so history lookups stay
realistic), then reports messages per second on one core, the classification
time per parsed message, and peak memory. Targets (issue 3): >= 1,000 msg/s
per core; classification well under 1 ms.

    python benchmarks/detect.py [--messages 20000]
"""

from __future__ import annotations

import argparse
import json
import mailbox
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from daemon import rules  # noqa: E402
from daemon.classify import classify  # noqa: E402
from daemon.history import LocalHistory  # noqa: E402
from daemon.message import parse  # noqa: E402
from daemon.pipeline import describe  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def generate(
    n: int, personas: list[str] | None = None, folders: tuple[str, ...] = ("inbox", "sent")
) -> tuple[list[bytes], list[str]]:
    """n messages replicated from the corpus; every replica is new employers."""
    base: list[bytes] = []
    me: list[str] = []
    for persona in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        if personas is not None and persona.name not in personas:
            continue
        me += json.loads((persona / "persona.json").read_text())["addresses"]
        for name in folders:
            base += [m.as_bytes() for m in mailbox.mbox(persona / f"{name}.mbox")]
    companies = sorted(
        {
            str(v["company"]).encode()
            for persona in CORPUS.iterdir()
            if persona.is_dir()
            for v in json.loads((persona / "labels.json").read_text()).values()
            if v.get("company")
        },
        key=len,
        reverse=True,
    )
    names = re.compile(b"|".join(re.escape(c) for c in companies))
    out: list[bytes] = []
    replica = 0
    while len(out) < n:
        tag = f"r{replica:03d}".encode()  # one length: no tag is a prefix of another
        for raw in base:
            # Every replica is a different set of employers: new domains,
            # new company names, new Message-IDs (threads stay intact).
            raw = re.sub(rb"([a-z0-9-]+)\.(example|test)\b", rb"\1-" + tag + rb".\2", raw)
            # Glued to the first word, so extraction keeps it ("AcmeR001 Labs").
            glued = rb"\1" + tag.upper()
            raw = names.sub(lambda m, g=glued: re.sub(rb"^(\S+)", g, m.group(0)), raw)
            raw = re.sub(rb"<([^<>@\s]+)@", rb"<" + tag + rb".\1@", raw)
            out.append(raw)
            if len(out) == n:
                break
        replica += 1
    return out, me


def machine_speed() -> float:
    """CPU seconds for a fixed pure-Python loop (best of 3): figures from
    different runs compare only at similar values (0.38-0.47 s on the 2-core
    development machine, whose speed varies)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="passes; the best is reported (shared machines are noisy)",
    )
    args = ap.parse_args()
    raws, me = generate(args.messages)
    size_mb = sum(map(len, raws)) / 1e6
    n = len(raws)

    # CPU time of this process, best of several passes: "per core" is what
    # the target asks for, and the minimum is the figure least disturbed by
    # other tenants of the machine.
    best: dict[str, float] = {}
    rejections = 0
    for _ in range(args.rounds):
        ruleset = rules.load([])  # fresh: no memo carried over from a previous pass
        t0 = time.process_time()
        parsed = [parse(r) for r in raws]
        t_parse = time.process_time() - t0

        t0 = time.process_time()
        for m in parsed:
            classify(m, ruleset, me)
        t_classify = time.process_time() - t0

        ruleset = rules.load([])
        t0 = time.process_time()
        history = LocalHistory(parsed)
        findings = list(describe([("", m) for m in parsed], ruleset, me, history))
        t_pipeline = time.process_time() - t0
        rejections = sum(f.verdict.rejection for f in findings)
        for key, value in (("parse", t_parse), ("classify", t_classify), ("pipeline", t_pipeline)):
            best[key] = min(best.get(key, value), value)
        del parsed, history, findings

    t_parse, t_classify, t_pipeline = best["parse"], best["classify"], best["pipeline"]
    rate = n / (t_parse + t_pipeline)
    per_msg_ms = t_classify / n * 1e3
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine             {machine_speed():.2f} s for the reference Python loop")
    print(f"messages            {n} ({size_mb:.1f} MB), rejections found {rejections}")
    print(f"rounds              {args.rounds} (best CPU time of each stage reported)")
    print(f"parse               {t_parse:.2f} s  ({t_parse / n * 1e3:.3f} ms/msg)")
    print(f"classify only       {t_classify:.2f} s  ({per_msg_ms * 1e3:.0f} us/msg)")
    print(f"index+classify+extract {t_pipeline:.2f} s  ({t_pipeline / n * 1e3:.3f} ms/msg)")
    print(
        f"parse+classify+extract {rate:,.0f} msg/s on one core "
        f"(target 1,000: ratio {rate / 1000:.2f}x)"
    )
    print(
        f"classification      {per_msg_ms:.3f} ms/msg (target < 1 ms: "
        f"ratio {1 / max(1e-9, per_msg_ms):.1f}x under)"
    )
    print(f"peak RSS            {peak_mb:.0f} MB (whole mailbox held parsed in memory)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

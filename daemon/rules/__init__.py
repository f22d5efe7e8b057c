"""Rules as data: TOML rule files compiled into fast, pure matchers.

A rule file holds `[[rule]]` tables and, optionally, a `[senders]` table.

    [[rule]]
    id = "en.rejection.other-candidates"     # unique; a later file may replace it
    kind = "rejection"                       # which signal it feeds (see KINDS)
    weight = 6.0
    field = "body"                           # subject, body, text (both), from,
                                             # from_domain, from_name, header:<Name>
    phrases = ["decided to move forward with other candidates"]
    regex = ['\\bnot (?:be )?(?:moving|progressing) forward\\b']
    all = [{ field = "subject", phrases = ["application"] }]   # every one must match
    any = [{ ... }, { ... }]                                    # one must match
    not = [{ ... }]                                             # none may match
    scope = "message"                        # or "sentence": main, all, any and
                                             # not are read in one sentence of
                                             # the rule's field at a time
    examples = ["Sadly we decided to move forward with other candidates."]
    enabled = true

Matching contract: phrases ignore case, diacritics, apostrophe style and runs
of white space, and match on word boundaries. `body` is only the new text of a
message (never quoted history). Every match reports the words it fired on, so
each verdict can be explained. Rejection rules never count an occurrence
inside a condition ("if you do not hear from us ..."); counter-signals never
count a negated one ("we will not invite you") (occurrences.py).

A sentence-scoped rule composes a decision from its parts: a negation, a
verb of selection or continuation and the candidacy as its object, in one
sentence, whatever the words between them:

    [[rule]]
    id = "en.rejection.composed"
    kind = "rejection"
    scope = "sentence"
    regex = ["\\b(?:not|unable to|no longer)\\b"]
    all = [{ regex = ["\\b(?:select|proceed|progress)\\w*"] },
           { regex = ["\\byour (?:application|candidacy)"] }]
"""

from daemon.rules.load import (
    CLAUSE_KEYS,
    DEFAULT_THRESHOLD,
    RULE_KEYS,
    SENDER_KEYS,
    TOP_KEYS,
    RuleFile,
    expand,
    load,
    parse_file,
    parse_rule,
    read_file,
    shipped_rules_dir,
)
from daemon.rules.model import (
    FIELDS,
    KINDS,
    TEXT_FIELDS,
    Clause,
    Hit,
    Rule,
    Senders,
    clauses,
)
from daemon.rules.occurrences import NEGATABLE, sentences
from daemon.rules.ruleset import RuleSet

__all__ = [
    "CLAUSE_KEYS",
    "DEFAULT_THRESHOLD",
    "FIELDS",
    "KINDS",
    "NEGATABLE",
    "RULE_KEYS",
    "SENDER_KEYS",
    "TEXT_FIELDS",
    "TOP_KEYS",
    "Clause",
    "Hit",
    "Rule",
    "RuleFile",
    "RuleSet",
    "Senders",
    "clauses",
    "expand",
    "load",
    "parse_file",
    "parse_rule",
    "read_file",
    "sentences",
    "shipped_rules_dir",
]

"""Clauses: the parts of a long sentence that can each state a claim.

A reporter's sentence often carries a claim and something else: "52 percent
of all federal prosecutions …, although prosecutions fell by 7 percent", a
lead-in ("In what appears to be a reward to donors, …"), an aside between
dashes or in parentheses, a relative clause about the words before it.
Matched whole, the rest dilutes the claim's share of the words; so the
matcher is also given each clause, and the sentence without its asides, and
its head, and each relative clause with the words it is about; a claim is
scored by its best one.
"""

from __future__ import annotations

import functools
import re

from factcheck.check.index import text_terms

# A clause must have this many content terms to be matched on its own.
MIN_CLAUSE_TERMS = 5
# Sentences with fewer terms than this are matched whole only.
MIN_SPLIT_TERMS = 12


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The aside, boundary, lead-in and relative-clause patterns, compiled for the first
    sentence long enough to split: a draft of short sentences (or a cold start on one)
    never pays."""
    return (
        re.compile(r"\([^()]{1,300}\)|[—–][^—–]{1,200}[—–]"),
        re.compile(
            r"[;()]|[—–]|:(?![0-9])|,[ \u00a0]+(?=(?:although|though|while|whereas|but|yet|and|"
            r"as|with|which|who|vowing|declaring|saying|including|even)\b)"
        ),
        # A lead-in subordinate clause: "While …, ", "In what appears to be …, ".
        re.compile(
            r"^[ \u00a0]*(?:while|although|though|whereas|as|since|because|after|before|"
            r"in what|in response|to put|referring to|with)\b[^,]{0,200},",
            re.IGNORECASE,
        ),
        # A relative clause with the words it is about: "immigration cases (which already
        # comprise roughly 30 percent of all federal cases)", "…, who …,".
        re.compile(
            r"((?:[\w’'-]{1,40}[ \u00a0]+){0,2}[\w’'-]{1,40})[ \u00a0]*(?:\(|,[ \u00a0]+)"
            r"(?:which|who)[ \u00a0]+([^();,—–]{1,300})"
        ),
    )


def _head(text: str) -> str:
    """The sentence's first comma-separated parts, up to ``MIN_SPLIT_TERMS`` terms.

    News puts the main claim first and lists details after it ("Sessions
    directs every district to designate … a Border Security Coordinator,
    responsible for overseeing …, attending …, providing …").
    """
    head, count = [], 0
    for part in text.split(","):
        head.append(part)
        count += len(text_terms(part))
        if count >= MIN_SPLIT_TERMS:
            break
    return ",".join(head)


def clauses(text: str) -> list[str]:
    """``text`` first, then its parts worth matching on their own, without repeats."""
    if len(text_terms(text)) < MIN_SPLIT_TERMS:
        return [text]
    aside, boundary, lead_in, relative = _patterns()
    plain = aside.sub(" ", text)
    variants = [text, plain]
    lead = lead_in.match(plain)
    if lead:
        variants.append(plain[lead.end() :])
    variants += boundary.split(text)
    variants.append(_head(plain))
    if "which" in text or "who" in text:
        variants += (f"{m[1]} {m[2]}" for m in relative.finditer(text))
    found = [text]
    for variant in variants[1:]:
        variant = variant.strip(" ,\u00a0")
        if variant and variant not in found and len(text_terms(variant)) >= MIN_CLAUSE_TERMS:
            found.append(variant)
    return found

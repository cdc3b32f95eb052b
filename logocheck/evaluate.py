"""evaluate: run the selected rules and build every Finding in one place.

Checks yield message fields, exactly the ones they declare; this module
adds the ``Facts`` about the subject (brand, account, evidence ...) and
builds the findings, so a finding's shape never depends on which check
produced it. It works one subject at a time, so memory does not grow with
the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from logocheck.checks import Context, ScanFacts
from logocheck.checks.accounts import mixed_section
from logocheck.errors import ConfigError
from logocheck.model import Claim, Finding, Location, Problem, Subject
from logocheck.ruleset import Rule

#: Longest claim text a finding carries as its snippet.
SNIPPET = 240


@dataclass(frozen=True, slots=True)
class Facts:
    """What a finding says besides its message: whom it is about, and the evidence."""

    subject: str = ""
    brand: str | None = None
    account: str | None = None
    status: str | None = None
    evidence: Mapping[str, str] = field(default_factory=dict)
    pages: int = 1
    image: str | None = None


class Engine:
    def __init__(self, rules: Sequence[Rule], context: Context) -> None:
        self.context = context
        self._by_scope: dict[str, list[Rule]] = {"subject": [], "problem": [], "scan": []}
        for rule in rules:
            self._by_scope[rule.check.scope].append(rule)

    def subject(self, subject: Subject) -> Iterator[Finding]:
        for rule in self._by_scope["subject"]:
            for fields in rule.check.function(subject, self.context, **rule.params):
                facts = _subject_facts(subject, self.context.contract_details)
                yield _finding(rule, fields, subject.location, facts)

    def subjects(self, subjects: Iterable[Subject]) -> Iterator[Finding]:
        """Findings of every subject; a brand shown by logo and claim on a page is one subject.

        A page that shows Globex's logo and says "Globex runs on Fluxboard"
        presents one customer twice: a rule that fires on both reports it
        once, at the logo, with the claim as further evidence.
        """
        groups: dict[tuple[str, object], list[Subject]] = {}
        for subject in subjects:
            groups.setdefault((subject.location.url, _who(subject)), []).append(subject)
        for group in groups.values():
            logos = [s for s in group if s.kind == "logo"]
            claims = [s for s in group if s.kind == "claim"]
            if not (logos and claims):
                for subject in group:
                    yield from self.subject(subject)
                continue
            yield from self._together(logos, claims)

    def _together(self, logos: list[Subject], claims: list[Subject]) -> Iterator[Finding]:
        for rule in self._by_scope["subject"]:
            logo_fields = [
                (logo, fields)
                for logo in logos
                for fields in rule.check.function(logo, self.context, **rule.params)
            ]
            claim_fields = [
                (claim, fields)
                for claim in claims
                for fields in rule.check.function(claim, self.context, **rule.params)
            ]
            if logo_fields and claim_fields:
                logo, fields = logo_fields[0]
                facts = _subject_facts(logo, self.context.contract_details)
                quoted = _claim_evidence([c for c, _ in claim_fields])
                evidence = {**facts.evidence, **quoted}
                facts = replace(facts, subject="logo and claim", evidence=evidence)
                # keep what the logo's field adds after its kind ("logo, in a mixed section")
                shown = "logo and claim" + str(fields["subject"]).removeprefix("logo")
                both = {**fields, "subject": shown}
                yield _finding(rule, both, logo.location, facts)
                logo_fields = logo_fields[1:]
                claim_fields = []
            details = self.context.contract_details
            for subject, fields in (*logo_fields, *claim_fields):
                yield _finding(rule, fields, subject.location, _subject_facts(subject, details))

    def problem(self, problem: Problem) -> Iterator[Finding]:
        for rule in self._by_scope["problem"]:
            for fields in rule.check.function(problem, self.context, **rule.params):
                facts = Facts(evidence={"detail": problem.detail})
                yield _finding(rule, fields, problem.location, facts)

    def scan(self, facts: ScanFacts) -> Iterator[Finding]:
        for rule in self._by_scope["scan"]:
            for location, fields in rule.check.function(facts, self.context, **rule.params):
                yield _finding(rule, fields, location, Facts(subject="claim"))


def _finding(rule: Rule, fields: Mapping[str, Any], location: Location, facts: Facts) -> Finding:
    return Finding(
        code=rule.code,
        level=rule.level,
        message=_message(rule, fields),
        location=location,
        subject=facts.subject,
        brand=facts.brand,
        account=facts.account,
        status=facts.status,
        evidence=tuple(sorted(facts.evidence.items())),
        pages=facts.pages,
        image=facts.image,
    )


def _message(rule: Rule, fields: Mapping[str, Any]) -> str:
    """The rule's template filled with the check's fields: exactly those it declares.

    The template was checked against the declaration when the rule loaded,
    so a check giving other fields is a bug in the check, named as such.
    """
    declared = rule.check.fields
    if fields.keys() != declared:
        odd = sorted(declared.symmetric_difference(fields))
        raise TypeError(f"check {rule.check.name!r} gave fields other than it declares: {odd}")
    try:
        return rule.message.format_map(fields)
    except (KeyError, IndexError, AttributeError, ValueError) as error:
        raise ConfigError(str(rule.path), f"message template: {error}") from None


def _who(subject: Subject) -> object:
    """Who a subject presents: its account, else its brand; an unnamed logo is itself."""
    if subject.account is not None:
        return ("account", subject.account.name)
    if subject.brand:
        return ("brand", subject.brand.casefold())
    return ("item", id(subject))


def _claim_evidence(claims: list[Subject]) -> dict[str, str]:
    first = claims[0]
    assert isinstance(first.item, Claim)
    place = f"{first.location.line}:{first.location.column}"
    return {"claim": first.item.text, "claim_kind": first.item.kind, "claim_location": place}


def _subject_facts(subject: Subject, details: bool) -> Facts:
    match = subject.match
    evidence = {
        "method": match.method,
        "confidence": f"{match.confidence:.2f}",
        "signals": "; ".join(f"{s.source}={s.value}" for s in match.signals),
    }
    if subject.account is not None:
        evidence["reason"] = subject.account.reason.text(details)
    src = getattr(subject.item, "src", None)
    if src:
        evidence["src"] = src
    text = getattr(subject.item, "text", None)
    if text:
        evidence["snippet"] = text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
    mixed = mixed_section(subject)
    if mixed:
        evidence["section"] = mixed
    return Facts(
        subject=subject.kind,
        brand=subject.brand,
        account=subject.account.name if subject.account else None,
        status=subject.category,
        evidence=evidence,
        pages=subject.pages,
        image=match.image_key,
    )

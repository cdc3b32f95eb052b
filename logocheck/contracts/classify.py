"""Which category a contract row puts an account in on the scan date.

Precedence, first that applies wins (docs/contracts.md explains why):

1. dates: a contract not started yet, or ended before the scan date, is
   ``lapsed`` whatever the other cells say;
2. status: a churned, trial or free status says what the CRM knows now;
3. revenue: an amount above zero makes the row ``paid`` even on a plan
   named free or trial (a paying "Community" customer is a customer;
   the reason then says "free plan but paying");
4. a paying status (``Closed Won``), then the plan name (free or trial);
5. revenue of exactly zero: ``free`` (nobody pays for the logo wall);
6. otherwise ``paid``: the row is in the contracts file and nothing says
   it does not pay (an unknown plan is also reported as a warning).

The words come from ``rules/vocab/plans.toml``. Verdicts depend only on a
few distinct (plan, status, revenue sign) combinations, so they are cached.

Each verdict's reason is built here, once, in both its forms: a summary in
logocheck's own words ("free plan", "contract ended") that reports print,
and details quoting the row ("plan 'Free'", "contract ended 2019-12-31")
that only ``--include-contract-details`` prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal

from logocheck.model import Category, Contract, Reason
from logocheck.vocab import Vocabulary

Kind = Literal["paid", "free", "trial", "lapsed", "neutral", "unknown", ""]
Verdict = tuple[Category, Reason]

RANK: dict[Category, int] = {"paid": 3, "trial": 2, "free": 1, "lapsed": 0}


def vocab_key(text: str) -> str:
    """Plan and status text compared without case, punctuation or spacing."""
    return " ".join(re.split(r"[\W_]+", text.lower())).strip()


class Classifier:
    """Classifies contracts with one vocabulary on one scan date."""

    def __init__(self, vocab: Vocabulary, as_of: date) -> None:
        self.as_of = as_of
        self._plans = _table(vocab, ("free_plans", "free"), ("trial_plans", "trial"))
        self._plans.update(_table(vocab, ("paid_plans", "paid")))
        self._trial_words = {vocab_key(w) for w in vocab.get("trial_words", ())}
        self._free_words = {vocab_key(w) for w in vocab.get("free_words", ())}
        self._lapsed_words = {vocab_key(w) for w in vocab.get("lapsed_words", ())}
        self._statuses = _table(
            vocab,
            ("neutral_statuses", "neutral"),
            ("paid_statuses", "paid"),
            ("free_statuses", "free"),
            ("trial_statuses", "trial"),
            ("lapsed_statuses", "lapsed"),
        )
        self._plan_cache: dict[str, Kind] = {}
        self._verdicts: dict[tuple[str, str, int], Verdict] = {}
        self._dated_verdicts: dict[tuple[str, date], Verdict] = {}

    def plan_kind(self, plan: str) -> Kind:
        """``free``, ``trial``, ``paid``, ``unknown``, or ``''`` for no plan."""
        try:
            return self._plan_cache[plan]
        except KeyError:
            kind = self._plan_kind(vocab_key(plan))
            self._plan_cache[plan] = kind
            return kind

    def _plan_kind(self, key: str) -> Kind:
        if not key or key in self._plans:
            return self._plans.get(key, "")
        words = set(key.split())
        if words & self._trial_words:
            return "trial"
        if words & self._free_words:
            return "free"
        return "unknown"

    def status_kind(self, status: str) -> Kind:
        """The category a status implies, ``neutral``, ``unknown`` or ``''``."""
        key = vocab_key(status)
        if not key or key in self._statuses:
            return self._statuses.get(key, "")
        words = set(key.split())
        if words & self._lapsed_words:
            return "lapsed"
        return "trial" if words & self._trial_words else "unknown"

    def classify(self, contract: Contract) -> Verdict:
        """The category of one row on the scan date, and why."""
        start, end, revenue = contract.start, contract.end, contract.revenue
        if start is not None and start > self.as_of:
            return self._dated("contract not started yet", "contract starts", start)
        if end is not None and end < self.as_of:
            return self._dated("contract ended", "contract ended", end)
        sign = -1 if revenue is None else 1 if revenue > 0 else 0
        key = (contract.plan, contract.status, sign)
        try:
            return self._verdicts[key]
        except KeyError:
            verdict = self._verdicts[key] = self._verdict(contract.plan, contract.status, sign)
            return verdict

    def _dated(self, summary: str, what: str, day: date) -> Verdict:
        """A lapsed verdict; one shared reason per date, not one string per row."""
        key = (what, day)
        try:
            return self._dated_verdicts[key]
        except KeyError:
            reason = Reason(summary, f"{what} {day.isoformat()}")
            verdict = self._dated_verdicts[key] = ("lapsed", reason)
            return verdict

    def _verdict(self, plan: str, status: str, sign: int) -> Verdict:
        status_kind = self.status_kind(status)
        if status_kind in ("lapsed", "trial", "free"):
            return status_kind, Reason(f"{status_kind} status", f"status {status.strip()!r}")
        plan_kind = self.plan_kind(plan)
        named = f"plan {plan.strip()!r}" if plan.strip() else ""
        kind = f"{plan_kind} plan" if plan_kind in ("paid", "trial", "free") else ""
        if sign > 0:
            if plan_kind in ("trial", "free"):
                return "paid", Reason(f"{kind} but paying", f"{named} but paying")
            return "paid", Reason(kind or "paying", named or "paying")
        if status_kind == "paid":
            return "paid", Reason("paying status", f"status {status.strip()!r}")
        if plan_kind in ("trial", "free"):
            return plan_kind, Reason(kind, named)
        if sign == 0:
            return "free", Reason("not paying", f"{named}, no revenue" if named else "no revenue")
        listed = "listed in the contracts file"
        return "paid", Reason(kind or listed, named or listed)


def _table(vocab: Vocabulary, *lists: tuple[str, Kind]) -> dict[str, Kind]:
    table: dict[str, Kind] = {}
    for name, kind in lists:
        table.update(dict.fromkeys(_keys(vocab.get(name, ())), kind))
    return table


def _keys(words: Iterable[str]) -> Iterable[str]:
    return (vocab_key(w) for w in words)


def best(verdicts: Iterable[tuple[Verdict, Contract]]) -> tuple[Verdict, Contract]:
    """The verdict that stands for the account: the best category now.

    Ties go to the contract that started last (the current one), then to
    the earlier row, so the choice never depends on row order alone.
    """
    return max(verdicts, key=merit)


def merit(item: tuple[Verdict, Contract]) -> tuple[int, date, int]:
    """Sort key of a verdict: category rank, then latest start, then first row."""
    (category, _), contract = item
    return RANK[category], contract.start or date.min, -contract.line

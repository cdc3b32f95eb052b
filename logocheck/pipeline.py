"""The one place where the stages are wired together.

    collect -> extract -> identify -> join -> evaluate -> Report

Pages stream through one at a time. An element that many pages share (a
logo wall in a site-wide footer) is judged once and reported once, with the
number of pages that show it, so memory and output grow with what is
different between pages, not with the number of pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import chain, islice
from pathlib import Path

from logocheck.checks import Context, ScanFacts
from logocheck.collect import open_source
from logocheck.collect.options import CrawlOptions
from logocheck.config import Settings
from logocheck.contracts import AccountIndex, Contracts, load_contracts
from logocheck.evaluate import Engine
from logocheck.extract import ExtractContext
from logocheck.extract.products import LEARN_PAGES, Products, learn
from logocheck.identify import Identifier
from logocheck.join import Joiner
from logocheck.model import (
    Claim,
    Finding,
    Location,
    Logo,
    Page,
    Problem,
    Report,
    Subject,
    Summary,
)
from logocheck.occurrences import Occurrences, claim_keys, logo_key
from logocheck.parallel import default_jobs, extract_all
from logocheck.ruleset import load_rules, select_rules
from logocheck.suppress import load_suppressions, split
from logocheck.vocab import load_vocab


@dataclass(frozen=True, slots=True)
class ContractsOptions:
    encoding: str | None = None
    delimiter: str | None = None
    strict: bool = False


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Everything a scan can be told, besides its target and contracts."""

    as_of: date = field(default_factory=date.today)
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    rule_packs: Sequence[Path] = ()
    contracts: ContractsOptions = field(default_factory=ContractsOptions)
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    settings: Settings = field(default_factory=Settings)
    jobs: int = field(default_factory=default_jobs)
    """Worker processes for extraction on large sites (1: all in-process)."""


def scan(target: str, contracts_path: Path | None, options: ScanOptions | None = None) -> Report:
    """Scan ``target`` (a folder or URL) against the contracts; never prints.

    Without a contracts file every brand is judged as having no account,
    which is what ``logocheck logos`` wants when it only lists logos.
    """
    options = options or ScanOptions()
    settings = options.settings
    rules = select_rules(load_rules(options.rule_packs), options.select, options.ignore)
    suppressions = load_suppressions(settings.data.get("suppress", ()), str(settings.path))
    contracts = _load_contracts(contracts_path, options)
    index = AccountIndex(contracts.accounts)
    with closing(open_source(target, options.crawl)) as source:
        pages = source.pages()
        first = list(islice(pages, LEARN_PAGES))
        products = learn_products(first, target, settings)
        names = (name for name, _ in index.patterns())
        context = ExtractContext.build(names, settings, products)
        identifier = Identifier(
            index,
            source.read_asset,
            settings=settings,
            accounts=contracts.accounts,
            contracts=contracts_path,
            cache=options.crawl.cache,
        )
        with closing(identifier):
            all_pages = chain(first, pages)
            seen = _observe(all_pages, context, identifier, Joiner(index), options.jobs)
            problems = [
                *seen.problems,
                *source.problems(),
                *identifier.problems(),
                *_contract_problems(contracts_path, contracts),
            ]
        counts = source.counts()
    engine = Engine(rules, _context(options.as_of, contracts, settings))
    subjects = seen.subjects()
    findings = sorted(_evaluate(engine, subjects, problems), key=Finding.sort_key)
    kept, waived = split(findings, suppressions)
    return Report(
        findings=tuple(kept),
        suppressed=tuple((finding, rule.reason) for finding, rule in waived),
        subjects=subjects,
        summary=_summary(seen.pages, subjects, counts, products),
        target=target,
    )


def learn_products(first: Sequence[Page], target: str, settings: Settings) -> Products:
    """The site's product names, from its first pages, its host name and the config."""
    configured = settings.section("extract").get("products", [])
    configured = [configured] if isinstance(configured, str) else configured
    claims = load_vocab("claims", settings.section("vocab").get("claims"))
    generic = claims.get("product_generic_words", ())
    site = Page(url=target, body=b"") if "://" in target else None
    pages = [*first, site] if site is not None else first
    return learn(pages, [str(c) for c in configured], generic)


def _observe(
    pages: Iterable[Page],
    context: ExtractContext,
    identifier: Identifier,
    joiner: Joiner,
    jobs: int,
) -> Occurrences:
    """Every page's logos and claims, each distinct one identified and joined once."""
    seen = Occurrences()
    for page, found, repeats in extract_all(pages, context, jobs):
        seen.pages += 1
        seen.problems.extend(found.problems)
        for key in repeats:
            seen.repeat(key, page.url)
        for logo in (*found.logos, *found.repeated):
            judge_logo = partial(_judge_logo, logo, identifier, joiner)
            seen.add(logo_key(logo), page.url, judge_logo)
        for claim in found.claims:
            for key, brand in claim_keys(claim):
                judge_claim = partial(_judge_claim, claim, brand, identifier, joiner)
                seen.add(key, page.url, judge_claim)
    return seen


def _evaluate(
    engine: Engine, subjects: Sequence[Subject], problems: Sequence[Problem]
) -> Iterator[Finding]:
    yield from engine.subjects(subjects)
    for problem in problems:
        yield from engine.problem(problem)
    counts = [s.item for s in subjects if isinstance(s.item, Claim) and s.item.kind == "count"]
    yield from engine.scan(ScanFacts(count_claims=counts))


def _judge_logo(logo: Logo, identifier: Identifier, joiner: Joiner) -> Subject:
    return joiner.logo(logo, identifier.identify_logo(logo))


def _judge_claim(
    claim: Claim, brand: str | None, identifier: Identifier, joiner: Joiner
) -> Subject:
    return joiner.claim(claim, identifier.identify_claim(claim, brand))


def _load_contracts(path: Path | None, options: ScanOptions) -> Contracts:
    if path is None:
        return Contracts(accounts=(), rows=0, warnings=(), has_publicity=False)
    given = options.contracts
    return load_contracts(
        path,
        as_of=options.as_of,
        settings=options.settings.section("contracts"),
        encoding=given.encoding,
        delimiter=given.delimiter,
        strict=given.strict,
        vocab=options.settings.section("vocab"),
    )


def _contract_problems(path: Path | None, contracts: Contracts) -> Iterator[Problem]:
    """Doubtful contract rows, so a scan in CI shows them too (LC903)."""
    for warning in contracts.warnings:
        place = Location(str(path), str(path), warning.line)
        yield Problem("contracts", f"{warning.column or 'row'}: {warning.message}", place)


def _context(as_of: date, contracts: Contracts, settings: Settings) -> Context:
    paying = sum(1 for a in contracts.accounts if a.category == "paid")
    claims = load_vocab("claims", settings.section("vocab").get("claims"))
    return Context(
        as_of=as_of,
        has_publicity=contracts.has_publicity,
        paying_accounts=paying,
        customer_nouns=tuple(claims.get("customer_nouns", ())),
    )


def _summary(
    pages: int, subjects: Sequence[Subject], counts: dict[str, int], products: Products
) -> Summary:
    logos = sum(1 for s in subjects if s.kind == "logo")
    return Summary(
        pages=pages,
        logos=logos,
        claims=len(subjects) - logos,
        counts=tuple(sorted(counts.items())),
        products=products.described(),
    )

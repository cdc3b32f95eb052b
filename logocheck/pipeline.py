"""The one place where the stages are wired together.

    observe:  collect -> extract -> identify -> join   -> Observation
    scan:     observe -> evaluate -> suppress/baseline -> Report

``observe`` is what a site shows, each brand identified and joined, with
nothing judged yet: ``logocheck logos`` lists and labels from it, and
``scan`` judges it with the rules.

Pages stream through one at a time. An element that many pages share (a
logo wall in a site-wide footer) is judged once and reported once, with the
number of pages that show it, so memory and output grow with what is
different between pages, not with the number of pages.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, fields
from datetime import date
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from logocheck.baseline import Baseline, apply_baseline
from logocheck.checks import Context, ScanFacts
from logocheck.collect import Source, open_source
from logocheck.collect.folder import FolderSource, PageFile
from logocheck.collect.options import CrawlOptions
from logocheck.collect.progress import ProgressLine, wanted
from logocheck.config import Settings
from logocheck.contracts import AccountIndex, Contracts, load_contracts
from logocheck.evaluate import Engine
from logocheck.extract import ExtractContext
from logocheck.extract.products import LEARN_PAGES, Products, learn
from logocheck.join import Joiner
from logocheck.model import (
    Claim,
    ContractsInfo,
    Finding,
    InlineSuppression,
    Location,
    Logo,
    Page,
    Problem,
    Report,
    RuleInfo,
    RunInfo,
    Subject,
    Summary,
)
from logocheck.occurrences import Occurrences
from logocheck.parallel import Extracted, default_jobs, extract_all
from logocheck.ruleset import Rule, check_prefixes, load_rules, select_rules
from logocheck.suppress import Suppression, Waivers, apply, config_suppressions
from logocheck.vocab import load_vocab

if TYPE_CHECKING:
    from logocheck.identify import Identifier

#: Problem kinds that mean a page went unchecked (a report's "pages failed").
FAILED_PAGE = frozenset({"fetch", "extract"})

#: The name reports give contracts read from standard input.
STDIN_LABEL = "<stdin>"


@dataclass(frozen=True, slots=True)
class ContractsOptions:
    encoding: str | None = None
    delimiter: str | None = None
    strict: bool = False
    label: str | None = None
    """How reports name the contracts file (default: its path). CI passes a
    placeholder, so a runner's temporary path never reaches an uploaded report."""


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Everything a scan can be told, besides its target and contracts."""

    as_of: date = field(default_factory=date.today)
    select: Sequence[str] = ()
    """Rule code prefixes; empty: the config's ``select`` (then ``ignore``) apply."""
    ignore: Sequence[str] = ()
    rule_packs: Sequence[Path] = ()
    contracts: ContractsOptions = field(default_factory=ContractsOptions)
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    settings: Settings = field(default_factory=Settings)
    jobs: int = field(default_factory=default_jobs)
    """Worker processes for extraction on large sites (1: all in-process)."""
    baseline: Baseline | None = None
    """Known findings that no longer count (``--baseline``); see ``baseline.py``."""
    thumbnails: bool = False
    """Make PNG thumbnails of the logo images (for the HTML report)."""
    contract_details: bool = False
    """Findings may quote the contracts file's plans, statuses and dates."""


@dataclass(frozen=True, slots=True)
class Observation:
    """What a site shows, identified and joined, before any rule judges it."""

    target: str
    subjects: tuple[Subject, ...]
    problems: tuple[Problem, ...]
    """What a stage could not do: pages, images, contract rows."""
    inline: tuple[InlineSuppression, ...]
    """The suppressions written in the pages."""
    pages: int
    counts: Mapping[str, int]
    products: Products
    contracts: Contracts
    thumbnails: Mapping[str, str] = field(default_factory=dict)


def scan(target: str, contracts_path: Path | None, options: ScanOptions | None = None) -> Report:
    """Scan ``target`` (a folder or URL) against the contracts; never prints."""
    options = options or ScanOptions()
    rules = _rules(options)
    suppressions = config_suppressions(options.settings)
    seen = observe(target, contracts_path, options)
    engine = Engine(rules, _context(options, seen.contracts, options.settings))
    findings = list(_evaluate(engine, seen.subjects, seen.problems))
    codes = [rule.code for rule in rules]
    waivers = _waive(engine, findings, suppressions, seen.inline, options.as_of, codes)
    report = Report(
        findings=tuple(sorted(waivers.kept, key=Finding.sort_key)),
        suppressed=tuple(sorted(waivers.waived, key=lambda pair: pair[0].sort_key())),
        subjects=seen.subjects,
        summary=_summary(seen),
        target=target,
        run=run_info(contracts_path, seen.contracts.rows, options, rules),
        thumbnails=tuple(sorted(seen.thumbnails.items())),
    )
    return apply_baseline(report, options.baseline) if options.baseline else report


def observe(
    target: str, contracts_path: Path | None, options: ScanOptions | None = None
) -> Observation:
    """Every logo and claim ``target`` shows, identified and joined; never prints.

    Without a contracts file every brand joins no account, which is all
    ``logocheck logos`` needs to list logos.
    """
    options = options or ScanOptions()
    settings = options.settings
    contracts = _load_contracts(contracts_path, options)
    joiner = Joiner(AccountIndex(contracts.table))
    with closing(open_source(target, options.crawl)) as source:
        first, rest = _first_pages(source)
        products = learn_products(first, target, settings)
        names = (name for name, _ in joiner.patterns())
        folder = source if isinstance(source, FolderSource) else None
        context = ExtractContext.build(names, settings, products, links=folder is not None)
        known = folder.page_count if folder is not None else None
        pages = extract_all(chain(first, rest), context, options.jobs, known, folder)
        with closing(pages) as extracted:
            # A large folder's workers run by the first page's end, so the
            # identifier's imports (NumPy, Pillow) are no longer waited for.
            started = list(islice(extracted, 1))
            identifier = _identifier(joiner, source, contracts, contracts_path, options)
            with closing(identifier):
                inline: list[InlineSuppression] = []
                progress = _folder_progress(source, options.crawl)
                linked = folder.check_links if folder is not None else None
                all_pages = chain(started, extracted)
                seen = _identify_pages(all_pages, identifier, joiner, inline, progress, linked)
                subjects = seen.subjects()
                thumbnails = _thumbnails(subjects, source) if options.thumbnails else {}
                problems = (
                    *seen.problems,
                    *source.problems(),
                    *identifier.problems(),
                    *_contract_problems(
                        options.contracts.label or contracts_path, contracts, options
                    ),
                )
        counts = source.counts()
    return Observation(
        target,
        subjects,
        problems,
        tuple(inline),
        seen.pages,
        counts,
        products,
        contracts,
        thumbnails,
    )


def _first_pages(source: Source) -> tuple[list[Page], Iterator[Page | PageFile]]:
    """The first pages, read here to learn the site's product names, and the
    others: a folder's come unread, for the process extracting each to read."""
    if not isinstance(source, FolderSource):
        pages = source.pages()
        return list(islice(pages, LEARN_PAGES)), pages
    listed = source.page_files()
    return list(islice(source.read_pages(listed), LEARN_PAGES)), listed


def _identifier(
    joiner: Joiner,
    source: Source,
    contracts: Contracts,
    contracts_path: Path | None,
    options: ScanOptions,
) -> Identifier:
    """The scan's identifier, its module imported only now: it brings NumPy
    and Pillow, a tenth of a second that a scan pays once extraction runs."""
    from logocheck.identify import Identifier

    return Identifier(
        joiner,
        source.read_asset,
        settings=options.settings,
        accounts=contracts.accounts,
        contracts=_logo_base(contracts_path, options.contracts),
        contracts_label=options.contracts.label,
        cache=options.crawl.cache,
    )


def problem_findings(seen: Observation, options: ScanOptions) -> list[Finding]:
    """The findings about what could not be done (pages, images, contract rows),
    without judging a brand: what ``logocheck logos`` reports beside its list."""
    engine = Engine(_rules(options), _context(options, seen.contracts, options.settings))
    return [finding for problem in seen.problems for finding in engine.problem(problem)]


def _waive(
    engine: Engine,
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    inline: Sequence[InlineSuppression],
    as_of: date,
    codes: Sequence[str],
) -> Waivers:
    """Findings after the reviewed exceptions, plus the findings about the
    exceptions themselves (no reason, unused, expired)."""
    waivers = apply(findings, suppressions, inline, as_of, codes)
    for problem in waivers.problems:
        waivers.kept.extend(engine.problem(problem))
    return waivers


def _rules(options: ScanOptions) -> tuple[Rule, ...]:
    """The rules to run: the options' selection, else the config's, checked alike."""
    settings = options.settings
    rules = load_rules(options.rule_packs)
    codes = [rule.code for rule in rules]
    for key in ("select", "ignore"):
        source, line = settings.where(key)
        place = f"{source}:{line}" if line else source
        check_prefixes(codes, settings.strings(key), f"{place}: {key}")
    select = options.select or settings.strings("select")
    ignore = options.ignore or settings.strings("ignore")
    return select_rules(rules, select, ignore)


def learn_products(first: Sequence[Page], target: str, settings: Settings) -> Products:
    """The site's product names, from its first pages, its host name and the config."""
    configured = settings.section("extract").get("products", [])
    configured = [configured] if isinstance(configured, str) else configured
    claims = load_vocab("claims", settings.section("vocab").get("claims"))
    generic = claims.get("product_generic_words", ())
    site = Page(url=target, body=b"") if "://" in target else None
    pages = [*first, site] if site is not None else first
    return learn(pages, [str(c) for c in configured], generic)


def _identify_pages(
    extracted: Iterable[Extracted],
    identifier: Identifier,
    joiner: Joiner,
    inline: list[InlineSuppression],
    progress: ProgressLine | None = None,
    linked: Callable[[str, str | None, tuple[str, ...]], None] | None = None,
) -> Occurrences:
    """Every page's logos and claims, each distinct one identified and joined once;
    the suppressions written in the pages are gathered into ``inline``, and
    each page's links are handed to ``linked`` (a folder checks them)."""
    seen = Occurrences()
    for url, found, repeats in _prepared_ahead(extracted, identifier):
        seen.pages += 1
        if linked is not None:
            linked(url, found.base, found.links)
        if progress is not None:
            progress.update(seen.pages, 0, len(seen.problems))
        seen.problems.extend(found.problems)
        inline.extend(found.suppressions)
        seen.repeat_all(repeats, url)
        for logo in (*found.logos, *found.repeated):
            judge_logo = partial(_judge_logo, logo, identifier, joiner)
            seen.add(logo.key, url, judge_logo)
            for region, match in identifier.regions(logo):
                seen.add(region.key, url, partial(joiner.logo, region, match))
        for claim in found.claims:
            for key, brand in claim.keys:
                judge_claim = partial(_judge_claim, claim, brand, identifier, joiner)
                seen.add(key, url, judge_claim)
    if progress is not None:
        progress.finish()
    return seen


#: Pages extracted and prepared ahead of the one being judged.
PREPARED_AHEAD = 4


def _prepared_ahead(extracted: Iterable[Extracted], identifier: Identifier) -> Iterator[Extracted]:
    """Each page's extraction, once the next few pages have been extracted and
    prepared (``Identifier.prepare``): their wordmarks are read by a worker
    while this page is judged, instead of after it. Pages are judged in their
    own order, so reports do not change."""
    window: deque[Extracted] = deque()
    for item in extracted:
        identifier.prepare((*item[1].logos, *item[1].repeated))
        window.append(item)
        if len(window) > PREPARED_AHEAD:
            yield window.popleft()
    yield from window


def _folder_progress(source: Source, crawl: CrawlOptions) -> ProgressLine | None:
    """A progress line for a folder scan, where the crawler has none to show."""
    if isinstance(source, FolderSource) and wanted(crawl.progress, sys.stderr):
        return ProgressLine(label="scan")
    return None


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
        return Contracts.empty()
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


def _logo_base(path: Path | None, given: ContractsOptions) -> Path | None:
    """The contracts file as identification sees it: the folder its ``logo``
    paths are relative to. Read from standard input, it has no folder of its
    own, so they are relative to the working folder."""
    return Path(given.label) if given.label == STDIN_LABEL else path


def _contract_problems(
    path: Path | str | None, contracts: Contracts, options: ScanOptions
) -> Iterator[Problem]:
    """Doubtful contract rows, so a scan in CI shows them too (LC903).

    They name the column and line; the cell itself only with contract details.
    """
    for warning in contracts.warnings:
        place = Location(str(path), str(path), warning.line)
        message = warning.text(options.contract_details)
        yield Problem("contracts", f"{warning.column or 'row'}: {message}", place)


def _context(options: ScanOptions, contracts: Contracts, settings: Settings) -> Context:
    paying = contracts.counts.get("paid", 0)
    claims = load_vocab("claims", settings.section("vocab").get("claims"))
    return Context(
        as_of=options.as_of,
        has_publicity=contracts.has_publicity,
        paying_accounts=paying,
        lapse_warning_days=settings.lapse_warning_days,
        customer_nouns=tuple(claims.get("customer_nouns", ())),
        contract_details=options.contract_details,
    )


def _summary(seen: Observation) -> Summary:
    logos = sum(1 for s in seen.subjects if s.kind == "logo")
    return Summary(
        pages=seen.pages,
        logos=logos,
        claims=len(seen.subjects) - logos,
        counts=tuple(sorted(seen.counts.items())),
        failed=sum(1 for p in seen.problems if p.kind in FAILED_PAGE),
        limits=tuple(sorted(p.detail for p in seen.problems if p.kind == "limit")),
        products=seen.products.described(),
    )


#: Crawl settings that change what is scanned, so a report records them.
#: Headers and credentials are left out on purpose: they may hold secrets.
RECORDED_CRAWL = (
    "base_url",
    "include",
    "exclude",
    "allow_hosts",
    "robots",
    "sitemaps",
    "max_pages",
    "max_depth",
    "max_bytes",
    "max_query_variants",
    "time_budget",
)


def run_info(
    contracts_path: Path | None, rows: int, options: ScanOptions, rules: Sequence[Rule] = ()
) -> RunInfo:
    """The inputs a report must name to be reproducible: never the contracts' contents."""
    contracts = ContractsInfo()
    if contracts_path is not None:
        with contracts_path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        label = options.contracts.label or str(contracts_path)
        contracts = ContractsInfo(label, digest, rows)
    return RunInfo(
        as_of=options.as_of.isoformat(),
        contracts=contracts,
        options=_recorded(options),
        rules=tuple(_rule_info(rule) for rule in rules),
    )


def _rule_info(rule: Rule) -> RuleInfo:
    doc = rule.doc
    return RuleInfo(
        rule.code,
        rule.name,
        rule.level,
        rule.summary,
        doc.get("what", ""),
        doc.get("why", ""),
        doc.get("fix", ""),
    )


def _recorded(options: ScanOptions) -> tuple[tuple[str, str], ...]:
    chosen: dict[str, object] = {
        "select": list(options.select),
        "ignore": list(options.ignore),
        "rules": [str(p) for p in options.rule_packs],
        "config": str(options.settings.path) if options.settings.path else None,
    }
    crawl = options.crawl
    defaults = {f.name: f.default for f in fields(crawl)}
    for name in RECORDED_CRAWL:
        value = getattr(crawl, name)
        if value != defaults[name]:
            chosen[name] = list(value) if isinstance(value, tuple) else value
    return tuple((name, _text(value)) for name, value in chosen.items() if value not in (None, []))


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _thumbnails(subjects: Sequence[Subject], source: Source) -> dict[str, str]:
    """Thumbnails read through the scan's own source, while it is still open."""
    from logocheck.identify.thumbnails import thumbnails

    return thumbnails(subjects, source.read_asset)

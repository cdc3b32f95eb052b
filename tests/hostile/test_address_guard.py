"""The private-address guard holds against DNS tricks: checked where it connects.

Every server here listens on loopback (127.0.0.1 is the site, 127.0.0.2 a
"private" service it must not reach); names come from a scripted resolver;
non-loopback connections go to a recording backend that makes none.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import pytest

from fixtures.hostile.dns import NXDOMAIN, SERVFAIL, RecordingNetwork, ScriptedResolver
from logocheck.collect import AssetError
from logocheck.collect.http import HttpSource
from logocheck.collect.options import CrawlOptions
from tests.collect.servers import Server, page, raw, routes, serving

pytestmark = pytest.mark.timeout(30)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
PUBLIC = "93.184.216.34"
OPTIONS = CrawlOptions(backoff=0.01, timeout=3.0, progress=False, retries=0, robots=False)


def private_service() -> AbstractContextManager[Server]:
    """A server on 127.0.0.2 standing for an intranet service."""
    return serving(raw(PNG, "image/png"), host="127.0.0.2")


def read(source: HttpSource, url: str) -> str:
    with pytest.raises(AssetError) as refused:
        source.read_asset(url)
    return str(refused.value)


def test_a_name_that_fails_then_rebinds_to_a_private_address_is_never_reached() -> None:
    with private_service() as intranet, serving(routes({"/": page("<p>home")})) as site:
        port = intranet.server_address[1]
        resolver = ScriptedResolver(
            {
                "rebind.test": [SERVFAIL, ["127.0.0.2"]],
                "flip.test": [[PUBLIC], ["127.0.0.2"]],
                "mixed.test": [[PUBLIC, "127.0.0.2"]],
                "gone.test": [NXDOMAIN],
            }
        )
        network = RecordingNetwork()
        with HttpSource(site.url, OPTIONS, resolve=resolver, network=network) as source:
            list(source.pages())
            first = read(source, f"http://rebind.test:{port}/a.png")
            second = read(source, f"http://rebind.test:{port}/b.png")
            flip_one = read(source, f"http://flip.test:{port}/a.png")
            flip_two = read(source, f"http://flip.test:{port}/b.png")
            mixed = read(source, f"http://mixed.test:{port}/a.png")
            gone = read(source, f"http://gone.test:{port}/a.png")
    assert "rebind.test could not be resolved" in first
    assert "rebind.test is a private address (127.0.0.2)" in second
    assert "not loopback" in flip_one  # the checked public address is the one connected
    assert "flip.test is a private address (127.0.0.2)" in flip_two
    assert "mixed.test is a private address (127.0.0.2)" in mixed
    assert "gone.test could not be resolved" in gone
    assert resolver.queries.count("rebind.test") == 2  # looked up per connection, not cached
    assert intranet.paths() == []
    assert ("127.0.0.2", port) not in network.attempts
    assert (PUBLIC, port) in network.attempts


def test_metadata_and_intranet_addresses_are_refused_without_a_connection() -> None:
    links = '<a href="http://169.254.169.254/latest/">m</a><a href="http://intranet.test/">i</a>'
    table = {"/": page(links + '<img src="http://[::ffff:10.0.0.7]/x.png">')}
    resolver = ScriptedResolver({"intranet.test": [["10.0.0.7"]]})
    network = RecordingNetwork()
    with serving(routes(table)) as site:
        options = CrawlOptions(
            **{**_fields(OPTIONS), "allow_hosts": ("169.254.169.254", "intranet.test")}
        )
        with HttpSource(site.url, options, resolve=resolver, network=network) as source:
            list(source.pages())
            image = read(source, "http://[::ffff:10.0.0.7]/x.png")
            problems = [p.detail for p in source.problems()]
    assert any("169.254.169.254 is a private address" in p for p in problems)
    assert any("intranet.test is a private address (10.0.0.7)" in p for p in problems)
    assert "is a private address (10.0.0.7)" in image
    assert [host for host, _ in network.attempts if not host.startswith("127.")] == []


def test_the_system_resolver_is_checked_too() -> None:
    """``localhost`` is a name for loopback: not the target's host, so refused."""
    with private_service() as intranet, serving(routes({"/": page("<p>home")})) as site:
        port = intranet.server_address[1]
        with HttpSource(site.url, OPTIONS) as source:
            list(source.pages())
            refused = read(source, f"http://localhost:{port}/a.png")
    assert "localhost is a private address" in refused
    assert intranet.paths() == []


def test_allow_private_reaches_the_private_service() -> None:
    with private_service() as intranet, serving(routes({"/": page("<p>home")})) as site:
        port = intranet.server_address[1]
        options = CrawlOptions(**{**_fields(OPTIONS), "allow_private": True})
        with HttpSource(site.url, options) as source:
            list(source.pages())
            assert source.read_asset(f"http://127.0.0.2:{port}/a.png") == PNG
    assert intranet.paths() == ["/a.png"]


def _fields(options: CrawlOptions) -> dict[str, object]:
    return {name: getattr(options, name) for name in options.__slots__}  # type: ignore[attr-defined]

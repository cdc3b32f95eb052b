"""The SVG safety check holds on its own, whatever resvg would have done."""

from __future__ import annotations

import pytest

from logocheck.identify.svg import UnsafeSvg, check_svg

pytestmark = pytest.mark.timeout(10)

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<style>rect { fill: url(http://198.51.100.7/x.svg#p) }</style>", "url("),
        ("<style>@import 'http://198.51.100.7/a.css';</style>", "@import"),
        ("<style>@IMPORT url(a.css);</style>", "@import"),
        ("<style>@im/**/port 'a.css';</style>", "@import"),
        ("<style>rect { fill: u\\72l(http://x.test/p) }</style>", "url("),
        ("<style>rect { fill: \\75 rl(file:///etc/passwd) }</style>", "url("),
        ("<style><![CDATA[rect{background:url('//x.test/a')}]]></style>", "url("),
        ('<rect style="fill: \\000075rl(http://x.test/a)"/>', "url("),
        ('<rect fill="ur/**/l(http://x.test/a)"/>', "url("),
        ("<foreignobject><p>hi</p></foreignobject>", "foreignobject"),
        ("<FOREIGNOBJECT/>", "FOREIGNOBJECT"),
        ("<Script>alert(1)</Script>", "Script"),
        ('<image HREF="http://x.test/a.png"/>', "external"),
    ],
)
def test_hostile_svg_is_refused(body: str, reason: str) -> None:
    with pytest.raises(UnsafeSvg) as refused:
        check_svg(OPEN + body + "</svg>")
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "body",
    [
        "<style>rect { fill: url(#grad) } /* a comment */</style><rect/>",
        '<rect fill="url(#g)"/>',
        "<style>.a{content:'\\2014'}</style>",
    ],
)
def test_self_contained_styles_pass(body: str) -> None:
    assert check_svg(OPEN + body + "</svg>")

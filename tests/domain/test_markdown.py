"""The Markdown sanitiser against hostile input (no Flask)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from journal.domain.markdown import ALLOWED_TAGS, render_markdown

SAFE_TAGS = ALLOWED_TAGS

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<div hx-get="/logout" hx-trigger="load">x</div>',
    '<a href="/x" hx-post="/journal/1/delete">x</a>',
    "![x](javascript:alert(1))",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<form action="/logout" method="post"><button>x</button></form>',
    "[x](vbscript:msgbox(1))",
]


class Elements(HTMLParser):
    """Collects the real elements and attributes of an HTML string (escaped text is only text)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_harmless(html):
    for tag, attrs in Elements(html).found:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith(("on", "hx-", "data-")) and name != "style", name
            if name in ("href", "src"):
                assert urlsplit(value.strip()).scheme.lower() in ("http", "https", "mailto", ""), value


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text):
    html = render_markdown(text)
    assert_harmless(html)


def test_the_check_itself_catches_hostile_html():
    with pytest.raises(AssertionError):
        assert_harmless('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_harmless('<p hx-get="/x">x</p>')


def test_ordinary_markdown_renders():
    html = render_markdown("**bold** and [a link](https://example.com)\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">a link</a>' in html
    assert "<li>one</li>" in html


def test_empty_and_none():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""

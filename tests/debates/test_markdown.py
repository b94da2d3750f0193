"""Markdown is rendered once on save and sanitized with an allow-list: nothing executable reaches the stored HTML."""

import re

import pytest

from debates.markdown import render_markdown
from tests.factories import make_debate, make_intervention, make_paragraph

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "Hello <SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    '<a href="javascript:alert(1)">x</a>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(2)">hover</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="&#106;avascript:alert(1)">entity</a>',
    "<a href='vbscript:msgbox(1)'>vb</a>",
    "<meta http-equiv=refresh content=0;url=https://evil.example>",
    "<base href=https://evil.example/>",
    "<details open ontoggle=alert(1)>",
    "<unclosed <b>bold <i>nested",
]

EXECUTABLE = re.compile(
    r"<\s*(script|iframe|style|object|embed|form|input|svg|math|meta|base|link|details)\b"
    r"|\son[a-z]+\s*="
    r"|(href|src|action)\s*=\s*[\"']?\s*(javascript|vbscript|data):"
    r"|style\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN)
def test_rendering_removes_everything_executable(source):
    html = render_markdown(source)
    assert not EXECUTABLE.search(html), html


@pytest.mark.django_db
@pytest.mark.parametrize("source", HOSTILE_MARKDOWN)
def test_stored_html_of_every_markdown_field_is_sanitized(source):
    debate = make_debate(abstract=source)
    paragraph = make_paragraph(debate, text=source)
    intervention = make_intervention(paragraph, text=source)
    for html in (debate.abstract_html, paragraph.text_html, intervention.text_html):
        assert not EXECUTABLE.search(html), html
    debate.refresh_from_db()
    assert not EXECUTABLE.search(debate.abstract_html)


def test_ordinary_markdown_still_renders():
    html = render_markdown("Some *emphasis*, a [link](https://www.un.org/) and\n\n- a list")
    assert "<em>emphasis</em>" in html
    assert '<a href="https://www.un.org/" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<li>a list</li>" in html


def test_blank_markdown_renders_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""

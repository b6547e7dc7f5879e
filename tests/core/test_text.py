from core.text import render_markdown


def test_markdown_renders_formatting_and_links():
    html = render_markdown("Meet **monthly**. See [our site](https://example.org/).")
    assert "<strong>monthly</strong>" in html
    assert 'href="https://example.org/"' in html


def test_script_and_event_handlers_render_inert():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
        '<a href="javascript:alert(3)" onclick="alert(4)">click</a>\n\n'
        "[link](javascript:alert(5))"
    )
    assert "<script" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""

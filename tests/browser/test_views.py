"""The report and the viewer, opened, clicked and searched in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from tests.browser.conftest import Server, screenshot
from tests.conftest import run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Page

HOSTILE = (
    "<script>window.pwned = 1; alert('script')</script>"
    "<img src=x onerror=\"window.pwned = 2; alert('img')\">"
    "<a href=\"javascript:window.pwned = 3; alert('link')\">a link</a> "
    '<svg onload="window.pwned = 4"></svg><iframe src="javascript:alert(5)"></iframe> '
    "The harbour master wrote that the storm broke the northern wall at dawn, and that "
    "no ship left port for three days while the town waited for the wind to turn.\n"
)


def _in_view(page: Page, selector: str, container: str) -> bool:
    """Whether the element is inside the visible part of its scrolling container."""
    result: bool = page.evaluate(
        """([sel, box]) => {
            const e = document.querySelector(sel).getBoundingClientRect();
            const c = document.querySelector(box).getBoundingClientRect();
            return e.bottom > c.top && e.top < c.bottom;
        }""",
        [selector, container],
    )
    return result


def test_seeds_report_links_each_passage_to_its_counterpart(
    page: Page, dialogs: list[str], shared: Path, tmp_path: Path
) -> None:
    seeds = shared / "corpus" / "seeds"
    out = tmp_path / "seeds.html"
    result = run_cli(
        "compare", str(seeds / "martens-1995-en.txt"),
        str(seeds / "martens-2019-retranslation-en.txt"), "--format", "html", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page.goto(out.as_uri())
    # The 2019 text's last section is lit up, and its preface is not.
    b_text = page.locator("#side-b .text")
    marks = page.locator("#side-b mark")
    assert marks.count() > 50
    first = page.evaluate(
        "() => { const t = document.querySelector('#side-b .text');"
        " const r = document.createRange(); r.setStart(t, 0);"
        " r.setEndBefore(t.querySelector('mark')); return r.toString().length; }"
    )
    assert first > 0.8 * len(b_text.inner_text()) - 8000  # starts late in B: after the preface
    # Paragraph by paragraph: many aligned segments.
    segments = page.evaluate(
        "() => new Set([...document.querySelectorAll('#side-b mark[data-s]')]"
        ".map(m => m.dataset.s)).size"
    )
    assert segments >= 20
    target = page.locator("#side-b mark[data-s]").nth(300)
    segment = target.get_attribute("data-s")
    target.click()
    peer = f'#side-a mark[data-s="{segment}"].seg-focus'
    page.wait_for_selector(peer)
    assert _in_view(page, peer, "#side-a")
    assert page.locator(f'#side-b mark[data-s="{segment}"].seg-focus').count() >= 1
    # The quotations, with the citations carried over from 1995.
    carried = page.locator("#quotations .badge.carried")
    assert carried.count() >= 6
    assert dialogs == []
    page.locator(peer).first.scroll_into_view_if_needed()
    screenshot(page, "report-seeds.png")


def test_hostile_text_renders_as_text_in_the_report(
    page: Page, dialogs: list[str], tmp_path: Path
) -> None:
    a, b, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "r.html"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text("Copied: " + HOSTILE, encoding="utf-8")
    assert run_cli("compare", str(a), str(b), "--format", "html", "-o", str(out)).returncode == 0
    page.goto(out.as_uri())
    page.locator("#side-a mark").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    assert "<script>window.pwned" in page.locator("#side-a .text").inner_text()
    assert page.locator("#side-a img, #side-a svg, #side-a iframe, #side-a a").count() == 0


def test_serve_finds_a_paraphrase_and_its_source(page: Page, shared: Path) -> None:
    task = shared / "eval" / "tasks" / "embedded"
    gold = json.loads((task / "gold.json").read_text(encoding="utf-8"))
    # A passage inserted in Basic English (a paraphrase) into a novel excerpt.
    case = next(c for c in gold["cases"] if c["version"] == "BBE")
    whole = next(
        p for p in gold["passages"]
        if p["a_doc"] == case["a_doc"] and p["a"][0] <= case["a"][0] < p["a"][1]
    )  # fmt: skip
    text = (task / "docs" / whole["a_doc"]).read_text(encoding="utf-8")
    query = text[whole["a"][0] : whole["a"][1]]
    server = Server(str(task / "docs"))
    try:
        page.goto(server.url)
        assert page.locator("table.list tbody tr").count() == 80
        screenshot(page, "serve-documents.png")
        page.fill("input[name=q]", query)
        page.click("form.search button")
        page.wait_for_selector("ol.hits")
        listed = page.locator("ol.hits li a").all_inner_texts()
        assert any(name.endswith(whole["b_doc"]) for name in listed), listed
        screenshot(page, "serve-search.png")
        source = next(n for n in listed if n.endswith(whole["b_doc"]))
        page.locator("ol.hits li a", has_text=source).first.click()
        page.locator("table.list a", has_text="side by side").first.click()
        page.wait_for_selector("#side-a")
        screenshot(page, "serve-pair.png")
        page.goto(server.url + "clusters")
        assert page.locator("section.cluster").count() >= 10
        screenshot(page, "serve-clusters.png")
    finally:
        server.close()


def test_hostile_text_renders_as_text_in_the_server(
    page: Page, dialogs: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "b.html").write_text(
        "<p>Copied:</p><pre>" + HOSTILE.replace("<", "&lt;") + "</pre>", encoding="utf-8"
    )
    server = Server(str(folder), extra=("--no-semantic",))
    try:
        for path in ("", "doc/0", "doc/1", "pair/0/1", "clusters"):
            page.goto(server.url + path)
            page.wait_for_timeout(100)
            assert page.evaluate("() => window.pwned") is None, path
        page.goto(server.url + "search?q=" + "%3Cscript%3Ewindow.pwned%3D9%3C%2Fscript%3E")
        assert page.evaluate("() => window.pwned") is None
        assert dialogs == []
        page.goto(server.url + "doc/0")
        assert "<script>window.pwned" in page.locator(".doc").inner_text()
    finally:
        server.close()


def test_the_collation_page_shows_each_witness_and_draws_moves(
    page: Page, dialogs: list[str], shared: Path, tmp_path: Path
) -> None:
    files = sorted((shared / "corpus" / "darwin" / "witnesses").glob("Ch1-2200_*.txt"))
    out = tmp_path / "collation.html"
    done = run_cli("collate", *map(str, files), "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page.goto(out.as_uri())
    assert page.locator("ol#apparatus li").count() >= 10
    for f in (files[0], files[-1]):
        page.check(f'input[value="w{f.stem.rsplit("_", 1)[1]}"]')
        shown = page.locator("#text").inner_text()
        assert shown.split() == f.read_text(encoding="utf-8").split()
    # A move: clicking one place lights up the other place and the entries.
    page.locator("#text .moved").first.click()
    assert page.locator("#text .moved.focus").count() >= 2
    assert page.locator("ol#apparatus li.focus").count() >= 2
    # A variant in the apparatus lights up its place in the text.
    page.locator("ol#apparatus li").nth(2).click()
    assert page.locator("#text .var.focus").count() >= 1
    assert dialogs == []
    screenshot(page, "collate-darwin.png")


def test_hostile_text_renders_as_text_in_the_collation_page(
    page: Page, dialogs: list[str], tmp_path: Path
) -> None:
    a, b, out = tmp_path / "x_a.txt", tmp_path / "x_b.txt", tmp_path / "c.html"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text(HOSTILE.replace("storm", "gale") + HOSTILE[:60], encoding="utf-8")
    assert run_cli("collate", str(a), str(b), "--format", "html", "-o", str(out)).returncode == 0
    page.goto(out.as_uri())
    page.check('input[value="b"]')
    page.locator("#text .var").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    assert "<script>window.pwned" in page.locator("#text").inner_text()
    assert page.locator("#text img, #text svg, #text iframe, #text a").count() == 0

"""The HTML report in a real browser (Debian's Chromium driven by Playwright).

The seed is reviewed with the real LanguageTool server, its report opened from
file://, decisions taken with clicks and keys, exported, imported with
`reviewer decide --import`, applied, and the corrected text compared.
Screenshots of the seed's report go to reports/ for a human to look at.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, ROOT, SEED

pytestmark = pytest.mark.browser

SHOTS = ROOT / "reports"
CARDS_PER_PAGE = 50  # PAGE in reviewer/static/report.js: the seed has more findings than that
EXPECTED = DATA / "html" / "seed.corrected.txt"
RunCli = Any


class Watched:
    """A page whose dialogs, console errors and page errors are recorded."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: m.type in ("error", "warning")
                     and self.problems.append(f"console {m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("html[data-ready]")
        return self.page


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield ctx
    ctx.close()


def review(run_cli: RunCli, tmp_path: Path, text: str, name: str = "seed.txt") -> tuple[Path, Path]:
    """`reviewer review` of `text`; returns (review file, HTML report)."""
    doc = tmp_path / name
    doc.write_text(text, "utf-8")
    out = tmp_path / "reports" / (doc.stem + ".review.json")
    code, stdout, err = run_cli("review", str(doc), "-o", str(out))
    assert code == 0, err
    html = tmp_path / "reports" / (doc.stem + ".html")
    assert f"{html}: HTML report" in stdout
    return out, html


@pytest.fixture(scope="module")
def seed(lt_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed reviewed once for this module: (review file, HTML report). Do not change them."""
    from reviewer.cli import main

    folder = tmp_path_factory.mktemp("seed")
    doc = folder / "seed.txt"
    shutil.copy(SEED, doc)
    out = folder / "reports" / "seed.review.json"
    # en-US, as the decisions below were written for it (by default the seed is en-GB)
    assert main(["review", str(doc), "-o", str(out), "--server", lt_url, "--all",
                 "--language", "en-US"]) == 0
    return out, out.with_name("seed.html")


def ids_by_rule(review_file: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in json.loads(review_file.read_text("utf-8"))["suggestions"]:
        out.setdefault(s["finding"]["rule_id"], []).append(s["id"])
    return out


def id_of(review_file: Path, rule: str, text: str) -> str:
    (found,) = [s["id"] for s in json.loads(review_file.read_text("utf-8"))["suggestions"]
                if s["finding"]["rule_id"] == rule and s["finding"]["text"] == text]
    return str(found)


def visible_text(page: Any, selector: str) -> str:
    """What a sighted reader sees: the text without the visually hidden words."""
    return str(page.evaluate(
        "s => { const c = document.querySelector(s).cloneNode(true);"
        " c.querySelectorAll('.vh').forEach(e => e.remove()); return c.textContent; }",
        selector))


def card_status(page: Any, sid: str) -> str:
    return str(page.locator(f"#c-{sid} .status").inner_text())


def test_seed_review_decide_export_import_apply(
    run_cli: RunCli, seed: tuple[Path, Path], context: Any, tmp_path: Path
) -> None:
    review_file, html = tmp_path / "seed.review.json", seed[1]
    shutil.copy(seed[0], review_file)
    rules = ids_by_rule(review_file)
    w = Watched(context)
    page = w.open(html)
    findings = sum(len(v) for v in rules.values())
    assert page.locator("mark.m").count() == findings >= 19
    assert page.locator("li.card").count() == min(findings, CARDS_PER_PAGE)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "seed-report-top.png"))

    an = id_of(review_file, "EN_A_VS_AN", "a")
    first = id_of(review_file, "TQA_LET_TO", "to")
    kazbat = id_of(review_file, "MORFOLOGIK_RULE_EN_US", "Kazbat")
    antihuman = id_of(review_file, "MORFOLOGIK_RULE_EN_US", "antihuman")
    # accept one: click its mark, then Accept on the card that became current
    page.click(f"#m-{an}")
    assert "current" in (page.get_attribute(f"#c-{an}", "class") or "")
    page.click(f"#c-{an} button[data-action=accept]")
    assert card_status(page, an) == "Status: accepted"
    # choose the second alternative ("let us") on another, then accept it
    page.check(f"#c-{first} input[value='1']")
    assert "us" in page.locator(f"#c-{first} .diff ins").inner_text()
    page.click(f"#c-{first} button[data-action=accept]")
    assert card_status(page, first) == "Status: accepted (alternative 2)"
    # reject a third, with the keyboard: select it, then `r` (its mark brings its card's page)
    page.click(f"#m-{kazbat}")
    page.click(f"#c-{kazbat} .msg")
    page.keyboard.press("r")
    assert card_status(page, kazbat) == "Status: rejected"
    # edit a fourth (no replacement offered): Edit, type, Enter
    page.click(f"#m-{antihuman}")
    page.click(f"#c-{antihuman} button[data-action=edit]")
    page.fill(f"#c-{antihuman} .edit-box input", "inhumane")
    page.keyboard.press("Enter")
    assert card_status(page, antihuman) == "Status: edited"
    assert "st-accepted" in (page.get_attribute(f"#m-{an}", "class") or "")

    # decisions survive a reload of the page (localStorage, keyed by the document hash)
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert card_status(page, first) == "Status: accepted (alternative 2)"
    assert "4 decisions restored" in page.locator("#status-line").inner_text()

    page.click(f"#m-{an}")
    page.screenshot(path=str(SHOTS / "seed-report-decided.png"))
    page.check("input[name=view][value=proposed]")
    proposed = visible_text(page, "#view-text")
    assert "Using an opportunity" in proposed and "First of all, let us express" in proposed
    page.screenshot(path=str(SHOTS / "seed-report-proposed.png"))

    page.fill("#by", "ann")
    with page.expect_download() as info:
        page.click("#export")
    exported = tmp_path / "decisions.json"
    info.value.save_as(str(exported))
    assert info.value.suggested_filename == "seed.txt.decisions.json"
    data = json.loads(exported.read_text("utf-8"))
    assert data["document_sha256"] == json.loads(review_file.read_text())["document"]["sha256"]
    assert [(d["id"], d["status"], d["choice"], d["edited_text"]) for d in data["decisions"]] == [
        (first, "accepted", 1, None),
        (an, "accepted", 0, None),
        (antihuman, "edited", None, "inhumane"),
        (kazbat, "rejected", None, None),
    ]
    assert {d["by"] for d in data["decisions"]} == {"ann"}

    code, _, err = run_cli("decide", str(review_file), "--import", str(exported))
    assert code == 0, err
    history = json.loads(review_file.read_text("utf-8"))["history"]
    assert [(h["action"], h["by"]) for h in history] == [("import", "ann")] * 4
    corrected = tmp_path / "seed.corrected.txt"
    document = json.loads(review_file.read_text("utf-8"))["document"]["path"]
    # the review file was copied away from its document: name the document
    code, out, err = run_cli("apply", str(review_file), "-o", str(corrected),
                             "--document", document)
    assert code == 0, out + err
    assert corrected.read_text("utf-8") == EXPECTED.read_text("utf-8")
    assert w.problems == []


def test_export_from_an_older_document_version_is_refused(
    run_cli: RunCli, context: Any, tmp_path: Path
) -> None:
    review_file, html = review(run_cli, tmp_path, "He go to school. It is a opportunity.\n")
    page = Watched(context).open(html)
    page.keyboard.press("j")
    page.keyboard.press("a")
    with page.expect_download() as info:
        page.click("#export")
    exported = tmp_path / "old.decisions.json"
    info.value.save_as(str(exported))
    review(run_cli, tmp_path, "He go to school today. It is a opportunity.\n")
    before = review_file.read_bytes()
    code, _, err = run_cli("decide", str(review_file), "--import", str(exported))
    assert code == 2
    assert "another version" in err and "none applied" in err
    assert review_file.read_bytes() == before


XSS = (
    '<script>alert("s1")</script> He go to school.\n\n'
    '"><img src=x onerror=alert("s2")> It is a opportunity.\n\n'
    '<a href="javascript:alert(\'s3\')">click</a> javascript:alert("s4") '
    '</script><script>alert("s5")</script> {{ 7*7 }} {% if x %}y{% endif %} ${alert("s6")}\n'
)


def test_xss_payloads_render_as_text_and_nothing_runs(
    run_cli: RunCli, context: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    review_file, html = review(run_cli, tmp_path, XSS, name="xss.txt")
    w = Watched(context)
    page = w.open(html)
    assert page.locator("mark.m").count() == sum(len(v) for v in ids_by_rule(review_file).values())
    assert page.locator("img").count() == 0
    assert page.locator("a[href^=javascript]").count() == 0
    assert page.locator("#page-prev").is_hidden()  # one page of cards: no page buttons
    assert page.locator("script").count() == 2
    # The paragraphs use content-visibility: until Chromium has laid them out, their
    # rendered text is empty. Wait for the rendered text instead of reading it once.
    markup = page.locator("#view-markup")
    for payload in ('<script>alert("s1")</script>', "{{ 7*7 }}", 'onerror=alert("s2")>'):
        expect(markup).to_contain_text(payload, use_inner_text=True)
    # walk every card, search for a payload, switch every view, accept all shown
    for _ in range(page.locator("li.card").count()):
        page.keyboard.press("j")
    page.fill("#f-search", "<script>")
    page.fill("#f-search", "")
    for view in ("proposed", "original", "markup"):
        page.check(f"input[name=view][value={view}]")
    expect(markup).to_be_visible()
    expect(markup).to_contain_text('</script><script>alert("s5")', use_inner_text=True)
    page.click("#accept-shown")
    page.click("#undo")
    assert w.problems == []


def test_filters_accept_all_shown_and_undo(seed: tuple[Path, Path], context: Any) -> None:
    review_file, html = seed
    rules = ids_by_rule(review_file)
    total = sum(len(v) for v in rules.values())
    rule = max(sorted(rules), key=lambda r: len(rules[r]))  # the most frequent rule
    n = len(rules[rule])
    assert n >= 2
    w = Watched(context)
    page = w.open(html)
    page.select_option("#f-rule", rule)
    assert page.locator("li.card").count() == n
    assert page.locator("mark.m.out").count() == total - n
    pending = int(page.inner_text("#headline [data-count=pending]"))
    page.click("#accept-shown")
    assert page.locator("li.card .status", has_text="accepted").count() == n
    # the headline and the folded summary follow the decisions
    assert page.inner_text("#headline [data-count=pending]") == str(pending - n)
    page.click("#summary > summary")
    assert page.inner_text("#n-accepted") == str(n)
    page.select_option("#f-rule", label="all")
    page.select_option("#f-status", "accepted")
    assert page.locator("li.card").count() == n
    page.click("#undo")
    assert page.inner_text("#n-accepted") == "0"
    first = rules[rule][0]
    page.click(f"#m-{first}")
    page.click(f"#c-{first} button[data-action=reject]")
    page.click(f"#c-{first} button[data-action=reset]")
    assert card_status(page, first) == "Status: pending"
    assert page.locator(f"#c-{first} button[data-action=reset]").count() == 0
    page.select_option("#f-status", "pending")
    assert page.locator("li.card").count() == min(total, CARDS_PER_PAGE)
    # keyboard: j/k and n/p move the current suggestion; the card gets focus
    page.keyboard.press("j")
    page.keyboard.press("n")
    page.keyboard.press("k")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("c-") and focused == "c-" + page.evaluate(
        "document.querySelector('mark.m.current').dataset.id")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("BUTTON", "INPUT")
    assert w.problems == []


def test_confidence_filters_and_orders_the_cards(seed: tuple[Path, Path], context: Any) -> None:
    review_file, html = seed
    conf = {s["id"]: s["finding"]["confidence"]
            for s in json.loads(review_file.read_text("utf-8"))["suggestions"]}
    sure = sorted(i for i, c in conf.items() if c >= 0.8)
    assert 0 < len(sure) < len(conf)  # the seed has both, so the filter has work to do
    w = Watched(context)
    page = w.open(html)
    page.select_option("#f-confidence", "0.8")
    expect_ids = page.locator("li.card").evaluate_all("cs => cs.map(c => c.dataset.id)")
    assert sorted(expect_ids) == sure
    assert page.locator("mark.m.out").count() == len(conf) - len(sure)
    page.select_option("#f-confidence", label="all")
    page.select_option("#f-order", "confidence")
    first = page.locator("li.card").first
    top = max(conf.values())
    assert first.get_attribute("data-id") in {i for i, c in conf.items() if c == top}
    assert f"confidence {top:.2f}" in first.locator(".where").inner_text()
    page.select_option("#f-order", "-confidence")
    assert conf[str(page.locator("li.card").first.get_attribute("data-id"))] == min(conf.values())
    # j goes to the next card in the order shown, not in document order
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.locator("li.card.current").get_attribute("data-id")
    ordered = sorted(conf, key=lambda i: conf[i])
    assert conf[str(second)] == conf[ordered[1]]
    assert w.problems == []


def test_readable_at_200_percent_zoom_and_in_print(
    seed: tuple[Path, Path], browser: Any, tmp_path: Path
) -> None:
    review_file, html = seed
    total = sum(len(v) for v in ids_by_rule(review_file).values())
    # 200% zoom of a 1280-pixel window: the page lays out in 640 CSS pixels
    ctx = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    try:
        w = Watched(ctx)
        page = w.open(html)
        assert page.evaluate("document.documentElement.scrollWidth") <= 640
        page.keyboard.press("j")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "seed-report-zoom200.png"))
        page.emulate_media(media="print")
        assert page.locator("section.controls").is_hidden()
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what printing fires
        assert page.locator("li.card").count() == total  # every card, not one page of them
        assert page.locator("#view-markup mark.m").first.is_visible()
        page.pdf(path=str(tmp_path / "seed.pdf"))
        assert (tmp_path / "seed.pdf").stat().st_size > 10_000
        assert w.problems == []
    finally:
        ctx.close()


def test_keyboard_alone_skip_link_focus_ring_and_decision(
    seed: tuple[Path, Path], context: Any
) -> None:
    w = Watched(context)
    page = w.open(seed[1])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "document"
    page.keyboard.press("j")
    current = page.evaluate("document.activeElement.dataset.id")
    # Tab to the card's Accept button (past any alternatives), then Enter
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == "accept":
            break
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"  # the focus is visible
    page.keyboard.press("Enter")
    assert card_status(page, current).startswith("Status: accepted")
    assert w.problems == []


def test_views_keep_spans_right_after_astral_characters(
    context: Any, tmp_path: Path
) -> None:
    # Rendering only (recorded-style findings): code-point spans after an emoji
    # must land on the same characters in JavaScript's UTF-16 strings.
    from datetime import UTC, datetime

    from reviewer.html.render import render
    from tests.test_html_render import finding, page_of

    text = "Smile 😀😀 he go home.\n\n𝐁old 𝐭ext is a opportunity.\n"
    fs = [finding(text, text.index("go"), text.index("go") + 2, "HE_VERB_AGR", ("goes",)),
          finding(text, text.index("a opp"), text.index("a opp") + 1, "EN_A_VS_AN", ("an",))]
    html = tmp_path / "astral.html"
    html.write_text(render(page_of(text, fs), lambda: datetime(2026, 1, 1, tzinfo=UTC)), "utf-8")
    w = Watched(context)
    page = w.open(html)
    assert [visible_text(page, f"#m-{f.id}") for f in fs] == ["▲go", "▲a"]
    page.check("input[name=view][value=proposed]")
    assert visible_text(page, "#view-text") == (
        "Smile 😀😀 he goes home.𝐁old 𝐭ext is an opportunity.\n")
    page.check("input[name=view][value=original]")
    assert visible_text(page, "#view-text") == text.replace("\n\n", "", 1)
    assert w.problems == []


def test_first_screen_at_1280x800_holds_the_text_and_the_first_card(
    seed: tuple[Path, Path], browser: Any
) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        w = Watched(ctx)
        page = w.open(seed[1])
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "seed-report-first-screen.png"))

        def box(selector: str) -> dict[str, float]:
            found = page.locator(selector).first.bounding_box()
            assert found is not None, selector
            return dict(found)

        # the summary is folded away; the document and a whole first card are on screen
        assert page.locator("#summary").get_attribute("open") is None
        assert box("#view-markup .para")["y"] < 400
        first_mark = box("#view-markup mark.m")
        assert first_mark["y"] + first_mark["height"] <= 800
        accept = box("li.card button[data-action=accept]")
        assert accept["y"] + accept["height"] <= 800
        # page buttons only when the cards take more than one page (50 a page)
        total = sum(len(v) for v in ids_by_rule(seed[0]).values())
        paged = total > 50
        assert page.locator("#page-prev").is_visible() is paged
        assert page.locator("#page-next").is_visible() is paged
        if not paged:
            assert page.inner_text("#page-info") == f"{page.locator('li.card').count()} shown"
        # a full-page screenshot ends with the document's last line, not a blank area
        page.screenshot(path=str(SHOTS / "seed-report-full.png"), full_page=True)
        blank = page.evaluate(
            "() => { const ps = document.querySelectorAll('#view-markup .para');"
            " const last = ps[ps.length - 1].getBoundingClientRect();"
            " return document.documentElement.scrollHeight - (last.bottom + window.scrollY); }")
        assert blank < 100
        assert page.evaluate("getComputedStyle(document.querySelector('.para'))"
                             ".contentVisibility") == "visible"
        # a quote change (« and a space -> ") is drawn larger than the text, the space as ␣
        quote = page.locator("li.card", has_text="TQA_FOREIGN_QUOTES").first
        card_id = quote.get_attribute("id")
        assert visible_text(page, f"#{card_id} .diff del.tiny") == "−«␣"
        assert visible_text(page, f"#{card_id} .diff ins.tiny") == '+"'
        tiny = quote.locator(".diff del.tiny")
        size = float(tiny.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
        assert size >= 1.2 * body
        assert w.problems == []
    finally:
        ctx.close()


def big_report(tmp_path: Path, findings: int) -> Path:
    """A report of `findings` suggestions, two in each sentence of a plain document.

    Made without LanguageTool (the findings are written here) so that the page
    itself is what is tested: 5 sentences a paragraph, 'go' and 'a' in each.
    """
    from reviewer.html.render import render
    from reviewer.html.view import Page
    from reviewer.model import Finding, Severity
    from reviewer.review.suggest import build_suggestion
    from reviewer.text.document import count_words
    from reviewer.text.lines import LineIndex

    sentence = "He go to the market every day and it is a opportunity for him. "
    n_sentences = (findings + 1) // 2
    text = "\n\n".join((sentence * min(5, n_sentences - i)).rstrip()
                       for i in range(0, n_sentences, 5)) + "\n"
    lines = LineIndex(text)
    out: list[Finding] = []
    at = 0
    for _ in range(n_sentences):
        at = text.index("He go", at)
        for word, reps, rule in (("go", ("goes", "went"), "HE_VERB_AGR"),
                                 ("a", ("an",), "EN_A_VS_AN")):
            if len(out) < findings:
                start = text.index(f" {word} ", at) + 1
                line, col = lines.position(start)
                out.append(Finding(
                    path="big.txt", start=start, end=start + len(word), rule_id=rule,
                    id=f"{rule}-{start}", sub_id="", source="languagetool", category="GRAMMAR",
                    issue_type="grammar", severity=Severity.MAJOR, message=f"Check {word!r}.",
                    short_message="", line=line, column=col, end_line=line,
                    end_column=col + len(word), text=word, context="", sentence="",
                    replacements=reps))
        at += 1
    page = Page(path="big.txt", sha256="b" * 64, text=text, words=count_words(text),
                suggestions=tuple(build_suggestion(f, text) for f in out))
    html = tmp_path / "big.html"
    html.write_text(render(page), "utf-8")
    return html


def test_ten_thousand_findings_keep_one_page_of_cards_in_the_document(
    tmp_path: Path, context: Any
) -> None:
    w = Watched(context)
    page = w.open(big_report(tmp_path, 10_000))
    assert page.inner_text("#headline [data-count=pending]") == "10000"
    # the data holds every suggestion, the page only one page of cards
    assert page.locator("li.card").count() == CARDS_PER_PAGE
    assert page.inner_text("#page-info") == (
        f"Suggestions 1\u2013{CARDS_PER_PAGE} of 10000 (page 1 of 200)")
    first = page.locator("li.card").first.get_attribute("id")
    page.click("#page-next")
    assert page.locator("li.card").count() == CARDS_PER_PAGE
    assert page.locator("li.card").first.get_attribute("id") != first
    # a rule filter leaves half of them, still one page of cards
    page.select_option("#f-rule", "EN_A_VS_AN")
    assert page.locator("li.card").count() == CARDS_PER_PAGE
    assert page.inner_text("#page-info").startswith(f"Suggestions 1\u2013{CARDS_PER_PAGE} of 5000")
    page.click("#accept-shown")  # every one shown, not only the cards on this page
    assert page.inner_text("#headline [data-count=pending]") == "5000"
    page.click("#undo")
    assert page.inner_text("#headline [data-count=pending]") == "10000"
    # j walks past the end of a page onto the next one
    for _ in range(CARDS_PER_PAGE + 1):
        page.keyboard.press("j")
    assert page.inner_text("#page-info").startswith(
        f"Suggestions {CARDS_PER_PAGE + 1}\u2013{2 * CARDS_PER_PAGE} of 5000")
    assert w.problems == []

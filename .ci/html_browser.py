"""The HTML edition in a real browser (issue 33): Debian's chromium,
headless, driven by Playwright for Python (pinned; executable_path, so it
never downloads a browser), with axe-core (npm, pinned) on the book, a
handout and the facilitator edition.

Usage: python3 .ci/html_browser.py BIN AXE_JS OUT_DIR   (PYTHONPATH=playwright)

Checks: no horizontal scrolling at 320, 390 x 844 and 1280 x 800; axe-core
reports no violation; the browser makes no request (every request is
intercepted and counted); typing into an apology prompt and a gratitude-log
row survives a reload; a saved copy read by `workbook answers` shows both;
clearing removes them after a reload; Tab reaches every field of a handout
in reading order, and the book's first fields too. The Spanish edition
(`--lang es`: the book, each partner's own file, the facilitator edition,
a handout and a locked page): `<html lang="es">`, no violation, none of the
templates' English phrases (.ci/no_english.py), and the script's words
(status, questions, the saved copy's name) from workbook/i18n/es.toml.
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
import no_english  # noqa: E402  (beside this script)

BIN, AXE, OUT = sys.argv[1], Path(sys.argv[2]).read_text(), Path(sys.argv[3])
failures = []
ROOT = Path(__file__).parent.parent
SPANISH = tomllib.loads((ROOT / "workbook/i18n/es.toml").read_text(encoding="utf-8"))["html"]
ENGLISH = tomllib.loads((ROOT / "workbook/i18n/en.toml").read_text(encoding="utf-8"))


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def build(name, *args, env=None):
    path = OUT / name
    subprocess.run([BIN, "build", "--format", "html", "-o", str(path), *args], check=True,
                   stderr=subprocess.DEVNULL, env=env)
    return path


def english_left(path):
    """The templates' English phrases in a page (.ci/no_english.py's list)."""
    text = no_english.html_text(path)
    return [key for key, v in no_english.values(ENGLISH) if not key.startswith("regional.")
            for f in no_english.fragments(v) if f in text]


# The controls Tab should stop at, in reading order: every control, a
# radio group once (at its checked button, else its first).
EXPECTED_TABS = """() => {
  const seen = new Set(); const out = [];
  for (const el of document.querySelectorAll('[data-wb]')) {
    if (el.type === 'radio') {
      if (seen.has(el.name)) continue; seen.add(el.name);
      const checked = document.querySelector(`[data-wb][name="${CSS.escape(el.name)}"]:checked`);
      out.push((checked || el).id);
    } else { out.push(el.id); }
  }
  return out;
}"""


def tab_order(page, count):
    """The ids of the first `count` form controls Tab reaches from the top."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached = []
    for _ in range(count * 3 + 60):
        page.keyboard.press("Tab")
        el = page.evaluate("() => { const e = document.activeElement; return e && e.hasAttribute('data-wb') ? e.id : null; }")
        if el and (not reached or reached[-1] != el):
            reached.append(el)
        if len(reached) >= count:
            break
    return reached


def common(browser, path, name):
    """Scrolling, axe and requests for one page; gives the context and page."""
    requests = []
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)

    def route(r):
        requests.append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.goto(path.as_uri())
    for w, h in [(320, 640), (390, 844), (1280, 800)]:
        page.set_viewport_size({"width": w, "height": h})
        sw = page.evaluate("document.documentElement.scrollWidth")
        check(sw <= w, f"{name} at {w}x{h}: no horizontal scrolling (scrollWidth {sw})")
    page.set_viewport_size({"width": 390, "height": 844})
    # axe-core through evaluate: the page's policy forbids any other script.
    page.evaluate(AXE + "\n;0")
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ' x' + v.nodes.length))")
    check(not violations, f"{name}: axe-core reports no violation {violations}")
    return ctx, page, requests


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    book = build("book.html", "--names", "Ana & Ben")
    ctx, page, requests = common(browser, book, "book")
    apology, log = '[name="apology.ana.what-i-did"]', '[name="gratitude-log.ben.day-07"]'
    page.fill(apology, "I broke my word.")
    page.fill(log, "You made soup.")
    page.reload()
    check(page.input_value(apology) == "I broke my word." and page.input_value(log) == "You made soup.",
          "book: typed answers are still there after a reload")
    with page.expect_download() as download:
        page.click("#wb-save")
    saved = OUT / "my-answers.json"
    download.value.save_as(saved)
    rows = json.loads(subprocess.run([BIN, "answers", str(saved), "--format", "json"], check=True,
                                     capture_output=True, text=True).stdout)
    values = {r["field"]: r["value"] for r in rows}
    check(values.get("apology.ana.what-i-did") == "I broke my word."
          and values.get("gratitude-log.ben.day-07") == "You made soup.",
          f"book: workbook answers reads both from the saved copy {values}")
    page.on("dialog", lambda d: d.accept())
    page.click("#wb-clear")
    page.reload()
    check(page.input_value(apology) == "" and page.input_value(log) == "",
          "book: cleared answers are gone after a reload")
    expected = page.evaluate(EXPECTED_TABS)
    reached = tab_order(page, 40)
    check(reached == expected[:40], f"book: Tab reaches the first 40 fields in reading order {reached[:5]}...")
    check(not [r for r in requests if not r.startswith("file://")], f"book: no network request {requests[:3]}")
    ctx.close()

    for name, args in [("handout", ["--names", "Ana & Ben", "--handout", "apology"]),
                       ("counselor", ["--edition", "counselor"])]:
        path = build(f"{name}.html", *args)
        ctx, page, requests = common(browser, path, name)
        if name == "handout":
            expected = page.evaluate(EXPECTED_TABS)
            reached = tab_order(page, len(expected))
            check(reached == expected, f"handout: Tab reaches every field ({len(expected)}) in reading order")
        check(not [r for r in requests if not r.startswith("file://")], f"{name}: no network request")
        ctx.close()
    # Locked when e-mailed: the right password opens it, a wrong one says
    # so and nothing else; before unlocking no name shows.
    locked = OUT / "locked.html"
    subprocess.run([BIN, "build", "--format", "html", "--names", "Ana & Ben", "-o", str(locked)], check=True,
                   stderr=subprocess.DEVNULL, env=dict(__import__("os").environ, WORKBOOK_PASSWORD="correct horse battery"))
    ctx, page, requests = common(browser, locked, "locked page")
    check("Ana" not in page.inner_text("body") and "Ana" not in page.title(), "locked page: no name before unlocking")
    page.fill("#wb-password", "wrong horse battery")
    page.click("button[type=submit]")
    page.wait_for_selector("#wb-unlock-status:has-text('does not open')", timeout=60000)
    check("Ana" not in page.inner_text("body"), "locked page: a wrong password says so and opens nothing")
    page.fill("#wb-password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_selector('[name="apology.ana.what-i-did"]', timeout=60000)
    page.fill('[name="apology.ana.what-i-did"]', "Typed after unlocking.")
    check(page.evaluate("Object.keys(localStorage).length") >= 1, "locked page: the right password opens the book, and typing is kept")
    check(not [r for r in requests if not r.startswith("file://")], "locked page: no network request")
    ctx.close()

    # The Spanish edition: the same checks, and its words.
    spanish = OUT / "es"
    spanish.mkdir(exist_ok=True)
    es = ["--lang", "es"]
    pages = [("es book", build("es/libro.html", "--names", "Ana & Ben", *es)),
             ("es counselor", build("es/terapeutas.html", "--edition", "counselor", *es)),
             ("es handout", build("es/hoja.html", "--names", "Ana & Ben", "--handout", "apology", *es))]
    build("es/partes.html", "--names", "Ana & Ben", "--split", "partners", *es)
    pages += [(f"es split {p.name}", p) for p in sorted(spanish.glob("partes*.html"))]
    check(len(pages) == 6, f"es: --split partners wrote three files {[p.name for _, p in pages]}")
    for name, path in pages:
        ctx, page, requests = common(browser, path, name)
        lang = page.evaluate("document.documentElement.lang")
        check(lang == "es", f"{name}: <html lang> is es ({lang})")
        left = english_left(path)
        check(not left, f"{name}: none of the templates' English phrases {left}")
        check(not [r for r in requests if not r.startswith("file://")], f"{name}: no network request")
        if name == "es book":
            # The script speaks Spanish: the status, the copy's name, the question.
            with page.expect_download() as download:
                page.click("#wb-save")
            status = page.inner_text("#wb-status")
            check(status == SPANISH["saved"], f"es book: the status after saving is Spanish ({status})")
            check(download.value.suggested_filename == SPANISH["file-name"],
                  f"es book: the saved copy is named {download.value.suggested_filename}")
            asked = []
            page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
            page.click("#wb-clear")
            check(asked == [SPANISH["clear-confirm"]], f"es book: clearing asks in Spanish {asked}")
        ctx.close()
    locked = build("es/cerrado.html", "--names", "Ana & Ben", *es,
                   env=dict(os.environ, WORKBOOK_PASSWORD="correct horse battery"))
    left = english_left(locked)
    check(not left, f"es locked page: none of the templates' English phrases {left}")
    ctx, page, requests = common(browser, locked, "es locked page")
    check(page.evaluate("document.documentElement.lang") == "es" and page.title() == SPANISH["lock-title"],
          f"es locked page: in Spanish ({page.title()})")
    page.fill("#wb-password", "wrong horse battery")
    page.click("button[type=submit]")
    page.wait_for_function("t => document.getElementById('wb-unlock-status').textContent === t",
                           arg=SPANISH["lock-wrong"], timeout=60000)
    check(True, "es locked page: a wrong password says so in Spanish")
    page.fill("#wb-password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_selector('[name="apology.ana.what-i-did"]', timeout=60000)
    check(page.evaluate("document.documentElement.lang") == "es", "es locked page: the right password opens the Spanish book")
    check(not [r for r in requests if not r.startswith("file://")], "es locked page: no network request")
    ctx.close()
    browser.close()

sys.exit(1 if failures else 0)

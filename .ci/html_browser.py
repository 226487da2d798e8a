"""The HTML edition in a real browser (issue 33): Debian chromium driven by
playwright 1.65.2 (never a downloaded browser), axe-core 4.14.1. Usage:
PYTHONPATH=~/.cache/workbook/playwright-1.65.2 python3 .ci/html_browser.py BOOK.html
Measures; not yet wired into .ci/run (see the report)."""
import sys, json
from playwright.sync_api import sync_playwright
path = sys.argv[1]
axe = open(__import__('os').path.expanduser('~/.cache/workbook/axe-core-4.14.1')+'/node_modules/axe-core/axe.min.js').read()
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    ctx = b.new_context(viewport={"width": 390, "height": 844})
    reqs = []
    ctx.route("**/*", lambda route: (reqs.append(route.request.url), route.continue_() if route.request.url.startswith("file:") else route.abort()))
    page = ctx.new_page()
    page.goto("file://" + path)
    for w, h in [(320, 700), (390, 844), (1280, 800)]:
        page.set_viewport_size({"width": w, "height": h})
        print(w, "scrollWidth", page.evaluate("document.documentElement.scrollWidth"), "inner", page.evaluate("innerWidth"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.fill('[name="apology.ana.what-i-did"]', "I broke my word.")
    page.fill('[name="gratitude-log.ben.day-07"]', "You made soup.")
    page.reload()
    print("after reload:", page.input_value('[name="apology.ana.what-i-did"]'), "|", page.input_value('[name="gratitude-log.ben.day-07"]'))
    with page.expect_download() as d:
        page.click("#wb-save")
    d.value.save_as(sys.argv[2] if len(sys.argv) > 2 else 'my-answers.json')
    page.on("dialog", lambda dl: dl.accept())
    page.click("#wb-clear")
    page.reload()
    print("after clear:", repr(page.input_value('[name="apology.ana.what-i-did"]')))
    page.add_script_tag(content=axe) if False else None
    # axe: injected through evaluate (the page's policy forbids other scripts)
    page.evaluate(axe + "\n;0")
    res = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => [v.id, v.nodes.length]))")
    print("axe violations:", res)
    print("requests other than the file:", [r for r in reqs if not r.startswith("file:")])
    b.close()

#!/usr/bin/env python3
"""`workbook serve` in a real browser (issue 32): Debian's chromium, headless,
driven by Playwright for Python (pinned in .ci/run, never downloading a
browser of its own), with axe-core (npm, pinned) run on every page.

usage: serve_browser.py WORKBOOK_BIN AXE_JS [--screenshots DIR]

Starts `workbook serve --no-open` in a new folder and, as a counselor would:
fills the workbook form and downloads a PDF whose text has the names, and
one in Spanish, chosen from the language list; sees
the error summary for a bad date; uploads a list of 5 couples with one bad
row and gets a zip of 4 PDFs and the failed rows; saves practice settings
and sees them in the next PDF; uploads a filled fillable PDF and reads its
answers; and runs axe-core on every page (0 violations). Prints one line per
check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["/", "/build", "/handouts", "/facilitator", "/batch", "/answers", "/settings"]
CHECK_FORMS = Path(__file__).with_name("check_forms.py")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}")
            if detail:
                for line in str(detail).splitlines()[:40]:
                    print(f"      {line}")


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def axe(page, axe_js: str, name: str, check: Checks):
    page.add_script_tag(content=axe_js)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')'); }"
    )
    check(f"axe-core: {name}: 0 violations", result == [], "\n".join(result))


def reading_grade(page) -> float:
    """Flesch-Kincaid grade of the page's words (textstat, as
    .ci/reading_level.py measures the guide): each label, hint, legend and
    paragraph taken as a sentence."""
    import textstat

    pieces = page.evaluate(
        "() => [...document.querySelectorAll('main p, main label, main legend, main li, main h1, main h2, main button')]"
        ".map(e => e.innerText.trim()).filter(t => t)"
    )
    text = " ".join(p.rstrip(".") + "." for p in pieces)
    return round(textstat.flesch_kincaid_grade(text), 1)


def download(page, click):
    with page.expect_download(timeout=180_000) as info:
        click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("axe")
    ap.add_argument("--screenshots")
    args = ap.parse_args()
    axe_js = Path(args.axe).read_text()
    shots = Path(args.screenshots) if args.screenshots else None
    check = Checks()
    work = Path(tempfile.mkdtemp(prefix="serve-browser-"))
    tmp = work / "tmp"
    tmp.mkdir()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", TMPDIR=str(tmp), LANG="en_GB.UTF-8")
    env.pop("WORKBOOK_PASSWORD", None)
    server = subprocess.Popen(
        [os.path.abspath(args.bin), "serve", "--no-open"], cwd=work, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        url = server.stdout.readline().strip()
        check("serve prints one address with a token", url.startswith("http://127.0.0.1:") and "/?token=" in url, url)
        base = url.split("/?token=")[0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
            # axe-core is injected as a script: the pages' own policy allows none.
            context = browser.new_context(accept_downloads=True, bypass_csp=True, viewport={"width": 1000, "height": 900})
            page = context.new_page()
            page.goto(url)
            check("the token's address leads to the start page, without the token", page.url == base + "/", page.url)
            cookies = context.cookies()
            check(
                "the cookie is HttpOnly and SameSite=Strict",
                any(c["httpOnly"] and c["sameSite"] == "Strict" for c in cookies),
                cookies,
            )
            # Keyboard: the first Tab reaches the skip link, with a visible outline.
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "() => { const e = document.activeElement; const s = getComputedStyle(e);"
                " return [e.className, s.outlineStyle, s.outlineWidth]; }"
            )
            check("the first Tab reaches the skip link, with a visible focus", focused[0] == "skip" and focused[1] != "none", focused)

            for path in PAGES:
                page.goto(base + path)
                axe(page, axe_js, path, check)
                grade = reading_grade(page)
                check(f"plain words: {path} reads at grade 6 or below ({grade})", grade <= 6)
                if shots:
                    page.screenshot(path=str(shots / f"serve{path.replace('/', '-') if path != '/' else '-start'}.png"), full_page=True)

            # A workbook: the names in the PDF.
            try:
                page.goto(base + "/build")
                page.get_by_label("The two partners' names").fill("Ana & Ben")
                page.get_by_label("A4 (most of the world)").check()
                page.get_by_label("First day of the daily logs (optional)").fill("2026-12-01")
                name, pdf = download(page, lambda: page.get_by_role("button", name="Make the workbook").click())
                text = pdf_text(pdf)
                check("a workbook: the PDF is named for the couple", name == "workbook-ana-ben.pdf", name)
                check("a workbook: the PDF's text has the names", "Ana" in text and "Ben" in text and "Ana’s apology" in text)
            except Exception as e:  # one broken job must not hide the others
                check("a workbook: the job ran", False, e)

            # A workbook in Spanish: the language chosen by its own name.
            try:
                page.goto(base + "/build")
                page.get_by_label("The two partners' names").fill("Ana & Ben")
                page.get_by_label("Language of the book").select_option(label="Español")
                name, pdf_es = download(page, lambda: page.get_by_role("button", name="Make the workbook").click())
                text = pdf_text(pdf_es)
                check(
                    "a workbook in Spanish: the PDF's text is Spanish",
                    "Antes de empezar: tu seguridad" in text and "Ana y Ben" in text and "Before you begin" not in text,
                    text[:500],
                )
            except Exception as e:  # one broken job must not hide the others
                check("a workbook in Spanish: the job ran", False, e)

            # Proofs before the download: the cover, the safety page, the support list.
            try:
                page.goto(base + "/build")
                page.get_by_label("The two partners' names").fill("Ana & Ben")
                page.get_by_role("button", name="Show proofs first").click()
                images = page.locator(".proofs img")
                check("proofs: at least the cover, the safety page and the support list", images.count() >= 3, images.count())
                alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
                check("proofs: each image says what it shows", all(a.endswith("as it will print") for a in alts), alts)
                check(
                    "proofs: the images have loaded",
                    page.evaluate("() => [...document.querySelectorAll('.proofs img')].every(i => i.complete && i.naturalWidth > 100)"),
                )
                check("proofs: the names are kept", page.get_by_label("The two partners' names").input_value() == "Ana & Ben")
                axe(page, axe_js, "/build with proofs", check)
                if shots:
                    page.screenshot(path=str(shots / "serve-proofs.png"), full_page=False)
            except Exception as e:  # one broken job must not hide the others
                check("proofs: the job ran", False, e)

            # A bad date: the error summary, linked to the field, read first.
            try:
                page.goto(base + "/build")
                page.get_by_label("The two partners' names").fill("Ana & Ben")
                page.get_by_label("First day of the daily logs (optional)").fill("2026-13-01")
                page.get_by_role("button", name="Make the workbook").click()
                summary = page.locator(".error-summary")
                check("a bad date: the error summary is shown", summary.count() == 1)
                link = summary.locator("a[href='#start-date']")
                check("a bad date: the summary links to the date field", link.count() == 1 and "month" in link.inner_text())
                check(
                    "a bad date: the summary has the focus",
                    page.evaluate("() => document.activeElement.classList.contains('error-summary')"),
                )
                check("a bad date: the title starts with Error:", page.title().startswith("Error:"), page.title())
                check(
                    "a bad date: what was typed is kept",
                    page.get_by_label("First day of the daily logs (optional)").input_value() == "2026-13-01",
                )
                axe(page, axe_js, "/build with an error", check)
                if shots:
                    page.screenshot(path=str(shots / "serve-build-error.png"), full_page=False)
            except Exception as e:  # one broken job must not hide the others
                check("a bad date: the job ran", False, e)

            # A client list: 5 couples, one bad row; checked first, then built.
            try:
                page.goto(base + "/batch")
                rows = "names,start-date\nAna & Ben,2026-12-01\nCy & Di,2026-13-01\nEd & Flo,\nGus & Hal,2027-01-04\nIvy & Jo,\n"
                page.get_by_label("The client list").set_input_files(
                    files=[{"name": "clients.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
                )
                page.get_by_role("button", name="Check the list first").click()
                table = page.locator("section.checked tbody tr")
                check("a client list: checked first, every line accounted for", table.count() == 5, table.count())
                check("a client list: the bad row is named", page.locator("tr.to-fix").count() == 1)
                check(
                    "a client list: the summary counts every line",
                    "6 lines: 1 header, 4 to build, 1 to fix, 0 blank" in page.locator("section.checked p").first.inner_text(),
                )
                axe(page, axe_js, "/batch with the list checked", check)
                if shots:
                    page.screenshot(path=str(shots / "serve-batch-check.png"), full_page=False)
                page.get_by_label("The client list").set_input_files(
                    files=[{"name": "clients.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
                )
                name, data = download(page, lambda: page.get_by_role("button", name="Make the workbooks").click())
                names = zipfile.ZipFile(io.BytesIO(data)).namelist()
                pdfs = [n for n in names if n.endswith(".pdf")]
                check("a client list: a zip of 4 PDFs", len(pdfs) == 4, names)
                # The script's progress bar, an addition to the form.
                page.wait_for_function(
                    "() => (document.getElementById('progress-words') || {}).textContent?.startsWith('Done')", timeout=15_000
                )
                check("a client list: the progress bar ends in Done", True)
                if shots:
                    page.screenshot(path=str(shots / "serve-batch-progress.png"), full_page=True)
                check("a client list: and the failed rows", "failed-clients.csv" in names, names)
                failed = zipfile.ZipFile(io.BytesIO(data)).read("failed-clients.csv").decode("utf-8-sig")
                check("a client list: the failed rows hold the bad one only", "Cy & Di" in failed and "Ana" not in failed, failed)
            except Exception as e:  # one broken job must not hide the others
                check("a client list: the job ran", False, e)

            # Practice settings: saved, then in the next PDF.
            try:
                page.goto(base + "/settings")
                page.get_by_label("Your name").fill("Dr. Sam Example")
                page.get_by_label("Your practice").fill("Example Couples Practice")
                page.get_by_label("Crisis line").fill("988 (call or text)")
                page.get_by_role("button", name="Save").click()
                check("settings: saved", page.get_by_text("Your settings are saved").count() == 1)
                check("settings: in workbook.toml", "Dr. Sam Example" in (work / "workbook.toml").read_text())
                axe(page, axe_js, "/settings after a save", check)
                page.goto(base + "/build")
                page.get_by_label("The two partners' names").fill("Ana & Ben")
                page.get_by_label("Fillable: boxes to type in on a screen").check()
                _, pdf = download(page, lambda: page.get_by_role("button", name="Make the workbook").click())
                text = pdf_text(pdf)
                check(
                    "settings: the next PDF has them",
                    "Dr. Sam Example" in text and "Example Couples Practice" in text and "988 (call or text)" in text,
                )
            except Exception as e:  # one broken job must not hide the others
                check("settings: the job ran", False, e)

            # Filled copies: fill the fillable PDF (pikepdf), read it back.
            try:
                blank, filled = work / "blank.pdf", work / "filled.pdf"
                blank.write_bytes(pdf)
                subprocess.run([sys.executable, str(CHECK_FORMS), str(blank), "--filled", str(filled)], check=True, capture_output=True)
                page.goto(base + "/answers")
                page.get_by_label("The filled-in workbook").set_input_files(str(filled))
                page.get_by_role("button", name="Read the answers").click()
                shown = page.locator("pre.answers").inner_text() if page.locator("pre.answers").count() else page.content()
                check("filled copies: the answers are shown", "ben day-07" in shown, shown[:2000])
                axe(page, axe_js, "/answers with answers", check)
                if shots:
                    page.screenshot(path=str(shots / "serve-answers-shown.png"), full_page=False)
            except Exception as e:  # one broken job must not hide the others
                check("filled copies: the job ran", False, e)

            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    check("SIGTERM: the server's temporary folder is gone", list(tmp.iterdir()) == [], list(tmp.iterdir()))
    shutil.rmtree(work, ignore_errors=True)
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())

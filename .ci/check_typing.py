#!/usr/bin/env python3
"""What a reader sees after typing into a fillable workbook with the engines people
use: pdf.js (Firefox) and PDFium (Chrome, Edge) each fill the book with the letters of
.ci/typed.json (Latin-1, Latin Extended-A, Greek, Cyrillic; four lines over ruling (the apology's what-i-did has four); a
table cell; a checkbox; a radio button) and save it. Then, for each saved file:

  * no /NeedAppearances (pdf.js sets it when the field font cannot encode the text,
    and then draws nothing itself);
  * poppler prints it (`pdftocairo -pdf`) and `pdftotext` of that print has every
    typed line: the appearances the engine drew decode to the typed text;
  * `workbook answers` returns every typed value, in markdown, CSV and JSON.

usage: check_typing.py BLANK.pdf WORKBOOK-BINARY OUT-DIR [--render DIR]
  (PDFJS_DIR names the folder where pdfjs-dist is installed)

Prints one line per failure and exits 1, or one line per engine and exits 0.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pikepdf

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main() -> int:
    blank, binary, out = sys.argv[1:4]
    render = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--render" else None
    typed_file = os.path.join(HERE, "typed.json")
    typed = json.load(open(typed_file, encoding="utf-8"))
    extra = ["--render", render] if render else []
    engines = {
        "pdf.js": (["node", os.path.join(HERE, "fill_pdfjs.mjs")], "pdfjs.pdf"),
        "PDFium": ([sys.executable, os.path.join(HERE, "fill_pdfium.py")], "pdfium.pdf"),
    }
    failures = []
    for engine, (cmd, name) in engines.items():
        saved = os.path.join(out, name)
        fail = lambda what: failures.append(f"{engine}: {what}")  # noqa: E731
        try:
            run(cmd + [blank, typed_file, saved] + extra)
        except RuntimeError as error:
            fail(str(error))
            continue
        with pikepdf.open(saved) as pdf:
            if bool(pdf.Root.AcroForm.get("/NeedAppearances", False)):
                fail("the saved file asks viewers to draw the fields (/NeedAppearances)")
        printed = os.path.join(out, f"printed-{name}")
        run(["pdftocairo", "-pdf", saved, printed])
        seen = squash(run(["pdftotext", "-enc", "UTF-8", printed, "-"]))
        lines = [line for value in typed["text"].values() for line in value]
        for line in lines:
            if squash(line) not in seen:
                fail(f"poppler's print of the saved file lacks {line!r}")

        # workbook answers: every typed value back, in each format.
        rows = json.loads(run([binary, "answers", saved, "--format", "json"]))
        got = {r["field"]: r["value"] for r in rows}
        want = {name: "\n".join(value) for name, value in typed["text"].items()}
        want.update({name: "yes" for name in typed["check"]})
        want.update(typed["choice"])
        for field, value in want.items():
            if got.get(field) != value:
                fail(f"answers --format json: {field} is {got.get(field)!r}, expected {value!r}")
        if set(got) != set(want):
            fail(f"answers --format json: unexpected fields {sorted(set(got) - set(want))}")
        table = list(csv.DictReader(io.StringIO(run([binary, "answers", saved, "--format", "csv"]))))
        values = sorted(r["value"] for r in table)
        if values != sorted(want.values()):
            fail(f"answers --format csv: values {values}")
        markdown = run([binary, "answers", saved])
        for line in lines:
            if line not in markdown:
                fail(f"answers (markdown) lacks {line!r}")
        if len([f for f in failures if f.startswith(engine)]) == 0:
            print(f"{engine}: {len(lines)} typed lines print in poppler; workbook answers returns all {len(want)} values (md, csv, json)")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

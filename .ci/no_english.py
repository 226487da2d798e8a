"""Checks that a book built in another language prints none of the
templates' English words (issue 34: "the Spanish book's text has no English
sentence left"): every run of three or more words of a value in
workbook/i18n/en.toml, between its placeholders, is looked for in the
PDF's text and in its text strings (tooltips, table summaries, outline and
image descriptions, read with qpdf), and each one found is named with its
key.

An HTML edition's page (`--format html`, a file ending in .html) is read
for its text and for every attribute a person meets (labels a screen
reader says, image descriptions, the words its script shows: data-*),
and for its table of fields; its scripts' code is left out.

Run: python3 .ci/no_english.py BOOK.pdf|BOOK.html [more ...] [--strings workbook/i18n/en.toml]
Exit 1 when any is found. (It reads a PDF's text with pdftotext, from
poppler, and its strings with qpdf --json.)
Words that are the same in both languages ("Total") are short and never
make a run of three, so they do not count.
"""
import pathlib
import re
import subprocess
import sys
import json
import tomllib
from html.parser import HTMLParser

PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9-]*\}")


def values(table, prefix=""):
    """(key, text) for every string of the file, plural forms and list items too."""
    for k, v in table.items():
        key = prefix + k
        if isinstance(v, dict):
            yield from values(v, key + ".")
        elif isinstance(v, list):
            for i, item in enumerate(v):
                yield f"{key}[{i}]", item
        elif isinstance(v, str):
            yield key, v


def normal(text):
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def fragments(text):
    """The runs of three or more words between placeholders, markup left out."""
    for piece in PLACEHOLDER.split(text.replace("*", "")):
        piece = normal(piece).strip(" .,:;·—()")
        if len(piece.split()) >= 3:
            yield piece


def strings_of(pdf):
    """Every text string of the PDF's objects, decoded by qpdf."""
    found = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str) and x.startswith("u:"):
            found.append(x[2:])

    out = subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True, check=True).stdout
    walk(json.loads(out)["qpdf"][1])
    return found


class PageWords(HTMLParser):
    """An HTML page's words: text, attribute values, JSON data; no code."""

    SKIP = {"style"}
    SAID = {"aria-label", "alt", "title", "placeholder", "value", "content", "download"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.inside = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        code = tag in self.SKIP or (tag == "script" and attrs.get("type") != "application/json")
        self.inside.append(code)
        for k, v in attrs.items():
            if v and (k in self.SAID or k.startswith("data-")):
                self.words.append(v)

    def handle_endtag(self, tag):
        if self.inside:
            self.inside.pop()

    def handle_data(self, data):
        if not any(self.inside):
            self.words.append(data)


def html_text(path):
    parser = PageWords()
    parser.feed(pathlib.Path(path).read_text(encoding="utf-8"))
    return " | ".join(normal(w) for w in parser.words)


def main(argv):
    strings = pathlib.Path("workbook/i18n/en.toml")
    pdfs = []
    args = iter(argv)
    for a in args:
        if a == "--strings":
            strings = pathlib.Path(next(args))
        else:
            pdfs.append(a)
    if not pdfs:
        print(__doc__)
        return 2
    english = tomllib.loads(strings.read_text(encoding="utf-8"))
    wanted = [(key, f) for key, v in values(english) if not key.startswith("regional.") for f in fragments(v)]
    found = 0
    for pdf in pdfs:
        if pdf.endswith(".html"):
            text = html_text(pdf)
        else:
            text = normal(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout)
            text += " | " + " | ".join(normal(s) for s in strings_of(pdf))
        for key, fragment in wanted:
            if fragment in text:
                print(f"{pdf}: English from {strings} ({key}): \"{fragment}\"")
                found += 1
    if not found:
        print(f"ok: none of {len(wanted)} English phrases of {strings} in {', '.join(pdfs)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reads a PDF's XMP metadata with pikepdf (an independent library) and
checks the PDF/A and PDF/UA identification it claims.

usage: check_standards.py FILE [ua=1] [a=2B] [none]
An encrypted file is opened with the password in PDF_PASSWORD.
"""
import os
import sys

import pikepdf

path, *wanted = sys.argv[1:]
with pikepdf.open(path, password=os.environ.get("PDF_PASSWORD", "")) as pdf:
    meta = pdf.open_metadata()
    ua = meta.get("pdfuaid:part")
    a = meta.get("pdfaid:part")
    a = f"{a}{meta.get('pdfaid:conformance', '')}" if a else None
    title = meta.get("dc:title")
expect_ua = next((w.split("=")[1] for w in wanted if w.startswith("ua=")), None)
expect_a = next((w.split("=")[1] for w in wanted if w.startswith("a=")), None)
problems = []
if ua != expect_ua:
    problems.append(f"pdfuaid:part is {ua!r}, expected {expect_ua!r}")
if a != expect_a:
    problems.append(f"pdfaid is {a!r}, expected {expect_a!r}")
if expect_ua and not title:
    problems.append("PDF/UA needs a dc:title")
if problems:
    print(f"{path}: " + "; ".join(problems))
    sys.exit(1)
print(f"{path}: pdfuaid={ua} pdfaid={a} title={title!r}")

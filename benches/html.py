"""The HTML edition's size and speed (issue 33, item 7): the default book
built as a PDF and as HTML in paired runs, whole processes; medians, and
the budget it is held to: the page at most 1.5 MB, built in at most 1.5x
the PDF's time. A bench, not a timed test: run it on a quiet machine.

usage:
    cargo build --release --locked
    python3 benches/html.py [--bin target/release/workbook] [--pairs 10]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", LANG="C")


def timed(args, cwd):
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "workbook"))
    parser.add_argument("--pairs", type=int, default=10)
    opts = parser.parse_args()
    opts.bin = os.path.abspath(opts.bin)
    pdf_times, html_times = [], []
    with tempfile.TemporaryDirectory() as dir:
        base = [opts.bin, "build", "--names", "Ana & Ben"]
        for _ in range(opts.pairs):
            pdf_times.append(timed(base + ["-o", "book.pdf"], dir))
            html_times.append(timed(base + ["--format", "html", "-o", "book.html"], dir))
        size = os.path.getsize(os.path.join(dir, "book.html"))
        pdf_size = os.path.getsize(os.path.join(dir, "book.pdf"))
    pdf, html = statistics.median(pdf_times), statistics.median(html_times)
    ratio = statistics.median(h / p for h, p in zip(html_times, pdf_times))
    print(f"| the default book | PDF | HTML |")
    print(f"|---|---|---|")
    print(f"| build, median of {opts.pairs} | {pdf:.2f} s | {html:.2f} s ({ratio:.2f}x) |")
    print(f"| file | {pdf_size / 1e6:.2f} MB | {size / 1e6:.2f} MB |")
    within = size <= 1_500_000 and ratio <= 1.5
    print("within budget (at most 1.5 MB, at most 1.5x the PDF's time):", "yes" if within else "NO")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())

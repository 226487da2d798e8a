"""No stub pages: renders a PDF (pdftoppm, gray, 30 dpi) and fails when a
page other than the first has its last ink, above the footer, in the top
third of the text area. Blank pages and pages of ruled lines are fine: a
blank page has no ink there, a ruled page runs to the foot.
Usage: stubs.py FILE TOP_MM BOTTOM_MM [--booklet] (the page margins; a
booklet's sheets are cut in two book pages, and its covers are checked too,
since they run to the foot)."""
import glob
import os
import subprocess
import sys
import tempfile

from PIL import Image

pdf, top_mm, bottom_mm = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
booklet = "--booklet" in sys.argv[4:]
dpi = 30
bad = 0
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, os.path.join(tmp, "p")], check=True, stderr=subprocess.DEVNULL)
    pages = []
    for i, path in enumerate(sorted(glob.glob(os.path.join(tmp, "p-*.pgm")))):
        img = Image.open(path)
        if booklet:
            w, h = img.size
            pages += [(f"sheet side {i + 1}, left", img.crop((0, 0, w // 2, h))),
                      (f"sheet side {i + 1}, right", img.crop((w // 2, 0, w, h)))]
        elif i > 0:
            pages.append((f"page {i + 1}", img))
    for name, img in pages:
        w, h = img.size
        px = img.load()
        mm = dpi / 25.4
        top, foot = int(top_mm * mm), int(h - bottom_mm * mm)
        rows = [y for y in range(top, foot) if any(px[x, y] < 200 for x in range(w))]
        if not rows:
            continue
        third = top + (foot - top) / 3
        if rows[-1] < third:
            print(f"{name}: content ends {rows[-1] / mm:.0f} mm from the top")
            bad = 1
sys.exit(bad)

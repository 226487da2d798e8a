"""Checks that the write-in rules of a page rendered at 600 dpi, 1 bit
(Ghostscript's pbmraw device) are continuous lines, not dots: at least
`want` rules each with a row of black pixels unbroken over 100 mm."""
import sys

from PIL import Image

path, want = sys.argv[1], int(sys.argv[2])
img = Image.open(path).convert("1")
w, h = img.size
px = img.load()
min_run = int(100 / 25.4 * 600)  # 100 mm at 600 dpi
rules, last = 0, -10
for y in range(h):
    run = best = 0
    for x in range(w):
        if px[x, y] == 0:
            run += 1
            best = max(best, run)
        else:
            run = 0
    if best >= min_run:
        if y > last + 1:
            rules += 1
        last = y
print(f"{rules} continuous rules (want at least {want})")
sys.exit(0 if rules >= want else 1)

"""Checks that nothing is printed within 12.7 mm of a paper edge: renders
every page (pdftoppm, gray, 72 dpi) and looks for any pixel darker than
paper in the band along each edge (12.4 mm, a hair inside, for the
anti-aliasing of something that sits exactly on the line)."""
import glob
import os
import subprocess
import sys
import tempfile

from PIL import Image

pdf = sys.argv[1]
dpi = 72
band = round(12.4 / 25.4 * dpi)
bad = 0
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, os.path.join(tmp, "p")], check=True, stderr=subprocess.DEVNULL)
    for path in sorted(glob.glob(os.path.join(tmp, "p-*.pgm"))):
        img = Image.open(path)
        w, h = img.size
        px = img.load()
        dark = [(x, y) for y in range(h) for x in range(w)
                if (x < band or x >= w - band or y < band or y >= h - band) and px[x, y] < 235]
        if dark:
            x, y = dark[0]
            print(f"{os.path.basename(path)}: ink at {x * 25.4 / dpi:.1f}, {y * 25.4 / dpi:.1f} mm")
            bad = 1
sys.exit(bad)

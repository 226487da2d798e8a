"""Every section heading of a Markdown file (an old README, say) must still
exist in README.md or a chapter of the book (docs/src/*.md, with the files
they include). Prints what is missing; exit 1 if anything is.

    git show <commit>:README.md > /tmp/old.md
    python3 .ci/doc_headings.py /tmp/old.md
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def headings(text):
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and (m := re.match(r"#+ (.*)", line)):
            yield m.group(1).strip()


def with_includes(path):
    text = path.read_text()
    return re.sub(
        r"\{\{#include ([^}]+)\}\}",
        lambda m: (path.parent / m.group(1).strip()).read_text(),
        text,
    )


def main():
    old = set(headings(pathlib.Path(sys.argv[1]).read_text()))
    new = set(headings((ROOT / "README.md").read_text()))
    for chapter in sorted((ROOT / "docs/src").glob("*.md")):
        new |= set(headings(with_includes(chapter)))
    missing = sorted(old - new)
    for h in missing:
        print(f"missing: {h}")
    print(f"{len(old) - len(missing)} of {len(old)} headings found")
    sys.exit(1 if missing else 0)


main()

"""The guide's reading level: Flesch-Kincaid grade of each part's prose and
of each exercise's texts, from the sources, with textstat (pinned in
.ci/run). The guide is read by people in pain: grade 6 or below."""

import pathlib
import re
import sys
import tomllib

import textstat

LIMIT = 6.0
root = pathlib.Path(__file__).resolve().parent.parent / "workbook"


def prose(typ: str) -> str:
    """Typst markup to plain sentences: calls without a text body go,
    bracketed bodies stay, markup characters go."""
    lines = []
    for line in typ.splitlines():
        line = line.strip()
        if line.startswith(("#import", "//")):
            continue
        # #exercise("x"), #step(1), #emergency-contacts() ...
        line = re.sub(r"#[a-z-]+\([^()\[\]]*\)(?!\[)", "", line)
        # #callout(title: "T")[body], #key-idea[body], #if-part("x")[body]
        line = re.sub(r"#[a-z-]+(\([^()]*\))?\[", "", line).replace("]", "")
        line = re.sub(r"^=+\s*", "", line)
        line = re.sub(r"^[-+]\s+", "", line)
        line = line.replace("*", "").replace("_", " ")
        if line:
            # A heading or list item without a full stop is still a unit.
            lines.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(lines)


def main() -> int:
    manifest = tomllib.loads((root / "guide.toml").read_text())
    failed = 0
    for part in manifest["part"]:
        text = prose((root / part["file"]).read_text())
        if len(text.split()) < 40:
            continue
        grade = textstat.flesch_kincaid_grade(text)
        ok = grade <= LIMIT
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {grade:4.1f}  part {part['id']}")
    for path in sorted((root / "exercises").glob("*.toml")):
        ex = tomllib.loads(path.read_text())
        texts = [ex.get("intro", ""), ex.get("closing", "")]
        for block in ex.get("block", []):
            texts += [block.get("label", ""), block.get("help", "")]
        text = " ".join(t.strip().replace("\n", " ") for t in texts if t)
        grade = textstat.flesch_kincaid_grade(text)
        ok = grade <= LIMIT
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {grade:4.1f}  exercise {path.stem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

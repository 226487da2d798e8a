"""The guide's reading level: Flesch-Kincaid grade of each part's prose and
of each exercise's texts, from the sources, with textstat (pinned in
.ci/run). The guide is read by people in pain: grade 6 or below. The
counselor's edition (workbook/counselor/) is for clinicians: plain, but
checked against grade 12.

The Spanish edition (workbook/es/, issue 34) is scored the same way, part
by part and exercise by exercise, with textstat's Spanish syllables
(set_lang("es")) and the Fernández-Huerta ease (higher is easier; 70 and
above reads as fairly easy): 70 or more for the couple's book, 60 or more
for the facilitator edition."""

import pathlib
import re
import sys
import tomllib

import textstat

LIMIT = 6.0
# The counselor's edition (workbook/counselor/), read by clinicians.
CLINICIAN_LIMIT = 12.0
root = pathlib.Path(__file__).resolve().parent.parent / "workbook"
# The Spanish edition: Fernández-Huerta ease, at least these.
ES_MIN = 70.0
ES_CLINICIAN_MIN = 60.0


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
    # The trust and safety check's statements are read by the couple too.
    progress = root / "progress.toml"
    if progress.exists():
        check = tomllib.loads(progress.read_text())
        grade = textstat.flesch_kincaid_grade(" ".join(check["statements"]))
        ok = grade <= LIMIT
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {grade:4.1f}  progress.toml")
    # The counselor's edition is written for clinicians: plain, but held to
    # a professional reader's level rather than the couple's.
    counselor = root / "counselor" / "guide.toml"
    if counselor.exists():
        for part in tomllib.loads(counselor.read_text())["part"]:
            text = prose((root / part["file"]).read_text())
            if len(text.split()) < 40:
                continue
            grade = textstat.flesch_kincaid_grade(text)
            ok = grade <= CLINICIAN_LIMIT
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'}  {grade:4.1f}  counselor part {part['id']} (limit {CLINICIAN_LIMIT:g})")
        sessions = tomllib.loads((root / "counselor" / "sessions.toml").read_text())["session"]
        text = " ".join(s[k] for s in sessions for k in ("title", "aims", "homework", "watch-for"))
        grade = textstat.flesch_kincaid_grade(text)
        ok = grade <= CLINICIAN_LIMIT
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {grade:4.1f}  counselor sessions.toml (limit {CLINICIAN_LIMIT:g})")
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
    textstat.set_lang("es")
    try:
        failed += spanish(root / "es")
    finally:
        textstat.set_lang("en")
    return 1 if failed else 0


def spanish(es: pathlib.Path) -> int:
    """The Spanish edition, part by part: failures counted."""
    failed = 0

    def score(text, label, least):
        nonlocal failed
        ease = textstat.fernandez_huerta(text)
        ok = ease >= least
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {ease:5.1f}  es {label} (Fernández-Huerta, at least {least:g})")

    for part in tomllib.loads((es / "guide.toml").read_text())["part"]:
        text = prose((es / part["file"]).read_text())
        if len(text.split()) >= 40:
            score(text, f"part {part['id']}", ES_MIN)
    progress = es / "progress.toml"
    if progress.exists():
        score(" ".join(tomllib.loads(progress.read_text())["statements"]), "progress.toml", ES_MIN)
    counselor = es / "counselor" / "guide.toml"
    if counselor.exists():
        for part in tomllib.loads(counselor.read_text())["part"]:
            text = prose((es / part["file"]).read_text())
            if len(text.split()) >= 40:
                score(text, f"counselor part {part['id']}", ES_CLINICIAN_MIN)
        sessions = tomllib.loads((es / "counselor" / "sessions.toml").read_text())["session"]
        score(" ".join(s[k] for s in sessions for k in ("title", "aims", "homework", "watch-for")),
              "counselor sessions.toml", ES_CLINICIAN_MIN)
    for path in sorted((es / "exercises").glob("*.toml")):
        ex = tomllib.loads(path.read_text())
        texts = [ex.get("intro", ""), ex.get("closing", "")]
        for block in ex.get("block", []):
            texts += [block.get("label", ""), block.get("help", "")]
        score(" ".join(t.strip().replace("\n", " ") for t in texts if t), f"exercise {path.stem}", ES_MIN)
    return failed


if __name__ == "__main__":
    sys.exit(main())

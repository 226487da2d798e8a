"""The reading test (issue 17): for one exercise of each kind, what a screen
reader announces, in structure-tree order (read with pikepdf, see
structure.py), is the heading, the "For ..." line, the instructions, then
each block in turn: a prompt's label followed by its field (or, on paper, by
nothing: the ruled lines are artifacts), a checklist's items each with its
box, a table's summary, header row and then its rows, each row led by its
own header cell. And on every page, the tree reads the marked content in
the order it is painted.

The expectations come from the exercises' own TOML files, and the words
the templates add ("For Ana, on your own", a table's summary, "Signed by")
from the language's strings (workbook/i18n/<lang>.toml), so a change of
wording there needs no change here, and a book in another language is read
by the same test.

usage: reading_order.py FILE [--fillable] [--lang CODE]   (built with
--names "Ana & Ben" and that --lang, no --start-date, no --region)
"""
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from structure import announcements, order_mismatches  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
A, B = "Ana", "Ben"
# One exercise per kind, and the partner whose copy is read.
CASES = [
    ("apology", "prompt", A),
    ("trust-patterns", "checklist", A),
    ("boundary-list", "table", None),
    ("body-mind-check-in", "tracker", A),
    ("self-care-plan", "scale", A),
    ("commitments", "signature", None),
]


# The language's strings and exercises: set by main() from --lang.
STRINGS = {}
EXERCISES = ROOT / "workbook/exercises"


def t(key, **values):
    """A string of the language file, its placeholders filled."""
    s = STRINGS
    for part in key.split("."):
        s = s[part]
    for k, v in values.items():
        s = s.replace("{" + k + "}", str(v))
    return s


def lead(key):
    """The words of a string before its first colon or placeholder: "A table
    to fill in" of "A table to fill in: ...", ", line " of ", line {n}"."""
    return re.split(r"[:{]", t(key))[0]


def curl(s):
    s = s.replace("...", "…")
    s = re.sub(r'"([^"]*)"', lambda m: t("punctuation.quote-open") + m.group(1) + t("punctuation.quote-close"), s)
    return s.replace("'", t("punctuation.apostrophe"))


def fill(s, name):
    other = B if name == A else A
    s = curl(s).replace("{partner 1}", A).replace("{partner 2}", B)
    return s if name is None else s.replace("{name}", name).replace("{other}", other)


def norm(s):
    return " ".join(s.split())


class Reader:
    """The announcements of one exercise copy, consumed in order."""

    def __init__(self, items, label):
        self.items, self.at, self.label = items, 0, label

    def fail(self, want):
        got = self.items[self.at:self.at + 4]
        sys.exit(f"{self.label}: after item {self.at}, expected {want}; read {got}")

    def take(self, kind, test=lambda t: True, want=""):
        if self.at >= len(self.items):
            self.fail(f"{kind} {want}")
        k, t = self.items[self.at]
        if k != kind or not test(t):
            self.fail(f"{kind} {want!r}")
        self.at += 1
        return t

    def text(self, starts):
        """A paragraph or loose text that starts with `starts`."""
        if self.at < len(self.items) and self.items[self.at][0] in ("P", "text") \
                and self.items[self.at][1].startswith(starts):
            self.at += 1
            return
        self.fail(f"text starting {starts!r}")

    def skip_to(self, kind, text):
        while self.at < len(self.items) and self.items[self.at] != (kind, text):
            self.at += 1
        if self.at == len(self.items):
            sys.exit(f"{self.label}: no {kind} {text!r}")


def copy_of(items, heading):
    start = items.index(("H2", heading))
    end = next((i for i in range(start + 1, len(items)) if items[i][0] in ("H1", "H2")), len(items))
    return items[start:end]


def check(items, ex_id, kind, name, fillable):
    ex = tomllib.loads((EXERCISES / f"{ex_id}.toml").read_text())
    heading = fill(ex["heading"], name) if name else curl(ex["title"])
    r = Reader(copy_of(items, heading), f"{ex_id} ({kind})")
    # A field's tooltip says whose it is first ("Ana — ..."), and for a
    # checklist item or a scale line the question before the item.
    owner = f"{name} — " if name else ""
    table_lead = lead("tables.summary-named-rows")

    def field(tip):
        if fillable:
            r.take("Form", lambda t: t.lower() == (owner + tip).lower()
                   or (t.startswith(owner) and t.endswith(" — " + tip)), owner + tip)
    r.take("H2", lambda t: t == heading, heading)
    r.text(t("exercise.for-one", name=name) if name else t("exercise.for-together", names=t("names.joined", a=A, b=B)))
    # The instructions: the intro's paragraphs, in order, before any block.
    intro = [norm(fill(p, name)) for p in re.split(r"\n\s*\n", ex["intro"].strip())]
    read = []
    while r.at < len(r.items) and r.items[r.at][0] == "P" and len(read) < len(intro):
        read.append(r.items[r.at][1])
        r.at += 1
    if norm(" ".join(read)) != norm(" ".join(intro)):
        sys.exit(f"{ex_id}: the instructions read {read!r}, expected {intro!r}")
    for b in ex["block"]:
        label = fill(b["label"], name) if "label" in b else None
        if b["kind"] == "prompt":
            r.text(label)
            field(label)
            # Each ruled line is a field of its own: "..., line 2", and so on.
            while fillable and r.at < len(r.items) and r.items[r.at][0] == "Form" \
                    and r.items[r.at][1].startswith(owner + label + lead("fields.line-words")):
                r.at += 1
        elif b["kind"] == "checklist":
            r.text(label)
            for item in b["items"]:
                item = fill(item, name)
                if fillable:
                    # The box is the item's label: a check box field.
                    r.take("Lbl", lambda t: t == "", "(a tick box: no text)")
                field(item)
                r.take("text", lambda t: t == item, item)
        elif b["kind"] in ("table", "tracker"):
            if label:
                r.text(label)
            r.take("Table", lambda t: t.startswith(table_lead), table_lead + " …")
            cols = [fill(c, name) for c in b["columns"]]
            if b["kind"] == "tracker":
                unit = "week" if b["period"] == "week" else "day"
                cols = [t(f"tracker.{unit}-header"), t("tracker.week-of" if unit == "week" else "tracker.date")] + cols
            for c in cols:
                r.take("TH", lambda t: t == c, c)
            if b["kind"] == "tracker":
                # The first two rows: the day number heads each row.
                for i in (1, 2):
                    row = t(f"tracker.{unit}", n=i)
                    r.take("TH", lambda t: t == str(i), str(i))
                    r.take("TD", lambda t: t == "", "(empty date)")
                    field(f"{row}: {t('tracker.date')}")
                    for c in cols[2:]:
                        r.take("TD", lambda t: t == "", "(empty)")
                        field(f"{row}: {c}")
            else:
                for row in [fill(x, name) for x in b.get("rows", [])][:2]:
                    r.take("TH", lambda t: t == row, row)
                    for c in cols[1:]:
                        r.take("TD", lambda t: t == "", "(empty)")
                        field(f"{row}: {c}")
            # The other rows, to the table's end: cells and their fields only;
            # a table split across pages goes on as a table that says so,
            # with the same column headers.
            while True:
                while r.at < len(r.items) and r.items[r.at][0] in ("TH", "TD", "Form"):
                    r.at += 1
                if r.at < len(r.items) and r.items[r.at][0] == "Table" \
                        and r.items[r.at][1].startswith(lead("tables.continued")):
                    r.at += 1
                    for c in cols:
                        r.take("TH", lambda t: t == c, c)
                    continue
                break
        elif b["kind"] == "scale":
            r.text(label)
            r.take("Table", lambda t: t.startswith(table_lead), table_lead + " …")
            r.take("TD", lambda t: t == "", "(the empty corner)")
            for n in range(6):
                r.take("TH", lambda t: t == str(n), str(n))
            for item in b["items"]:
                item = fill(item, name)
                r.take("TH", lambda t: t == item, item)
                for n in range(6):
                    r.take("TD", lambda t: t == "", "(a circle)")
                    words = t("scale.words", low=b.get("low", t("scale.low")), high=b.get("high", t("scale.high")))
                    field(f"{item}{words}: {n}")
        elif b["kind"] == "signature":
            r.text(label)
            for who in (A, B):
                # The field sits above its line; its caption is read after it.
                field(t("signature.signed-by", name=who))
                r.text(t("signature.signed-by", name=who))
                field(t("signature.date-signed-by", name=who))
                r.text(t("signature.date"))
        else:
            sys.exit(f"{ex_id}: no expectation for a {b['kind']} block")
    return r.at


def main():
    global STRINGS, EXERCISES
    path = sys.argv[1]
    fillable = "--fillable" in sys.argv[2:]
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    STRINGS = tomllib.loads((ROOT / "workbook/i18n" / f"{lang}.toml").read_text())
    # English is the book's own folder; a language's twins are under workbook/<code>/.
    EXERCISES = ROOT / "workbook" / ("exercises" if lang == "en" else f"{lang}/exercises")
    items = announcements(path)
    # Nothing is read twice: the kickers over headings are artifacts, so a
    # heading's own text is the first thing read of each exercise.
    kicker = "|".join(re.escape(lead(k)) for k in ("page.chapter-kicker", "exercise.kicker"))
    for kind, text in items:
        if kind == "P" and re.match(rf"^({kicker})\d", text):
            sys.exit(f"a kicker is read as text: {text!r}")
    for ex_id, kind, name in CASES:
        n = check(items, ex_id, kind, name, fillable)
        print(f"ok    {kind:9} {ex_id}: {n} items read in order")
    # On every page, the tree reads the marked content in the order it is
    # painted (outloud's ORD-001 compares a flattened order instead).
    bad = order_mismatches(path)
    if bad:
        page, tree, painted = bad[0]
        sys.exit(f"{len(bad)} page(s) read out of painting order; page {page}: tree {tree[:12]}, painted {painted[:12]}")
    print("ok    every page reads in painting order")


if __name__ == "__main__":
    main()

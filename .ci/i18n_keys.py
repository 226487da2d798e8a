"""Checks the language files of workbook/i18n/ against each other and
against the templates (issue 34, item 2):

- every language has exactly the keys of en.toml, no more, no fewer;
- each key has the same placeholders ({n}, {name}, ...) in every language
  (a plural's forms may each leave out {count}, but nothing else);
- a list (month names, the booklet's steps) has as many items as English's;
- a plural (a table with `one` and `other`) has at least `other`;
- a `[regional.XX]` table (a region's own words) holds only keys of
  en.toml, each with its placeholders;
- every key a template names literally (`t("page.contents")`) is in
  en.toml, and every key of en.toml is used by a template, literally or
  under a prefix a template builds a key from (`t("tracker." + unit)`).

Run: python3 .ci/i18n_keys.py [folder with workbook/ and templates/]
Exit 1, naming the file and the key, on the first kind of problem found.
"""
import pathlib
import re
import sys
import tomllib

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}


def is_plural(v):
    return isinstance(v, dict) and "other" in v and set(v) <= PLURAL_FORMS


def flatten(table, prefix=""):
    """{dotted key: value}, with plurals and lists kept whole as leaves."""
    out = {}
    for k, v in table.items():
        key = prefix + k
        if isinstance(v, dict) and not is_plural(v):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def placeholders(v):
    """The placeholders of a leaf: a string, a plural, or a list."""
    if isinstance(v, str):
        return set(PLACEHOLDER.findall(v))
    if isinstance(v, dict):
        found = set()
        for form in v.values():
            found |= placeholders(form)
        return found
    if isinstance(v, list):
        found = set()
        for item in v:
            found |= placeholders(item)
        return found
    return set()


def shape(v):
    return "plural" if is_plural(v) else "list" if isinstance(v, list) else "string" if isinstance(v, str) else type(v).__name__


def check_language(name, strings, english):
    problems = []
    for key in sorted(set(english) - set(strings)):
        problems.append(f"{name}: missing key {key} (en.toml has it)")
    for key in sorted(set(strings) - set(english)):
        problems.append(f"{name}: key {key} is not in en.toml")
    for key in sorted(set(strings) & set(english)):
        e, s = english[key], strings[key]
        if shape(e) != shape(s):
            problems.append(f"{name}: {key} is a {shape(s)}, in en.toml a {shape(e)}")
            continue
        pe, ps = placeholders(e), placeholders(s)
        if shape(e) == "plural":
            pe, ps = pe - {"count"}, ps - {"count"}
        if pe != ps:
            want = ", ".join("{" + p + "}" for p in sorted(pe)) or "none"
            got = ", ".join("{" + p + "}" for p in sorted(ps)) or "none"
            problems.append(f"{name}: {key} has placeholders {got}; en.toml has {want}")
        if isinstance(e, list) and len(e) != len(s):
            problems.append(f"{name}: {key} has {len(s)} items; en.toml has {len(e)}")
        if is_plural(s):
            for form in s.values():
                if not isinstance(form, str):
                    problems.append(f"{name}: {key}: every plural form must be a string")
    return problems


def template_keys(templates):
    """Keys named literally, and prefixes of keys built from a string."""
    literal, prefixes = set(), set()
    call = re.compile(r"\b(?:t|tm|t-list)\(\s*\"([a-z0-9.-]+)\"(\s*\+)?")
    for path in sorted(templates.glob("*.typ")):
        # Comments left out: they quote calls as examples.
        text = re.sub(r"(?m)(^|\s)//.*$", r"\1", path.read_text(encoding="utf-8"))
        for m in call.finditer(text):
            (prefixes if m.group(2) else literal).add((m.group(1), path.name))
    return literal, prefixes


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder = root / "workbook" / "i18n"
    files = sorted(folder.glob("*.toml"))
    english_path = folder / "en.toml"
    if english_path not in files:
        print(f"{english_path}: not found")
        return 1
    loaded = {}
    for path in files:
        try:
            loaded[path.name] = flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as e:
            print(f"{path}: {e}")
            return 1
    # A region's overrides are checked on their own: they may leave out
    # any key, but may not add one.
    regional = {}
    for name, strings in loaded.items():
        for key in [k for k in strings if k.startswith("regional.")]:
            region, _, rest = key[len("regional."):].partition(".")
            regional.setdefault((name, region), {})[rest] = strings.pop(key)
    english = loaded["en.toml"]
    problems = []
    for name, strings in loaded.items():
        if name != "en.toml":
            problems += check_language(f"workbook/i18n/{name}", strings, english)
    for (name, region), strings in regional.items():
        partial = {k: v for k, v in english.items() if k in strings}
        problems += check_language(f"workbook/i18n/{name} [regional.{region}]", strings, partial)
    literal, prefixes = template_keys(root / "templates")
    for key, where in sorted(literal):
        if key not in english:
            problems.append(f"templates/{where}: t(\"{key}\") is not in workbook/i18n/en.toml")
    used = {k for k, _ in literal}
    # Keys workbook's own Rust reads (src/guide/strings.rs: the PDF's title).
    rust = (root / "src" / "guide" / "strings.rs").read_text()
    used |= {k for k in english if f'"{k}"' in rust}
    for key in sorted(english):
        if key not in used and not any(key.startswith(p) for p, _ in prefixes):
            problems.append(f"workbook/i18n/en.toml: {key} is used by no template")
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {', '.join(loaded)} have the same {len(english)} keys and placeholders; every key a template names is there")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

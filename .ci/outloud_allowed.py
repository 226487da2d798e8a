"""Compares outloud's findings on one build with the checked-in allow-list
(.ci/outloud-allow.toml): every error and warning must be listed there for
that build, by rule, page and count, or the check fails; so must every
listed finding still be found, so the list never outlives what it excuses.

usage: outloud_allowed.py BUILD REPORT.json [ALLOW.toml] [--update]
BUILD names a build in the allow-list (a4, letter-duplex, fillable, ...);
REPORT.json is `outloud FILE --json REPORT.json`.

With --update, after a layout change moves pages, the pages and counts of
rules the list already judges (with a reason) are rewritten from the report
for that build; findings of any other rule are still reported and fail.
Review the diff: each moved page must be the same kind of finding.
"""
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

update = "--update" in sys.argv
args = [a for a in sys.argv[1:] if a != "--update"]
build, report = args[0], args[1]
allow_path = Path(args[2]) if len(args) > 2 else Path(__file__).parent / "outloud-allow.toml"
allow = tomllib.loads(allow_path.read_text())

result = json.loads(Path(report).read_text())["results"][0]
if result.get("error"):
    sys.exit(f"outloud could not read the file: {result['error']}")
found = Counter(
    (f["rule"], f["severity"], f.get("page"), f.get("count"))
    for f in result["findings"]
    if f["severity"] in ("error", "warning")
)
if update:
    lines = allow_path.read_text().splitlines()
    out, section, i = [], None, 0
    by_rule = {}
    for (rule, severity, page, count), n in found.items():
        if allow.get(rule, {}).get("reason"):
            by_rule.setdefault(rule, []).extend([(page, count)] * n)

    def entry(rule):
        hits = sorted(by_rule.get(rule, []), key=lambda h: (h[0] or 0, h[1] or 0))
        items = [f"{{ page = {p}, count = {c} }}" for p, c in hits]
        if len(items) <= 2:
            return [f"{build} = [" + ", ".join(items) + "]"]
        return [f"{build} = ["] + ["  " + ", ".join(items[k:k + 3]) + "," for k in range(0, len(items), 3)] + ["]"]

    written = set()
    while i < len(lines):
        line = lines[i]
        if line.startswith("[") and line.endswith("]"):
            if section and section not in written and section in by_rule:
                while out and out[-1] == "":
                    out.pop()
                out += entry(section) + [""]
                written.add(section)
            section = line[1:-1]
        if section and line.startswith(f"{build} = ["):
            end = i
            while not lines[end].rstrip().endswith("]"):
                end += 1
            out += entry(section)
            written.add(section)
            i = end + 1
            continue
        out.append(line)
        i += 1
    if section and section not in written and section in by_rule:
        out += entry(section)
    allow_path.write_text("\n".join(out) + "\n")
    allow = tomllib.loads(allow_path.read_text())

allowed = Counter()
for rule, entry in allow.items():
    for hit in entry.get(build, []):
        allowed[(rule, entry.get("severity", "warning"), hit["page"], hit["count"])] += 1

new = found - allowed
gone = allowed - found
for (rule, severity, page, count), n in sorted(new.items(), key=str):
    reason = allow.get(rule, {}).get("reason")
    note = "allowed elsewhere, not here" if reason else "not allowed"
    print(f"new   {severity} {rule} page {page} count {count} (x{n}): {note}")
for (rule, severity, page, count), n in sorted(gone.items(), key=str):
    print(f"gone  {severity} {rule} page {page} count {count} (x{n}): listed for {build} but not found; update the list")
if new or gone:
    for f in result["findings"]:
        if (f["rule"], f["severity"], f.get("page"), f.get("count")) in new:
            print(f"      {f['rule']} p{f.get('page')}: {f['message']}")
    sys.exit(1)
counts = Counter(f["rule"] for f in result["findings"] if f["severity"] in ("error", "warning"))
print(f"{build}: {sum(found.values())} finding(s), all allow-listed: " + ", ".join(f"{r} x{n}" for r, n in sorted(counts.items())))

"""Compares outloud's findings on one build with the checked-in allow-list
(.ci/outloud-allow.toml): every error and warning must be listed there for
that build, by rule, page and count, or the check fails; so must every
listed finding still be found, so the list never outlives what it excuses.

usage: outloud_allowed.py BUILD REPORT.json [ALLOW.toml]
BUILD names a build in the allow-list (a4, letter-duplex, fillable, ...);
REPORT.json is `outloud FILE --json REPORT.json`.
"""
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

build, report = sys.argv[1], sys.argv[2]
allow_path = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(__file__).parent / "outloud-allow.toml"
allow = tomllib.loads(allow_path.read_text())

result = json.loads(Path(report).read_text())["results"][0]
if result.get("error"):
    sys.exit(f"outloud could not read the file: {result['error']}")
found = Counter(
    (f["rule"], f["severity"], f.get("page"), f.get("count"))
    for f in result["findings"]
    if f["severity"] in ("error", "warning")
)
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

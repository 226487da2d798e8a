"""Checks cargo-dist's plan for a release against what issue 31 promises.

usage: python3 .ci/dist_plan.py PLAN.json Cargo.toml

PLAN.json is `dist plan --tag vX.Y.Z --output-format=json` for the version
in Cargo.toml. The plan must list, for each of the five targets, an archive
holding the binary, README, CHANGELOG, both licences, the man pages, the
completions and the fonts' licences, with a SHA-256 checksum beside it; the
shell and PowerShell installers, the Homebrew formula and sha256.sum; and
release notes taken from the version's CHANGELOG section. Then the
cargo-binstall metadata in Cargo.toml must name each of those archives and
the binary's path inside it, and README.md and the install chapter must
point at the repository Cargo.toml names.
"""

import json
import re
import sys
import tomllib

TARGETS = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
]
IN_EVERY_ARCHIVE = {"README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE",
                    "man", "completions", "font-licences"}
GLOBAL = {"workbook-installer.sh": "installer", "workbook-installer.ps1": "installer",
          "workbook.rb": "installer", "sha256.sum": "unified-checksum"}


def archive_name(target):
    return f"workbook-{target}" + (".zip" if "windows" in target else ".tar.xz")


def binstall_render(template, **values):
    """cargo-binstall's `{ name }` placeholders, filled in."""
    def fill(m):
        return values[m.group(1).replace("-", "_")]
    return re.sub(r"\{\s*([a-z-]+)\s*\}", fill, template)


def main():
    plan = json.load(open(sys.argv[1]))
    cargo = tomllib.load(open(sys.argv[2], "rb"))["package"]
    version, repo = cargo["version"], cargo["repository"].rstrip("/")
    problems = []

    if plan["announcement_tag"] != f"v{version}":
        problems.append(f"the plan is for {plan['announcement_tag']}, not v{version}")
    if not (plan.get("announcement_changelog") or "").strip():
        problems.append(f"no release notes: CHANGELOG.md has no section for {version}")
    release = plan["releases"][0]
    listed = set(release["artifacts"])
    artifacts = plan["artifacts"]

    for target in TARGETS:
        name = archive_name(target)
        art = artifacts.get(name)
        if name not in listed or art is None:
            problems.append(f"no archive {name}")
            continue
        exe = "workbook.exe" if "windows" in target else "workbook"
        inside = {a["path"] for a in art.get("assets", [])}
        missing = (IN_EVERY_ARCHIVE | {exe}) - inside
        if missing:
            problems.append(f"{name} lacks {sorted(missing)}")
        if art.get("checksum") != f"{name}.sha256" or f"{name}.sha256" not in listed:
            problems.append(f"{name} has no .sha256 beside it")
    extra = {a for a, v in artifacts.items() if v.get("kind") == "executable-zip"} - {archive_name(t) for t in TARGETS}
    if extra:
        problems.append(f"archives for targets not asked for: {sorted(extra)}")
    for name, kind in GLOBAL.items():
        if name not in listed or artifacts.get(name, {}).get("kind") != kind:
            problems.append(f"no {kind} {name}")

    # cargo binstall: the URL and the binary's place inside, per target.
    meta = cargo["metadata"]["binstall"]
    for target in TARGETS:
        over = meta.get("overrides", {}).get(target, {})
        fmt = over.get("pkg-fmt", meta["pkg-fmt"])
        suffix = {"txz": ".tar.xz", "zip": ".zip"}[fmt]
        values = dict(repo=repo, version=version, name="workbook", target=target,
                      archive_suffix=suffix, bin="workbook",
                      binary_ext=".exe" if "windows" in target else "")
        url = binstall_render(over.get("pkg-url", meta["pkg-url"]), **values)
        want = f"{repo}/releases/download/v{version}/{archive_name(target)}"
        if url != want:
            problems.append(f"binstall for {target} fetches {url}, cargo-dist uploads {want}")
        bin_dir = binstall_render(over.get("bin-dir", meta["bin-dir"]), **values)
        # tar.xz archives hold one folder named after the archive; zips are flat.
        inside = f"workbook-{target}/workbook" if fmt == "txz" else "workbook.exe"
        if bin_dir != inside:
            problems.append(f"binstall for {target} looks for {bin_dir}, the archive has {inside}")

    # The install instructions point where the releases will be.
    for doc in ["README.md", "docs/src/install.md"]:
        for url in set(re.findall(r"https://github\.com/[\w.-]+/workbook\b", open(doc).read())):
            if url != repo:
                problems.append(f"{doc} points at {url}, Cargo.toml's repository is {repo}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"      dist plan v{version}: {len(TARGETS)} archives with checksums, "
          f"{', '.join(GLOBAL)}; binstall finds each archive")


if __name__ == "__main__":
    main()

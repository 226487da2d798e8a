#!/usr/bin/env bash
# Installs without Rust (issue 31; docs/src/releasing.md), checked here with
# the debug binary .ci/run has already built:
#
#   .ci/packaging.sh            (from .ci/run, or alone after `cargo build`)
#
# 1. pkg/ (man pages, completions, font licences) is what the binary writes;
# 2. cargo-dist's plan for the version in Cargo.toml lists the five
#    archives with checksums, both installers and the Homebrew formula, and
#    release.yml is what cargo-dist writes from dist-workspace.toml;
# 3. the binstall metadata names each archive cargo-dist makes;
# 4. `dist build` makes this machine's archive, whose binary builds a
#    workbook with no cargo on the PATH, and the shell installer installs
#    it from there;
# 5. the .deb installs, works and leaves nothing behind (.ci/deb_check.sh).
# cargo-deb and cargo-dist are pinned and installed once into
# ~/.cache/workbook (cold: cargo-deb about 2.5 minutes, cargo-dist about
# 12 on the shared 2-core machine; see docs/src/development.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
bin=target/debug/workbook
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
step_started=$(date +%s%N)
took() { # what
  local now; now=$(date +%s%N)
  echo "      $1 took $(( (now - step_started) / 1000000 )) ms"
  step_started=$now
}

deb_root="$HOME/.cache/workbook/cargo-deb-3.8.0"
[ -x "$deb_root/bin/cargo-deb" ] ||
  cargo install cargo-deb --version 3.8.0 --locked --root "$deb_root" --quiet
dist_root="$HOME/.cache/workbook/cargo-dist-0.34.0"
[ -x "$dist_root/bin/dist" ] ||
  cargo install cargo-dist --version 0.34.0 --locked --root "$dist_root" --quiet
dist=$dist_root/bin/dist
took "installing cargo-deb and cargo-dist (cached after the first run)"

echo "-- pkg/ matches what the binary writes"
.ci/pkg_files.sh "$bin" "$out/pkg"
diff -r --exclude=README.md pkg "$out/pkg" ||
  { echo "pkg/ is stale: run .ci/pkg_files.sh $bin and commit pkg/"; exit 1; }
took "pkg/ check"

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -1)
echo "-- dist plan for v$version, dist generate --check"
"$dist" plan --tag "v$version" --output-format=json --no-local-paths >"$out/plan.json" 2>"$out/plan.log" ||
  { cat "$out/plan.log"; exit 1; }
python3 .ci/dist_plan.py "$out/plan.json" Cargo.toml
"$dist" generate --check >"$out/generate.log" 2>&1 ||
  { cat "$out/generate.log"; echo "release.yml is out of step with dist-workspace.toml: run dist generate"; exit 1; }
took "dist plan and generate --check"

echo "-- dist build: this machine's archive and installer, from the debug binary"
# The host mode (no --artifacts): the archive for this machine's target
# (x86_64 glibc here; the release builds musl), with the shell installer
# and Homebrew formula made for it.
host=$(rustc -vV | sed -n 's/^host: //p')
rm -rf target/distrib
CARGO="$PWD/.ci/cargo_dev_for_dist.sh" "$dist" build --tag "v$version" >"$out/build.log" 2>&1 ||
  { cat "$out/build.log"; exit 1; }
archive=target/distrib/workbook-$host.tar.xz
(cd target/distrib && sha256sum -c "workbook-$host.tar.xz.sha256" >/dev/null && sha256sum -c --ignore-missing sha256.sum >/dev/null) ||
  { echo "$archive does not match its checksums"; exit 1; }
grep -qF "sha256 \"$(cut -d' ' -f1 "$archive.sha256")\"" target/distrib/workbook.rb ||
  { echo "workbook.rb does not name the archive's checksum"; exit 1; }
mkdir -p "$out/unpacked"
tar xf "$archive" -C "$out/unpacked"
root="$out/unpacked/workbook-$host"
for f in workbook README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE \
  font-licences/Charis-SIL.txt font-licences/Open-Sans.txt \
  man/workbook.1 man/workbook-build.1 completions/workbook.bash completions/_workbook \
  completions/workbook.fish completions/workbook.ps1; do
  [ -f "$root/$f" ] || { echo "the archive lacks $f:"; (cd "$out/unpacked" && find . -type f | sort); exit 1; }
done
diff -r pkg/man "$root/man" && diff -r pkg/completions "$root/completions"
# A user's machine: a PATH with the system's tools and no Rust, an empty
# home, an empty folder.
mkdir -p "$out/home" "$out/work"
no_rust_path=/usr/local/bin:/usr/bin:/bin
env -i PATH="$no_rust_path" HOME="$out/home" bash -c '! command -v cargo && ! command -v rustc' >/dev/null ||
  { echo "cargo or rustc is on $no_rust_path: the check would not show a machine without Rust"; exit 1; }
(cd "$out/work" && env -i PATH="$no_rust_path" HOME="$out/home" "$root/workbook" build --names "Ana & Ben" -q)
[ -s "$out/work/workbook-ana-ben.pdf" ] || { echo "the archive's workbook wrote no workbook-ana-ben.pdf"; exit 1; }
if command -v qpdf >/dev/null; then qpdf --check "$out/work/workbook-ana-ben.pdf" >/dev/null; fi
typst=$(awk '/^name = "typst"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
[ "$("$root/workbook" --version)" = "workbook $version (typst $typst)" ] ||
  { echo "--version says: $("$root/workbook" --version), not workbook $version (typst $typst)"; exit 1; }
echo "      $(basename "$archive"): $(($(stat -c %s "$archive") / 1024 / 1024)) MB, $(cd "$out/unpacked" && find . -type f | wc -l) files; its workbook built a PDF with no Rust on the PATH"
took "dist build and the archive check"

echo "-- the shell installer, fetching that archive"
# curl reads file:// as it reads https://, so cargo-dist's installer
# downloads, checks the embedded SHA-256, installs into ~/.local/bin and
# adds it to PATH for the shells, as from a release.
inst_home="$out/installer-home"
mkdir -p "$inst_home"
env -i PATH="$no_rust_path" HOME="$inst_home" WORKBOOK_DOWNLOAD_URL="file://$PWD/target/distrib" \
  sh target/distrib/workbook-installer.sh >"$out/installer.log" 2>&1 || { cat "$out/installer.log"; exit 1; }
# shellcheck disable=SC2016 # $HOME is the installer's, expanded by the inner shell
[ "$(env -i PATH="$no_rust_path" HOME="$inst_home" bash -c '. "$HOME/.profile" && command -v workbook')" = "$inst_home/.local/bin/workbook" ] ||
  { echo "after the installer, a login shell does not find workbook in ~/.local/bin"; cat "$out/installer.log"; exit 1; }
cmp -s "$inst_home/.local/bin/workbook" "$root/workbook" || { echo "the installer installed another binary"; exit 1; }
took "the shell installer"

echo "-- the .deb: install, use, remove"
.ci/deb_check.sh "$out" --profile dev
took "cargo deb and the install check"
echo "packaging checks: all passed"

#!/usr/bin/env bash
# Writes the files the release archives and the .deb carry beside the
# binary: man pages and shell completions from `workbook manpage` and
# `workbook completions` (the same clap definitions that parse the command
# line), and the fonts' licences under names that do not collide.
#
#   .ci/pkg_files.sh BINARY [DIR]      (DIR defaults to pkg/)
#
# pkg/ is committed: one set of files for all five archives and the .deb,
# since none of them depends on the platform, and a cross-compiled binary
# (aarch64 Linux on an x86_64 runner) could not write its own. .ci/run
# regenerates it into a temporary folder and fails if the committed copy
# differs: after changing a command's options or the version, run
# `cargo build && .ci/pkg_files.sh target/debug/workbook`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1
dir=${2:-$root/pkg}
[ -x "$bin" ] || { echo "pkg_files.sh: no binary at $bin" >&2; exit 2; }
rm -rf "$dir/man" "$dir/completions" "$dir/font-licences"
mkdir -p "$dir/completions" "$dir/font-licences"
"$bin" manpage -q "$dir/man"
"$bin" completions bash >"$dir/completions/workbook.bash"
"$bin" completions zsh >"$dir/completions/_workbook"
"$bin" completions fish >"$dir/completions/workbook.fish"
"$bin" completions powershell >"$dir/completions/workbook.ps1"
"$bin" completions elvish >"$dir/completions/workbook.elv"
cp "$root"/assets/fonts/charis/LICENSE.txt "$dir/font-licences/Charis-SIL.txt"
cp "$root"/assets/fonts/open-sans/LICENSE.txt "$dir/font-licences/Open-Sans.txt"

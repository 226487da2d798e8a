#!/usr/bin/env bash
# cargo, as cargo-dist runs it in .ci/run (CARGO=this file): cargo-dist's
# `cargo build --profile dist --target HOST ...` becomes a build of the dev
# profile for the host, which .ci/run has already compiled, so that
# `dist build` makes the host's archive from the same config in seconds
# instead of a cold fat-LTO build of Typst (about 9 minutes on 2 cores,
# more with `--target`, which puts everything in a folder of its own).
# cargo-dist is then pointed at a copy of the binary without its debug
# information (62 MB instead of 790, which xz would take minutes over), as
# the release profile's binary has none either. What the check looks at is
# the archive: its files, its checksum and a workbook built by the binary
# inside; the release workflow builds the real `dist` profile. Every other
# cargo command passes through unchanged.
set -euo pipefail
if [ "${1:-}" != build ]; then exec cargo "$@"; fi
host=$(rustc -vV | sed -n 's/^host: //p')
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --profile) args+=(--profile dev); shift 2 ;;
    --target)
      [ "$2" = "$host" ] || { echo "cargo_dev_for_dist.sh: only the host ($host) builds here, not $2" >&2; exit 1; }
      shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
messages=$(mktemp)
trap 'rm -f "$messages"' EXIT
cargo "${args[@]}" >"$messages"
# The JSON messages name target/debug/workbook; cargo-dist copies whatever
# path they name into the archive.
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
mkdir -p "$target_dir/debug/for-dist"
strip --strip-debug -o "$target_dir/debug/for-dist/workbook" "$target_dir/debug/workbook"
sed "s#\"$target_dir/debug/workbook\"#\"$target_dir/debug/for-dist/workbook\"#g" "$messages"

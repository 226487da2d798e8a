#!/usr/bin/env bash
# The Debian package, installed and removed on this machine (issue 31):
#
#   .ci/deb_check.sh OUT_DIR --profile dev   package the binary already built, then check it
#   .ci/deb_check.sh OUT_DIR --deb FILE      check a .deb built before (the release workflow's)
#
# .ci/run packages the debug binary it has already built (`--profile dev
# --no-build`): what is checked is the package's contents, its install and
# its removal, not the optimiser; the release workflow packages the `dist`
# build and checks that. Then `dpkg -i`, a workbook built by
# /usr/bin/workbook in an empty folder, `man -w`, the bash completion,
# `dpkg -r`, and nothing of it left: no file the package listed, no folder
# it made, no dpkg record. dpkg runs through sudo when not root.
set -euo pipefail
out=$(realpath -m "$1")
deb_given=$(realpath -m "${3:-.}")
cd "$(dirname "$0")/.."
cargo_deb="$HOME/.cache/workbook/cargo-deb-3.8.0/bin/cargo-deb"
pkg=workbook
sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)

# A run stopped halfway may have left it installed: start clean.
if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q installed; then
  echo "      removing a $pkg package left installed by an earlier run"
  "${sudo[@]}" dpkg -r "$pkg" >/dev/null
fi

mkdir -p "$out/deb"
case ${2:-} in
  --profile)
    # --fast: xz at a low level (32 s instead of 3 min here for the 60 MB
    # debug binary); the dev-profile warning is cargo-deb's and expected.
    "$cargo_deb" --profile "$3" --no-build --fast -q -o "$out/deb/" >"$out/deb/build.log" 2>&1 ||
      { cat "$out/deb/build.log"; exit 1; }
    deb=$(ls "$out"/deb/"$pkg"_*.deb) ;;
  --deb) deb=$deb_given ;;
  *) echo "usage: .ci/deb_check.sh OUT_DIR (--profile PROFILE | --deb FILE)" >&2; exit 2 ;;
esac
echo "      built $(basename "$deb") ($(($(stat -c %s "$deb") / 1024 / 1024)) MB)"

# What it holds: the regular files, as dpkg will list them, and the folders
# it would make here (those it must take away again).
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }' | sort >"$out/deb/files.txt"
mapfile -t files <"$out/deb/files.txt"
new_dirs=()
while read -r d; do
  [ -e "$d" ] || new_dirs+=("$d")
done < <(dpkg-deb -c "$deb" | awk '$1 ~ /^d/ { sub(/^\./, "", $6); sub(/\/$/, "", $6); if ($6 != "") print $6 }')
want=(
  /usr/bin/workbook
  /usr/share/man/man1/workbook.1.gz
  /usr/share/man/man1/workbook-build.1.gz
  /usr/share/bash-completion/completions/workbook
  /usr/share/zsh/vendor-completions/_workbook
  /usr/share/fish/vendor_completions.d/workbook.fish
  /usr/share/doc/workbook/copyright
  /usr/share/doc/workbook/LICENSE-MIT
  /usr/share/doc/workbook/LICENSE-APACHE
  /usr/share/doc/workbook/font-licences/Charis-SIL.txt
  /usr/share/doc/workbook/font-licences/Open-Sans.txt
  /usr/share/doc/workbook/README.md
)
for f in "${want[@]}"; do
  grep -qxF "$f" "$out/deb/files.txt" || { echo "the .deb lacks $f"; cat "$out/deb/files.txt"; exit 1; }
done
man_pages=$(grep -c '^/usr/share/man/man1/' "$out/deb/files.txt")
pages=(pkg/man/*.1)
[ "$man_pages" -eq "${#pages[@]}" ] || { echo "the .deb has $man_pages man pages, pkg/man more"; exit 1; }

"${sudo[@]}" dpkg -i "$deb" >"$out/deb/install.log" 2>&1 || { cat "$out/deb/install.log"; exit 1; }
[ "$(dpkg-query -W -f '${Status}' "$pkg")" = "install ok installed" ]
for f in "${files[@]}"; do [ -f "$f" ] || { echo "installed, but $f is missing"; exit 1; }; done

# The installed binary, from /usr/bin, in an empty folder: the default
# file name, a valid PDF.
work=$(mktemp -d)
(cd "$work" && /usr/bin/workbook build --names "Ana & Ben" -q)
[ -s "$work/workbook-ana-ben.pdf" ] || { echo "/usr/bin/workbook build wrote no workbook-ana-ben.pdf"; exit 1; }
if command -v qpdf >/dev/null; then qpdf --check "$work/workbook-ana-ben.pdf" >/dev/null; fi
rm -rf "$work"
[ "$(man -w workbook-build)" = /usr/share/man/man1/workbook-build.1.gz ] ||
  { echo "man -w workbook-build: $(man -w workbook-build 2>&1)"; exit 1; }
man workbook-build 2>/dev/null | grep -q -- '--names' || { echo "man workbook-build does not show --names"; exit 1; }
# bash finds the completion where bash-completion looks for it.
bash -c 'source /usr/share/bash-completion/completions/workbook && complete -p workbook' >/dev/null

"${sudo[@]}" dpkg -r "$pkg" >"$out/deb/remove.log" 2>&1 || { cat "$out/deb/remove.log"; exit 1; }
# No conffiles, so removal leaves nothing for dpkg to remember.
if dpkg-query -W -f '${Status}' "$pkg" >"$out/deb/status.txt" 2>/dev/null; then
  echo "dpkg still knows $pkg after dpkg -r: $(cat "$out/deb/status.txt")"; exit 1
fi
left=0
for f in "${files[@]}" "${new_dirs[@]}"; do [ ! -e "$f" ] || { echo "left behind: $f"; left=1; }; done
[ ! -e "/var/lib/dpkg/info/$pkg.list" ] || { echo "left behind: /var/lib/dpkg/info/$pkg.list"; left=1; }
[ "$left" -eq 0 ]
echo "      installed ${#files[@]} files (and ${#new_dirs[@]} new folders), built a workbook from /usr/bin, man -w found workbook-build, removed all"

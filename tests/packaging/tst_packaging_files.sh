#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tst_packaging_files: what the package is made of, checked without root or cpack: the desktop entry and the
# AppStream metadata validate, the build tree mirrors the installed layout (share/easel, icons, man pages),
# and both executables print the project version from the build tree.
# Usage: tst_packaging_files.sh SOURCE_DIR BUILD_DIR VERSION
set -euo pipefail
src=$1 build=$2 version=$3
fail() {
    echo "FAILED: tst_packaging_files: $*" >&2
    exit 1
}
for tool in desktop-file-validate appstreamcli rsvg-convert help2man; do
    command -v "$tool" >/dev/null || { echo "SKIPPED: $tool not found (install the README's apt-get list)"; exit 77; }
done

desktop-file-validate "$src/packaging/linux/org.easel.Easel.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$src/packaging/linux/org.easel.Easel.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$src/packaging/linux/org.easel.Easel.metainfo.xml" ||
    fail "the metainfo's release notes lack version $version"
head -n 1 "$src/packaging/debian/changelog" | grep -q "^easel ($version) " || fail "packaging/debian/changelog lacks $version"

for file in share/easel/clip/vocab.json share/easel/clip/merges.txt share/easel/models/tiny-sd15.safetensors \
    share/easel/models/tiny-sd15.json share/easel/styles/styles.json share/easel/story/templates.json share/easel/examples/harbour-story.json share/easel/translations/easel_de.qm share/easel/translations/easel_fr.qm \
    share/man/man1/easel-cli.1.gz \
    share/man/man1/easel.1.gz share/icons/hicolor/48x48/apps/org.easel.Easel.png share/doc/easel/changelog.gz; do
    [ -s "$build/$file" ] || fail "$build/$file is missing (the build tree mirrors the installed layout)"
done
man=$(zcat "$build/share/man/man1/easel-cli.1.gz") # read whole: grep -q closing a pipe early fails under pipefail
grep -q '^\.SH FILES' <<<"$man" || fail "easel-cli.1 lacks its FILES section"

out=$(env -u EASEL_RESOURCE_DIR "$build/app/easel-cli" --version)
case "$out" in "easel-cli $version "*) ;; *) fail "easel-cli --version: $out" ;; esac
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$build/app/easel" --version)
[ "$out" = "easel $version" ] || fail "easel --version (which must not need a display): $out"
echo "PASSED: tst_packaging_files"

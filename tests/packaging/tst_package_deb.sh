#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tst_package_deb: the .deb from end to end, as an artist's machine would see it.
#   cpack -> file list, Depends, lintian -> apt-get install ./easel_*.deb -> with the source and build trees
#   hidden (a private mount namespace with empty tmpfs over them): easel-cli --version, a 2-step demo
#   generation, easel under QT_QPA_PLATFORM=offscreen -> apt-get purge -> no file of the package left.
# Needs root (it installs into /usr): exits 77 (skipped) otherwise. Registered in tests/packaging/CMakeLists.txt.
# Usage: tst_package_deb.sh SOURCE_DIR BUILD_DIR VERSION
set -euo pipefail

src=$(realpath "$1")
build=$(realpath "$2")
version=$3

skip() {
    echo "SKIPPED: tst_package_deb: $*"
    exit 77
}
fail() {
    echo "FAILED: tst_package_deb: $*" >&2
    exit 1
}
step() { echo "== [${SECONDS}s] $*"; }

[ "$(id -u)" = 0 ] || skip "needs root: it installs the .deb with apt-get and purges it again (CI runs it as root)"
for tool in cpack dpkg-deb dpkg-shlibdeps file objdump apt-get lintian unshare timeout desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || skip "$tool not found (install the README's apt-get list)"
done
unshare --mount --propagation private true 2>/dev/null ||
    skip "cannot make a private mount namespace (unshare -m) to hide the source and build trees (a container without CAP_SYS_ADMIN?)"
if dpkg-query -W -f '${Status}' easel 2>/dev/null | grep -q 'ok installed'; then
    fail "a package named easel is already installed; remove it first (apt-get purge easel): this test installs and purges its own"
fi

work=$build/tests/packaging/deb
home=$(mktemp -d /tmp/tst_package_deb.XXXXXX) # outside both trees: still visible when they are hidden
installed=0
cleanup() {
    if [ "$installed" = 1 ] && dpkg-query -W easel >/dev/null 2>&1; then
        echo "== cleanup: apt-get purge easel"
        DEBIAN_FRONTEND=noninteractive apt-get purge -y easel >/dev/null 2>&1 || true
    fi
    rm -rf "$home"
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"

step "cpack -G DEB"
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    fail "cpack failed"
fi
debs=("$work"/easel_"$version"_*.deb)
[ -f "${debs[0]}" ] || fail "cpack wrote no easel_${version}_*.deb in $work"
deb=${debs[0]}
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"

step "file list"
dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -v '/$' | sed 's|^\./|/|' | sort >"$work/files.txt"
{
    printf '%s\n' /usr/bin/easel /usr/bin/easel-cli \
        /usr/share/applications/org.easel.Easel.desktop \
        /usr/share/metainfo/org.easel.Easel.metainfo.xml \
        /usr/share/icons/hicolor/scalable/apps/org.easel.Easel.svg \
        /usr/share/man/man1/easel.1.gz /usr/share/man/man1/easel-cli.1.gz \
        /usr/share/doc/easel/copyright /usr/share/doc/easel/changelog.gz /usr/share/doc/easel/clip-vocabulary.md \
        /usr/share/easel/clip/vocab.json /usr/share/easel/clip/merges.txt \
        /usr/share/easel/models/tiny-sd15.safetensors /usr/share/easel/models/tiny-sd15.json \
        /usr/share/easel/styles/styles.json \
        /usr/share/easel/story/templates.json /usr/share/easel/examples/harbour-story.json \
        /usr/share/easel/translations/easel_de.qm /usr/share/easel/translations/easel_fr.qm
    for size in 16 24 32 48 64 128 256 512; do
        echo "/usr/share/icons/hicolor/${size}x${size}/apps/org.easel.Easel.png"
    done
} | sort >"$work/expected.txt"
diff -u "$work/expected.txt" "$work/files.txt" || fail "the package's files differ from the expected list (- expected, + packaged)"
# No packaged file may point back at the trees it was built from.
mkdir -p "$work/root"
dpkg-deb -x "$deb" "$work/root"
if grep -rlF -e "$src/resources" -e "$build/share" "$work/root"; then
    fail "the files above contain the source or build tree's resource path"
fi

step "Depends"
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "Depends: $depends"
echo "Recommends: $recommends"
# From dpkg-shlibdeps (the libraries the executables link)...
for pkg in libc6 'libstdc\+\+6' libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 'libtorch[0-9.]*' \
    'libopencv-core[0-9.]*' 'libopencv-imgproc[0-9.]*' 'libopencv-imgcodecs[0-9.]*' zlib1g; do
    grep -Eq "(^|, )$pkg( \\(|,|$)" <<<"$depends" || fail "Depends lacks $pkg"
done
# ...and the Qt plugins they load: the SQLite driver exactly when Qt SQL is linked.
# (objdump's output is read whole first: grep -q closing the pipe early would fail it under pipefail.)
needed=$(objdump -p "$work/root/usr/bin/easel" "$work/root/usr/bin/easel-cli" | grep NEEDED)
if grep -q 'libQt6Sql' <<<"$needed"; then
    grep -q 'libqt6sql6-sqlite' <<<"$depends" || fail "Qt SQL is linked but Depends lacks libqt6sql6-sqlite"
else
    ! grep -q 'libqt6sql6-sqlite' <<<"$depends" || fail "Depends has libqt6sql6-sqlite but nothing links Qt SQL"
fi
grep -q 'qt6-wayland' <<<"$recommends" || fail "Recommends lacks qt6-wayland"

step "lintian"
# Errors and warnings fail; info tags are shown and each is explained in packaging/README.md.
lintian --fail-on error,warning --display-info "$deb" 2>&1 | tee "$work/lintian.txt" || fail "lintian found errors or warnings"

step "apt-get install ./$(basename "$deb")"
installed=1
(cd "$work" && DEBIAN_FRONTEND=noninteractive apt-get install -y "./$(basename "$deb")") >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install failed"; }
tail -n 3 "$work/apt.log"
dpkg -L easel | sort >"$work/installed.txt"
desktop-file-validate /usr/share/applications/org.easel.Easel.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/org.easel.Easel.metainfo.xml || fail "appstreamcli validate"

step "run from the installed paths, the source and build trees hidden"
# Own mount namespace: empty tmpfs over the build tree, then over the source tree (either may hold the other).
unshare --mount --propagation private env -u EASEL_RESOURCE_DIR -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
    -u XDG_CACHE_HOME HOME="$home" bash -euo pipefail -s "$src" "$build" "$version" "$home" <<'HIDDEN' || fail "installed programs"
src=$1 build=$2 version=$3 home=$4
cd /
for dir in "$build" "$src"; do
    if [ -d "$dir" ]; then mount -t tmpfs -o size=1m,mode=0755 tmpfs "$dir"; fi
done
[ ! -e "$src/CMakeLists.txt" ] && [ ! -e "$build/CMakeCache.txt" ] || { echo "the trees are still visible"; exit 1; }
cd "$home"
echo "\$ easel-cli --version"
out=$(easel-cli --version)
echo "$out"
case "$out" in "easel-cli $version "*) ;; *) echo "unexpected easel-cli --version"; exit 1 ;; esac
echo "\$ easel --version"
out=$(easel --version)
echo "$out"
[ "$out" = "easel $version" ] || { echo "unexpected easel --version"; exit 1; }
echo "\$ easel-cli generate --prompt ... --steps 2 --output demo.png"
easel-cli generate --prompt "a lighthouse on a cliff at dusk" --steps 2 --seed 42 --output "$home/demo.png"
[ "$(head -c 8 "$home/demo.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "demo.png is not a PNG"; exit 1; }
grep -aq 'tiny-sd15' "$home/demo.png" || { echo "demo.png does not name the demo model"; exit 1; }
echo "\$ QT_QPA_PLATFORM=offscreen timeout 5 easel"
rc=0
QT_QPA_PLATFORM=offscreen timeout 5 easel || rc=$?
[ "$rc" = 124 ] || { echo "easel exited with status $rc before timeout stopped it"; exit 1; }
echo "easel was still running after 5 s (timeout stopped it)"
HIDDEN

step "apt-get purge easel"
DEBIAN_FRONTEND=noninteractive apt-get purge -y easel >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "apt-get purge failed"; }
installed=0
! dpkg-query -W -f '${Status}' easel 2>/dev/null | grep -q 'ok installed' || fail "easel is still installed after purge"
left=()
while IFS= read -r path; do
    if [ -e "$path" ] && { [ ! -d "$path" ] || [ "$path" = /usr/share/easel ] || [ "$path" = /usr/share/doc/easel ]; }; then
        left+=("$path")
    fi
done <"$work/installed.txt"
[ "${#left[@]}" = 0 ] || fail "left behind after purge: ${left[*]}"
echo "no file of the package is left ($(wc -l <"$work/installed.txt") paths checked)"
rm -rf "$work/root" "$work/_CPack_Packages" # keep the .deb and the logs
echo "PASSED: tst_package_deb in ${SECONDS}s"

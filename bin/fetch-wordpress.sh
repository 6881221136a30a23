#!/usr/bin/env bash
# Puts WordPress's own files from a Debian suite into a private folder, without touching the
# system: a private apt sources list, `apt-get download`, `dpkg-deb -x`. Debian swaps bundled
# libraries for symlinks into other packages, so those packages are extracted too, and the tree
# is copied with links resolved.
#
# Usage: bin/fetch-wordpress.sh SUITE DEST   (SUITE: trixie = WordPress 6.8, sid = the newest)
set -euo pipefail

suite=${1:?suite (trixie or sid)}
dest=${2:?destination folder}
[ -f "$dest/wp-includes/version.php" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/root"

# Same mirror and keyring as the machine's own sources, another suite.
uri=$(grep -hoE '^URIs: *\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
uri=${uri:-http://deb.debian.org/debian}
cat > "$work/sources.list" <<LIST
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main
LIST

apt_private() {
	apt-get -q -o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- \
		-o Dir::State::lists="$work/lists" -o Dir::Cache::archives="$work/archives" \
		-o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root "$@"
}
apt_cache_private() {
	apt-cache -o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- \
		-o Dir::State::lists="$work/lists" "$@"
}

apt_private update >/dev/null
# wordpress plus the packages its symlinks point into (its Depends on javascript and php libraries).
deps=$(apt_cache_private show wordpress 2>/dev/null | awk -F': ' '/^Depends:/{print $2; exit}' |
	tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//; s/^ +| +$//g' |
	grep -E '^(libjs-|libphp-|php-getid3|libjs)' || true)
(cd "$work/archives" && apt_private download wordpress wordpress-theme-twentytwentyfive $deps >/dev/null)
for deb in "$work"/archives/*.deb; do
	dpkg-deb -x "$deb" "$work/root"
done

mkdir -p "$dest"
# -L resolves Debian's symlinks into real files; links that point nowhere are skipped.
(cd "$work/root/usr/share/wordpress" && find . -xtype l -delete; cp -rL . "$dest/")
rm -f "$dest/wp-config.php"
echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$dest/wp-includes/version.php") from Debian $suite in $dest"

#!/usr/bin/env bash
# Makes the release zip: every file that .distignore lets through, in a folder named after the
# plugin's slug, as WordPress.org and the "Upload Plugin" screen expect. `npm run plugin-zip`
# builds first.
#
# .distignore is read by git's own .gitignore matcher (the syntax WP-CLI's dist-archive also
# follows): with an empty index every file counts as untracked, and only .distignore's patterns,
# not .gitignore's, leave files out; build/ is git-ignored but ships.
#
# Usage: bash bin/plugin-zip.sh [OUTPUT]   (default: kco-callback-doctor.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
slug=kco-callback-doctor
output=$(realpath -m "${1:-$slug.zip}")

for required in build/index.js build/index.asset.php; do
	[ -f "$required" ] || { echo "plugin-zip: $required is missing: run npm run build first" >&2; exit 1; }
done
command -v zip >/dev/null || { echo "plugin-zip: zip is missing (apt-get install zip)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git init --quiet --bare "$work/empty.git"
mapfile -t files < <(git --git-dir="$work/empty.git" --work-tree=. ls-files --others --exclude-from=.distignore | LC_ALL=C sort)

for required in plugin.php uninstall.php readme.txt LICENSE; do
	printf '%s\n' "${files[@]}" | grep -qx "$required" || { echo "plugin-zip: $required would be missing from the zip" >&2; exit 1; }
done

mkdir -p "$work/stage/$slug"
for file in "${files[@]}"; do
	mkdir -p "$work/stage/$slug/$(dirname "$file")"
	cp -p "$file" "$work/stage/$slug/$file"
done
rm -f "$output"
(cd "$work/stage" && zip --quiet --recurse-paths -X "$output" "$slug")
echo "plugin-zip: ${#files[@]} files in $output"

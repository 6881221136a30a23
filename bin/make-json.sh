#!/usr/bin/env bash
# Turns the app's strings of each translation (languages/*.po) into the JSON file WordPress loads
# for the page's script: wp_set_script_translations() and load_script_textdomain() look for
# `kco-callback-doctor-{locale}-{md5 of "build/index.js"}.json`. The .po references name the
# TypeScript sources (src/...), which all end up in build/index.js, so WP-CLI's `i18n make-json`
# is given a map from every source file to that script (its --use-map). Only translated strings
# go into the JSON (gettext's msgattrib drops the rest first); the .po files are not changed.
#
# Usage: bash bin/make-json.sh [SOURCE] [DESTINATION]
#   SOURCE       a .po file or a folder of them (default: languages)
#   DESTINATION  where the JSON files go (default: the folder of SOURCE)
set -euo pipefail
cd "$(dirname "$0")/.."

source_path=${1:-languages}
if [ -n "${2:-}" ]; then
	destination=$2
elif [ -d "$source_path" ]; then
	destination=$source_path
else
	destination=$(dirname "$source_path")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
	echo '{'
	find src -name '*.ts' -o -name '*.tsx' | LC_ALL=C sort | sed 's/.*/\t"&": "build\/index.js",/' | sed '$ s/,$//'
	echo '}'
} > "$work/map.json"

mkdir "$work/po"
if [ -d "$source_path" ]; then
	mapfile -t po_files < <(find "$source_path" -maxdepth 1 -name '*.po' | LC_ALL=C sort)
else
	po_files=("$source_path")
fi
[ "${#po_files[@]}" -gt 0 ] || { echo "make-json: no .po file in $source_path"; exit 0; }
for po in "${po_files[@]}"; do
	msgattrib --translated --no-fuzzy --no-obsolete --output-file="$work/po/$(basename "$po")" "$po"
done

mkdir -p "$destination"
bash bin/wp-cli.sh i18n make-json "$work/po" "$destination" --no-purge --use-map="$work/map.json"

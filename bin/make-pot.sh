#!/usr/bin/env bash
# Regenerates the translation template languages/kco-callback-doctor.pot from every translatable
# string of the plugin: the app's (TypeScript, through @wordpress/babel-plugin-makepot), the PHP
# code's (GNU xgettext with WordPress's i18n functions as keywords) and the plugin header's name
# and description (which WordPress translates on the Plugins screen), in one template: a string
# used in both PHP and the app appears once, with both references.
#
# Usage: bash bin/make-pot.sh [OUTPUT]   (default: languages/kco-callback-doctor.pot)
# Needs Debian's gettext (bin/ensure-packages.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."

output=${1:-languages/kco-callback-doctor.pot}
command -v xgettext >/dev/null || { echo "make-pot: xgettext is missing (apt-get install gettext)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The app. Babel also writes transpiled files; they go to the scratch folder.
KCO_MAKEPOT_OUTPUT="$work/app.pot" npx --no-install babel src --extensions .ts,.tsx \
	--config-file ./bin/makepot.babel.config.js --out-dir "$work/babel" --quiet

# 2. The PHP that ships (plugin.php, uninstall.php, includes/), joined into the same template so
# a string found in both keeps both references and both comments. WordPress's i18n functions are
# the keywords; `-k` first drops xgettext's own PHP ones (gettext(), _()), which WordPress does
# not use.
cp "$work/app.pot" "$work/all.pot"
mapfile -t php_files < <(printf '%s\n' plugin.php uninstall.php; find includes -name '*.php' | LC_ALL=C sort)
xgettext --language=PHP --from-code=UTF-8 --add-comments=translators: --no-wrap --join-existing \
	-k --keyword=__:1 --keyword=_e:1 --keyword=_x:1,2c --keyword=_ex:1,2c \
	--keyword=esc_html__:1 --keyword=esc_html_e:1 --keyword=esc_html_x:1,2c \
	--keyword=esc_attr__:1 --keyword=esc_attr_e:1 --keyword=esc_attr_x:1,2c \
	--keyword=_n:1,2 --keyword=_nx:1,2,4c --keyword=_n_noop:1,2 --keyword=_nx_noop:1,2,3c \
	--output="$work/all.pot" "${php_files[@]}"

# 3. The plugin header fields WordPress translates on the Plugins screen (get_plugin_data()).
# They are written as __() calls on the same lines as in plugin.php, in a file of that name, so
# the references point at the header itself.
mkdir "$work/header"
echo '<?php' > "$work/header/plugin.php"
for field in "Plugin Name" Description; do
	line=$(grep -n "^ \* $field:" plugin.php | head -1 | cut -d: -f1)
	value=$(sed -n "${line}s/^ \* $field: *//p" plugin.php | sed "s/[\\']/\\\\&/g")
	while [ "$(wc -l < "$work/header/plugin.php")" -lt $((line - 1)) ]; do echo >> "$work/header/plugin.php"; done
	echo "/* $field of the plugin */ __( '$value' );" >> "$work/header/plugin.php"
done
(cd "$work/header" && xgettext --language=PHP --from-code=UTF-8 --add-comments --no-wrap --join-existing \
	-k --keyword=__:1 --output="$work/all.pot" plugin.php)

# xgettext wrote its own blank header; put the app template's back (project, domain, plural forms).
{ sed '/^$/q' "$work/app.pot"; sed '1,/^$/d' "$work/all.pot"; } > "$work/final.pot"
mkdir -p "$(dirname "$output")"
mv "$work/final.pot" "$output"
echo "make-pot: $(grep -c '^msgid "..*"' "$output") strings in $output"

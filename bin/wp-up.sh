#!/usr/bin/env bash
# Brings up a real WordPress with the real WooCommerce and this plugin: Debian's Apache + mod_php
# and MariaDB, started by hand (no systemd), WordPress's own files from a Debian package,
# WooCommerce and WP-CLI from their releases, all state in .wp-stack/.
#
# Usage: npm run wp:up [-- --wp=6.8|newest] [--with-test-doubles] [--quiet]
#   --wp=6.8      WordPress 6.8 from Debian 13 "trixie" (default)
#   --wp=newest   the newest WordPress, from Debian "sid"
#   --with-test-doubles   also load tests/doubles/ as must-use plugins (the recorder on KCO's
#                         callback handlers, the benchmark's included-files reporter) and create
#                         the users the tests log in as
# Idempotent: a second call only checks that everything is still up.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

wp_choice=6.8
doubles=0
quiet=0
for arg in "$@"; do
	case "$arg" in
		--wp=6.8 | --wp=trixie) wp_choice=6.8 ;;
		--wp=newest | --wp=sid) wp_choice=newest ;;
		--with-test-doubles) doubles=1 ;;
		--quiet) quiet=1 ;;
		*) echo "wp:up: unknown option $arg (see bin/wp-up.sh)" >&2; exit 2 ;;
	esac
done
say() { [ "$quiet" = 1 ] || echo "$@"; }

ensure_system_packages
mkdir -p "$STACK/run" "$STACK/logs" "$STACK/apache/scenarios"

# 1. WordPress's files, once per version.
ensure_docroot_link "$wp_choice"
docroot=$(stack_docroot "$wp_choice")
if [ ! -f "$docroot/wp-includes/version.php" ]; then
	say "Fetching WordPress $wp_choice from Debian $(stack_suite "$wp_choice")…"
	bin/fetch-wordpress.sh "$(stack_suite "$wp_choice")" "$docroot" >/dev/null
fi

# 2. The plugin's assets.
if [ ! -f build/index.asset.php ]; then
	say "Building the plugin's scripts…"
	npx wp-scripts build >/dev/null
fi

# 3. MariaDB with its own data folder, no network, a socket in .wp-stack.
start_mariadb

# 4. wp-config.php, the plugin mounted as a link to this working tree, test doubles if asked.
write_wp_config "$wp_choice" "$docroot"
mkdir -p "$docroot/wp-content/plugins" "$docroot/wp-content/mu-plugins" "$docroot/wp-content/uploads"
ln -sfn "$PROJECT" "$docroot/wp-content/plugins/kco-callback-doctor"
find "$docroot/wp-content/mu-plugins" -maxdepth 1 -type l -delete
# Fault switches a test run left behind when it was killed mid-scenario (tests/e2e/support).
rm -f "$docroot"/wp-content/mu-plugins/kco-scenario-*.php "$STACK/wp-config-scenario.php" "$STACK/run/active-scenario"
stale_snippets=$(find "$STACK/apache/scenarios" -maxdepth 1 -name '*.conf' ! -name '00-generation.conf' -print -delete | wc -l)
for mu_plugin in bin/stack-mu-plugins/*.php; do
	ln -sfn "$PROJECT/$mu_plugin" "$docroot/wp-content/mu-plugins/$(basename "$mu_plugin")"
done
if [ "$doubles" = 1 ]; then
	for double in tests/doubles/*.php; do
		ln -sfn "$PROJECT/$double" "$docroot/wp-content/mu-plugins/$(basename "$double")"
	done
fi
[ "$(id -u)" = 0 ] && chown -R www-data:www-data "$docroot/wp-content/uploads" "$STACK/run" "$STACK/logs"

# 5. Apache serving this version (a restart only when the version or config changed).
start_apache "$docroot"
# A running Apache still holds the snippets it loaded before they were deleted: reload it.
if [ "$stale_snippets" -gt 0 ] && apache_running; then
	apache_reload
fi

# 6. Install WordPress, the real WooCommerce and the plugin with WP-CLI.
bash bin/wp-setup.sh "$docroot" "$doubles"

echo "$wp_choice" > "$STACK/current"
touch "$STACK/READY"
say "WordPress $(stack_wp_version "$docroot") is up with Callback Doctor for Klarna Checkout."
say "  Log in:   $STACK_URL/wp-login.php"
say "  User:     $STACK_ADMIN_USER"
say "  Password: $STACK_ADMIN_PASSWORD"
say "  The plugin's page: $STACK_URL/wp-admin/admin.php?page=kco-callback-doctor"
say "  WP-CLI:   npm run wp -- plugin list"

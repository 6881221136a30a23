#!/usr/bin/env bash
# Installs WordPress in the local stack (if needed), the real WooCommerce and this plugin, all
# through WP-CLI. Run by bin/wp-up.sh; safe to run again (every step checks first).
#
# Usage: bash bin/wp-setup.sh DOCROOT WITH_TEST_DOUBLES(0|1)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

docroot=$1
doubles=$2
wp() { stack_wp "$docroot" "$@"; }

# A stack set up by this same script with the same options needs only a check that it is still
# whole: one WP-CLI call instead of a dozen.
stamp="$STACK/setup-$(basename "$docroot").done"
signature="$(sha1sum bin/wp-setup.sh bin/stack-env.sh | sha1sum | cut -c1-40) doubles=$doubles port=$STACK_PORT"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$signature" ] &&
	wp eval 'exit( is_plugin_active( "woocommerce/woocommerce.php" ) && is_plugin_active( "kco-callback-doctor/plugin.php" ) && "/%postname%/" === get_option( "permalink_structure" ) && get_option( "rewrite_rules" ) && getenv( "STACK_URL" ) === get_option( "home" ) && getenv( "STACK_URL" ) === get_option( "siteurl" ) ? 0 : 1 );' >/dev/null 2>&1; then
	exit 0
fi
rm -f "$stamp"

if ! wp core is-installed 2>/dev/null; then
	wp core install --url="$STACK_URL" --title='Callback Doctor test shop' \
		--admin_user="$STACK_ADMIN_USER" --admin_password="$STACK_ADMIN_PASSWORD" \
		--admin_email=admin@example.com --skip-email >/dev/null
fi

ensure_woocommerce "$docroot"

# Options of a shop that is live: its own URLs, pretty permalinks, no avatars (Gravatar cannot be
# reached offline), and WooCommerce out of its "coming soon" mode, which new stores start in.
wp option update home "$STACK_URL" >/dev/null
wp option update siteurl "$STACK_URL" >/dev/null
wp option update show_avatars 0 >/dev/null
wp option update woocommerce_coming_soon no >/dev/null
wp option update woocommerce_default_country 'SE' >/dev/null
wp option update woocommerce_currency 'SEK' >/dev/null
wp rewrite structure '/%postname%/' >/dev/null

# WooCommerce first: its activation creates its tables and the shop manager role.
wp plugin is-active woocommerce || wp plugin activate woocommerce >/dev/null
# A fresh install sends the first admin screen opened in the next 30 seconds to WooCommerce's
# setup wizard (the _wc_activation_redirect transient, WC_Install::maybe_set_activation_transients):
# the owner who logs in right after wp:up, or the first test, would land there instead.
wp transient delete _wc_activation_redirect >/dev/null 2>&1 || true
wp plugin is-active kco-callback-doctor || wp plugin activate kco-callback-doctor >/dev/null

# Users the tests log in as.
if [ "$doubles" = 1 ]; then
	# No checks by themselves on a test stack: Action Scheduler would start them from any admin
	# request once due, in the middle of another test's run. The tests of scheduled checks turn
	# them on and off again.
	# Added afresh rather than updated: `wp option update` fails when only the autoload flag would
	# change, which made a second wp:up on the same stack stop here.
	wp option delete kco_callback_doctor_settings >/dev/null 2>&1 || true
	wp option add kco_callback_doctor_settings '{"schedule":"off","emailAlerts":true}' --format=json --autoload=no >/dev/null
	for user in shopmanager:shop_manager subscriber:subscriber admin2:administrator; do
		login=${user%%:*}
		role=${user#*:}
		wp user get "$login" --field=ID >/dev/null 2>&1 ||
			wp user create "$login" "$login@example.com" --role="$role" --user_pass="$login-password" >/dev/null
	done
fi

# Action Scheduler moves its queue into its own tables with an action of its own, which a live
# site's cron runs soon after WooCommerce starts; the stack has no cron. Until that is done,
# `wp action-scheduler run --group=…` finds no group (its posts store is asked first).
[ "$(wp option get action_scheduler_migration_status 2>/dev/null)" = complete ] || wp action-scheduler migrate >/dev/null

# In a process of its own, after every plugin registered its endpoints on init (WooCommerce's
# wc-api endpoint among them), so the rules hold /wc-api/.
wp rewrite flush >/dev/null
echo "$signature" > "$stamp"

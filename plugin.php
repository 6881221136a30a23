<?php
/**
 * Plugin Name:       Callback Doctor for Klarna Checkout
 * Plugin URI:        https://wordpress.org/plugins/kco-callback-doctor/
 * Description:       Finds out why Klarna's callbacks cannot reach your shop: one button sends Klarna-shaped test requests to your own site and names whatever blocks them, with the fix.
 * Version:           0.1.0
 * Requires at least: 6.7
 * Requires PHP:      7.4
 * Author:            Callback Doctor contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       kco-callback-doctor
 * WC requires at least: 9.0
 * WC tested up to:   10.0
 *
 * @package KcoCallbackDoctor
 */

defined( 'ABSPATH' ) || exit;

define( 'KCO_CALLBACK_DOCTOR_VERSION', '0.1.0' );
define( 'KCO_CALLBACK_DOCTOR_FILE', __FILE__ );
define( 'KCO_CALLBACK_DOCTOR_DIR', __DIR__ );

// PSR-4 style: KcoCallbackDoctor\Probe\Token lives in includes/Probe/Token.php. Classes load only
// when a hook that needs them fires.
spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'KcoCallbackDoctor\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$file = __DIR__ . '/includes/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

/*
 * Every hook of the plugin, in one place. They live in this file, not in a class of includes/,
 * so that a request that is not the doctor's (a shop page, a Klarna callback, another plugin's
 * REST call) includes no file of the plugin but this one.
 */

// A probe carries this header; without it the responder is not even hooked (docs/architecture.md §5).
if ( isset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] ) ) {
	add_action( 'woocommerce_api_request', array( KcoCallbackDoctor\Probe\Responder::class, 'answer_wc_api' ), 0 );
	add_filter( 'rest_dispatch_request', array( KcoCallbackDoctor\Probe\Responder::class, 'answer_rest' ), 0, 4 );
	// The canary that proves the header arrives before anything Klarna-shaped is sent (docs/probe-protocol.md §12).
	add_filter( 'rest_pre_dispatch', array( KcoCallbackDoctor\Probe\Responder::class, 'answer_rest_canary' ), 0, 3 );
}

add_action(
	'rest_api_init',
	static function (): void {
		// Only an HTTP request to our namespace or to the REST index needs our controllers.
		// WordPress has parsed the route before this hook; internal REST calls (the block
		// editor's preloads, Site Health, themes calling rest_do_request) never use ours.
		if ( ! defined( 'REST_REQUEST' ) || ! REST_REQUEST ) {
			return;
		}
		$route = isset( $GLOBALS['wp']->query_vars['rest_route'] ) ? trim( (string) $GLOBALS['wp']->query_vars['rest_route'], '/' ) : '';
		if ( '' !== $route && 0 !== strpos( $route, 'kco-callback-doctor/' ) && 'kco-callback-doctor' !== $route ) {
			return;
		}
		KcoCallbackDoctor\Rest\Routes::register();
		// A JSON body that is a bare string or number would make WordPress print a warning.
		add_filter( 'rest_pre_dispatch', array( KcoCallbackDoctor\Rest\JsonBody::class, 'refuse_scalar' ), 10, 3 );
	}
);

if ( is_admin() ) {
	add_action( 'admin_menu', array( KcoCallbackDoctor\Admin\Page::class, 'register' ) );
}

/*
 * Real traffic: the heartbeat records Klarna's real calls to KCO's callbacks as they end (when,
 * the status sent, PHP's time). The test below is all any other request pays: a method compare
 * and string searches, no class loaded, no option read. Klarna POSTs every callback
 * (docs/probe-protocol.md §2), and the doctor's own probes carry their header, so neither a page view nor a probe is
 * hooked. `wc-api/kco` matches /wc-api/KCO_WC_…/ and /wc-api/kco-block-validation, `wc-api=kco`
 * the ?wc-api= form, `kco-block` the checkout block's REST route (also as ?rest_route=);
 * Traffic\RequestedCallback tells the exact callback at shutdown, and ignores anything else.
 */
if (
	isset( $_SERVER['REQUEST_METHOD'], $_SERVER['REQUEST_URI'] )
	&& 'POST' === $_SERVER['REQUEST_METHOD']
	&& ! isset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] )
	&& (
		false !== stripos( (string) $_SERVER['REQUEST_URI'], 'wc-api/kco' )
		|| false !== stripos( (string) $_SERVER['REQUEST_URI'], 'wc-api=kco' )
		|| false !== stripos( (string) $_SERVER['REQUEST_URI'], 'kco-block' )
	)
) {
	add_action( 'shutdown', array( KcoCallbackDoctor\Traffic\Heartbeat::class, 'record' ), PHP_INT_MAX );
}

/*
 * Lifecycle and WooCommerce compatibility. Neither loads a class on an ordinary request: the
 * deactivation callback is a class name that the autoloader resolves only when it is called,
 * and the declaration runs only where WooCommerce boots.
 */

// Deactivation stops everything the plugin scheduled (Lifecycle is the one place that knows
// the Action Scheduler group and the WP-Cron hook prefix). Deleting the plugin runs uninstall.php.
register_deactivation_hook( __FILE__, array( KcoCallbackDoctor\Lifecycle::class, 'deactivate' ) );

// The plugin reads orders only through wc_get_orders() (the stuck-order search, which serves
// both order storages) and renders nothing in the checkout, so it works with WooCommerce's order
// tables (HPOS) and with the block cart and checkout; saying so keeps WooCommerce from listing
// it as incompatible (WooCommerce's FeaturesUtil::declare_compatibility()).
add_action(
	'before_woocommerce_init',
	static function (): void {
		if ( ! class_exists( Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			return;
		}
		Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', KCO_CALLBACK_DOCTOR_FILE, true );
		Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', KCO_CALLBACK_DOCTOR_FILE, true );
	}
);

/*
 * Scheduled checks and alerts. Every callback is a class name that the autoloader resolves only
 * when its hook fires, so none of this includes a file on a shop page.
 */

// Action Scheduler runs the checks (group kco-callback-doctor); each stored run, whoever started
// it, may raise or clear an alert.
add_action( 'kco_callback_doctor_scheduled_check', array( KcoCallbackDoctor\Schedule\ScheduledCheck::class, 'run' ), 10, 0 );
add_action( 'kco_callback_doctor_check_after_change', array( KcoCallbackDoctor\Schedule\ScheduledCheck::class, 'run' ), 10, 0 );
add_action( 'kco_callback_doctor_run_stored', array( KcoCallbackDoctor\Alerts\Watch::class, 'after_run' ) );

// What can break a callback gets a check soon after: an update of WordPress, a plugin or a theme,
// the permalinks, and KCO's settings (KCO and Kustom Checkout both keep them in the gateway `kco`'s
// option: krokedil/klarna-checkout-for-woocommerce, classes/class-kco-settings-saved.php).
add_action( 'upgrader_process_complete', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'after_upgrade' ), 10, 2 );
add_action( 'update_option_permalink_structure', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'check_soon' ), 10, 0 );
add_action( 'add_option_woocommerce_kco_settings', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'check_soon' ), 10, 0 );
add_action( 'update_option_woocommerce_kco_settings', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'check_soon' ), 10, 0 );

// The recurring check follows the settings however they are written (REST, WP-CLI, wp option),
// and is set up on activation; deactivation (Lifecycle, above) cancels every action of the group.
add_action( 'add_option_kco_callback_doctor_settings', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'sync' ), 10, 0 );
add_action( 'update_option_kco_callback_doctor_settings', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'sync' ), 10, 0 );
register_activation_hook( __FILE__, array( KcoCallbackDoctor\Schedule\Scheduler::class, 'sync' ) );

// Monitoring of real traffic begins on activation (and, for a site that updated, on the first
// look at the report).
register_activation_hook( __FILE__, array( KcoCallbackDoctor\Traffic\TrafficLog::class, 'begin' ) );

if ( is_admin() ) {
	add_action( 'admin_init', array( KcoCallbackDoctor\Schedule\Scheduler::class, 'ensure' ) );
	add_action( 'admin_notices', array( KcoCallbackDoctor\Alerts\AdminNotice::class, 'render' ) );
	add_action( 'admin_post_kco_callback_doctor_dismiss_alert', array( KcoCallbackDoctor\Alerts\AdminNotice::class, 'dismiss' ) );
}

/*
 * WP-CLI: `wp kco-doctor check|runs|schedule|traffic` (includes/Cli/). Registered only when WP-CLI runs, so no
 * web request loads any of it.
 */
if ( defined( 'WP_CLI' ) && WP_CLI ) {
	KcoCallbackDoctor\Cli\Commands::register();
}

/*
 * Site Health and WooCommerce → Status. Each hook fires only on its own screen (Site Health's
 * tests also in its weekly cron event, the REST field only for WooCommerce's system status
 * route), so their classes load nowhere else.
 */
add_filter( 'site_status_tests', array( KcoCallbackDoctor\SiteHealth\CallbacksTest::class, 'add' ) );
add_filter( 'debug_information', array( KcoCallbackDoctor\SiteHealth\DebugSection::class, 'add' ) );
add_action( 'woocommerce_system_status_report', array( KcoCallbackDoctor\WooCommerce\StatusReportSection::class, 'render' ) );
add_action(
	'rest_api_init',
	static function (): void {
		if ( ! defined( 'REST_REQUEST' ) || ! REST_REQUEST ) {
			return;
		}
		$route = isset( $GLOBALS['wp']->query_vars['rest_route'] ) ? trim( (string) $GLOBALS['wp']->query_vars['rest_route'], '/' ) : '';
		if ( 1 === preg_match( '#^wc/v[0-9]+/system_status$#', $route ) ) {
			KcoCallbackDoctor\WooCommerce\SystemStatusField::register();
		}
	}
);

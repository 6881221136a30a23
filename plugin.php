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

// A probe carries this header; without it the responder is not even hooked (DESIGN.md §5).
if ( isset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] ) ) {
	add_action( 'woocommerce_api_request', array( KcoCallbackDoctor\Probe\Responder::class, 'answer_wc_api' ), 0 );
	add_filter( 'rest_dispatch_request', array( KcoCallbackDoctor\Probe\Responder::class, 'answer_rest' ), 0, 4 );
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
	}
);

if ( is_admin() ) {
	add_action( 'admin_menu', array( KcoCallbackDoctor\Admin\Page::class, 'register' ) );
}

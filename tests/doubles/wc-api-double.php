<?php
/**
 * Plugin Name: WooCommerce wc-api double (tests only)
 * Description: Reproduces how WooCommerce dispatches /wc-api/NAME/ requests, so the doctor's
 * probes travel the same path as on a real shop. Never shipped: lives under tests/doubles/.
 *
 * Faithful to WooCommerce 9+ `Automattic\WooCommerce\Internal\Api\LegacyRestApiStub`
 * (`add_endpoint` on init priority 0, `handle_api_requests` on parse_request priority 0) and to
 * the older `WC_API` class it replaced; see DESIGN.md §2.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( 'WooCommerce', false ) ) {
	/**
	 * Enough of WooCommerce's main class for code that asks whether WooCommerce is active.
	 */
	final class WooCommerce {
		/**
		 * Version the double claims to be.
		 *
		 * @var string
		 */
		public $version = '10.3.0';
	}
}

if ( ! defined( 'WC_VERSION' ) ) {
	define( 'WC_VERSION', '10.3.0' );
}

/**
 * WooCommerce's accessor for its main instance.
 */
function WC() { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
	static $instance = null;
	if ( null === $instance ) {
		$instance = new WooCommerce();
	}
	return $instance;
}

// WooCommerce registers the endpoint for every endpoint mask, so /wc-api/NAME/ works after any
// permalink base; with plain permalinks only ?wc-api=NAME reaches it.
add_action(
	'init',
	static function () {
		add_rewrite_endpoint( 'wc-api', EP_ALL );
	},
	0
);

add_filter(
	'query_vars',
	static function ( array $vars ): array {
		$vars[] = 'wc-api';
		return $vars;
	},
	0
);

add_action(
	'parse_request',
	static function ( WP $wp ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a callback URL, as in WooCommerce.
		if ( ! empty( $_GET['wc-api'] ) ) {
			$wp->query_vars['wc-api'] = sanitize_key( wp_unslash( $_GET['wc-api'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		}
		if ( empty( $wp->query_vars['wc-api'] ) ) {
			return;
		}

		ob_start();
		nocache_headers();
		$api_request = strtolower( sanitize_text_field( wp_unslash( $wp->query_vars['wc-api'] ) ) );
		$api_request = trim( $api_request, '/' );

		do_action( 'woocommerce_api_request', $api_request );
		status_header( has_action( 'woocommerce_api_' . $api_request ) ? 200 : 400 );
		do_action( 'woocommerce_api_' . $api_request );

		ob_end_clean();
		die( '-1' );
	},
	0
);

// WooCommerce adds this role and capability when it is installed.
add_action(
	'init',
	static function () {
		if ( wp_installing() ) {
			return;
		}
		if ( ! get_role( 'shop_manager' ) ) {
			add_role(
				'shop_manager',
				'Shop manager',
				array(
					'read'               => true,
					'manage_woocommerce' => true,
					'view_admin_dashboard' => true,
				)
			);
		}
		$administrator = get_role( 'administrator' );
		if ( $administrator && ! $administrator->has_cap( 'manage_woocommerce' ) ) {
			$administrator->add_cap( 'manage_woocommerce' );
		}
	},
	1
);

// The WooCommerce top-level menu the doctor's page is filed under.
add_action(
	'admin_menu',
	static function () {
		add_menu_page( 'WooCommerce', 'WooCommerce', 'manage_woocommerce', 'woocommerce', '__return_null', 'dashicons-cart', 55 );
	},
	9
);

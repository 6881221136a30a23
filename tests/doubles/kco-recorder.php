<?php
/**
 * Plugin Name: KCO handler recorder (tests only)
 * Description: Registers the handlers Klarna Checkout for WooCommerce registers for Klarna's
 * callbacks and records every call, so tests can prove a probe never reaches them and that an
 * unsigned Klarna-shaped request does. Never shipped: lives under tests/doubles/.
 *
 * Records are JSON lines in .wp-stack/run/kco-recorder.jsonl; tests read and truncate the file.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

/**
 * Appends one record of a handler call.
 *
 * @param string $handler Which KCO handler ran.
 */
function kco_recorder_record( string $handler ): void {
	if ( ! defined( 'KCO_STACK_DIR' ) ) {
		return;
	}
	$record = array(
		'handler'     => $handler,
		'time'        => microtime( true ),
		'method'      => isset( $_SERVER['REQUEST_METHOD'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) : '',
		'uri'         => isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '',
		'userAgent'   => isset( $_SERVER['HTTP_USER_AGENT'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_USER_AGENT'] ) ) : '',
		'probeHeader' => isset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] ),
	);
	file_put_contents( KCO_STACK_DIR . '/run/kco-recorder.jsonl', wp_json_encode( $record ) . "\n", FILE_APPEND | LOCK_EX ); // phpcs:ignore WordPress.WP.AlternativeFunctions
}

// The wc-api handlers KCO registers (woocommerce_api_{lower-case class name}).
foreach ( array( 'kco_wc_push', 'kco_wc_notification', 'kco_wc_validation', 'kco_wc_shipping_option_update' ) as $kco_handler ) {
	add_action(
		'woocommerce_api_' . $kco_handler,
		static function () use ( $kco_handler ) {
			kco_recorder_record( $kco_handler );
		}
	);
}

// The checkout block's wc-api validation callback of the current KCO / Kustom Checkout
// (WooCommerce lower-cases the wc-api name; the hyphens stay).
add_action(
	'woocommerce_api_kco-block-validation',
	static function () {
		kco_recorder_record( 'kco_block_validation' );
	}
);

// The checkout-block validation route KCO 2.16+ registers.
add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'kco-block',
			'/order/(?P<id>[\w-]+)/validate',
			array(
				'methods'             => 'POST',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					kco_recorder_record( 'kco_block_validate' );
					return new WP_REST_Response( array( 'recorded' => true ), 200 );
				},
			)
		);
	}
);

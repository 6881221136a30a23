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
// when a hook that needs them fires, so ordinary front-end requests include none of them.
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

KcoCallbackDoctor\Plugin::boot();

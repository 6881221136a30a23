<?php
/**
 * Who may run the doctor.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * The capability that guards the page and every REST route.
 */
final class Capability {

	/**
	 * Shop managers hold `manage_woocommerce`; without WooCommerce only administrators may run
	 * the doctor.
	 */
	public static function required(): string {
		return self::woocommerce_active() ? 'manage_woocommerce' : 'manage_options';
	}

	/**
	 * Whether the current user may run the doctor.
	 */
	public static function current_user_can(): bool {
		return current_user_can( self::required() );
	}

	/**
	 * WooCommerce defines this class as soon as it is loaded.
	 */
	public static function woocommerce_active(): bool {
		return class_exists( 'WooCommerce', false );
	}
}

<?php
/**
 * A short, one-way stand-in for Klarna's order id.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * The heartbeat must know that a push arrived for a given order without keeping order data. A
 * push names Klarna's order id in its query (`kco_wc_order_id`); the order keeps the same id in
 * its meta `_wc_klarna_order_id` (krokedil/klarna-checkout-for-woocommerce,
 * src/CheckoutFlow/CheckoutFlow.php save_order_metadata(), stored through sanitize_key()).
 *
 * Klarna's order ids are random version-4 UUIDs (122 random bits), so a hash of one cannot be
 * turned back into the id by trying ids; it only confirms an id one already holds, which is all
 * the doctor does with it. The first 64 bits of SHA-256 keep a collision among the few hundred
 * fingerprints ever compared out of reach, and no salt is involved, so rotating the site's keys
 * does not make old pushes unrecognisable.
 */
final class KlarnaOrderFingerprint {

	/**
	 * The fingerprint of a Klarna order id, or null for a value that cannot be one.
	 *
	 * @param string $klarna_order_id As Klarna sent it, or as KCO stored it.
	 */
	public static function of( string $klarna_order_id ): ?string {
		// KCO stores the id through sanitize_key(); the push carries it as Klarna wrote it.
		$id = sanitize_key( $klarna_order_id );
		if ( '' === $id || strlen( $id ) > 64 ) {
			return null;
		}
		return substr( hash( 'sha256', $id ), 0, 16 );
	}

	/**
	 * The fingerprint of the order a push names in its query, or null.
	 */
	public static function of_push(): ?string {
		// Only hashed, never stored or shown as it came.
		$id = isset( $_GET['kco_wc_order_id'] ) ? wp_unslash( $_GET['kco_wc_order_id'] ) : null; // phpcs:ignore WordPress.Security.NonceVerification.Recommended, WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		return is_string( $id ) ? self::of( $id ) : null;
	}
}

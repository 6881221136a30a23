<?php
/**
 * The merchant_data string KCO stores in the Klarna order, per release and checkout.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * merchant_data is a JSON *string* inside the order JSON, so Klarna's body carries JSON inside
 * JSON, and that alone trips SQL-injection rules of OWASP CRS 3 at paranoia level 2 (docs/probe-protocol.md §2).
 * Sources (krokedil/klarna-checkout-for-woocommerce):
 * - classes/requests/helpers/class-kco-request-merchant-data.php, get_merchant_data():
 *   `is_user_logged_in` in every release (applied coupons before it, none in our cart), and from
 *   2.20.0 `signing_key`, an HMAC-SHA256 in hex of the Klarna order id
 *   (src/Utility/SigningKeyUtility.php);
 * - blocks/src/Overrides.php, set_merchant_data() (2.16.0 on): the checkout block adds the Store
 *   API cart hashes (WooCommerce's CartController::get_cart_hashes(): md5 hex), a cart token (a
 *   JWT of WooCommerce's JsonWebToken: HS256 over {user_id, exp, iss "wc/store/v1", iat}), a
 *   `wc_store_api` nonce and the logged-in cookie (null for a guest).
 * Both encode with wp_json_encode() and its default flags.
 */
final class MerchantData {

	/**
	 * The merchant_data of a guest's checkout.
	 *
	 * @param KcoRelease $release    The release.
	 * @param string     $session_id The guest's WooCommerce session key.
	 */
	public static function of( KcoRelease $release, string $session_id ): string {
		$data = array( 'is_user_logged_in' => false );
		if ( $release->is_at_least( '2.20.0' ) ) {
			$data['signing_key'] = bin2hex( random_bytes( 32 ) );
		}
		if ( $release->is_blocks() ) {
			$empty                       = md5( (string) wp_json_encode( array() ) );
			$data['wc_cart_hash']        = md5( random_bytes( 16 ) );
			$data['wc_shipping_hash']    = md5( random_bytes( 16 ) );
			$data['wc_fees_hash']        = $empty;
			$data['wc_coupons_hash']     = $empty;
			$data['wc_taxes_hash']       = md5( random_bytes( 16 ) );
			$data['wc_cart_token']       = self::cart_token( $session_id );
			$data['wc_nonce']            = substr( bin2hex( random_bytes( 5 ) ), 0, 10 );
			$data['wp_logged_in_cookie'] = null;
		}
		return (string) wp_json_encode( $data );
	}

	/**
	 * A cart token shaped like WooCommerce's JsonWebToken::create(), signed with a throw-away
	 * key: it must look real to a WAF, and mean nothing anywhere.
	 *
	 * @param string $session_id The guest's WooCommerce session key.
	 */
	private static function cart_token( string $session_id ): string {
		$now     = time();
		$header  = self::base64url( (string) wp_json_encode( array( 'alg' => 'HS256', 'typ' => 'JWT' ) ) );
		$payload = self::base64url(
			(string) wp_json_encode(
				array(
					'user_id' => $session_id,
					'exp'     => $now + 2 * DAY_IN_SECONDS,
					'iss'     => 'wc/store/v1',
					'iat'     => $now,
				)
			)
		);
		$signature = self::base64url( hash_hmac( 'sha256', $header . '.' . $payload, random_bytes( 32 ), true ) );
		return $header . '.' . $payload . '.' . $signature;
	}

	/**
	 * Base64url without padding, as JsonWebToken::to_base_64_url().
	 *
	 * @param string $bytes Bytes.
	 */
	private static function base64url( string $bytes ): string {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- a JWT's encoding.
	}
}

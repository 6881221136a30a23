<?php
/**
 * The merchant_urls a KCO release hands Klarna, which Klarna echoes in every order body.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Source: krokedil/klarna-checkout-for-woocommerce, classes/requests/helpers/
 * class-kco-merchant-urls.php, get_urls() and its helpers, per tag:
 * - terms, checkout, confirmation and push: every release;
 * - push carries `kco_session_id` from 2.0.0 until 2.18.4 removed it (get_push_url());
 * - validation (forced to https, with the session id): 2.0.0–2.0.1;
 * - shipping_option_update (forced to https): 2.0.0–2.4.x;
 * - notification: until 2.19.x (2.20.0 hands Klarna only the four above).
 * The checkout block (blocks/src/Overrides.php, override_merchant_urls()) takes get_urls() for
 * its draft order, so the confirmation URL is the order-received page, and adds its validation
 * URL: the REST route of blocks/src/Api/Controllers/OrderController.php in every release. Only
 * the development commits before 2.16.0 used a wc-api validation URL instead
 * (blocks/src/ValidationCallback.php, `kco-block-validation`).
 */
final class MerchantUrls {

	/**
	 * Klarna replaces this placeholder with the order id when it calls back.
	 */
	public const ORDER_ID = '{checkout.order.id}';

	/**
	 * The first release whose push URL has no session id.
	 */
	private const PUSH_WITHOUT_SESSION = '2.18.4';

	/**
	 * The merchant_urls of a release.
	 *
	 * @param KcoRelease $release        The release.
	 * @param string     $session_id     The WooCommerce session key KCO read from the cookie.
	 * @param string     $draft_order_id The checkout block's draft order id.
	 * @param bool       $wc_api_block   Whether the block validation URL is the development
	 *                                   builds' wc-api one instead of the REST route.
	 * @return array<string, string>
	 */
	public static function of( KcoRelease $release, string $session_id, string $draft_order_id, bool $wc_api_block = false ): array {
		$checkout = function_exists( 'wc_get_checkout_url' ) ? (string) wc_get_checkout_url() : home_url( '/checkout/' );
		$urls     = array(
			'terms'        => self::terms_url(),
			'checkout'     => $checkout,
			'confirmation' => self::confirmation_url( $checkout, $release->is_blocks() ? $draft_order_id : '' ),
			'push'         => self::push_url( $release, $session_id ),
		);
		if ( ! $release->is_at_least( '2.0.2' ) ) {
			$urls['validation'] = self::https(
				add_query_arg(
					array(
						'kco-action'      => 'validation',
						'kco_wc_order_id' => self::ORDER_ID,
						'kco_session_id'  => $session_id,
					),
					home_url( '/wc-api/KCO_WC_Validation/' )
				)
			);
		}
		if ( ! $release->is_at_least( '2.5.0' ) ) {
			$urls['shipping_option_update'] = self::https( home_url( '/wc-api/KCO_WC_Shipping_Option_Update/' ) );
		}
		if ( ! $release->is_at_least( '2.20.0' ) ) {
			$urls['notification'] = home_url( '/wc-api/KCO_WC_Notification/?kco_wc_order_id=' . self::ORDER_ID );
		}
		if ( $release->is_blocks() ) {
			$urls['validation'] = $wc_api_block
				? site_url( '/wc-api/kco-block-validation?kco_validation=yes&kco_order_id=' . self::ORDER_ID )
				: rest_url( 'kco-block/order/' . self::ORDER_ID . '/validate' );
		}
		return $urls;
	}

	/**
	 * get_push_url(): add_query_arg() on home_url( '/wc-api/KCO_WC_Push/' ).
	 *
	 * @param KcoRelease $release    The release.
	 * @param string     $session_id WooCommerce session key.
	 */
	private static function push_url( KcoRelease $release, string $session_id ): string {
		$args = array(
			'kco-action'      => 'push',
			'kco_wc_order_id' => self::ORDER_ID,
		);
		if ( ! $release->is_at_least( self::PUSH_WITHOUT_SESSION ) ) {
			$args['kco_session_id'] = $session_id;
		}
		return add_query_arg( $args, home_url( '/wc-api/KCO_WC_Push/' ) );
	}

	/**
	 * get_terms_url(): the permalink of WooCommerce's terms page. A shop without one gets a
	 * plausible address, since Klarna refuses a checkout without terms.
	 */
	private static function terms_url(): string {
		$page_id = function_exists( 'wc_terms_and_conditions_page_id' ) ? (int) wc_terms_and_conditions_page_id() : 0;
		$url     = $page_id > 0 ? get_permalink( $page_id ) : false;
		return is_string( $url ) ? $url : home_url( '/terms/' );
	}

	/**
	 * get_confirmation_url(): the checkout page, or for an order the order-received page with
	 * the order's key and id (WooCommerce's order keys are `wc_order_` and 13 characters).
	 *
	 * @param string $checkout Checkout URL.
	 * @param string $order_id Order id, '' without an order.
	 */
	private static function confirmation_url( string $checkout, string $order_id ): string {
		$args = array(
			'kco_confirm'  => 'yes',
			'kco_order_id' => self::ORDER_ID,
		);
		if ( '' === $order_id ) {
			return add_query_arg( $args, $checkout );
		}
		$received = add_query_arg( 'key', 'wc_order_' . wp_generate_password( 13, false ), trailingslashit( $checkout ) . 'order-received/' . $order_id . '/' );
		return add_query_arg( $args + array( 'order_id' => $order_id ), $received );
	}

	/**
	 * KCO forces https onto the URLs Klarna must call over TLS: str_replace( 'http:', 'https:' ).
	 *
	 * @param string $url URL.
	 */
	private static function https( string $url ): string {
		return str_replace( 'http:', 'https:', $url );
	}
}

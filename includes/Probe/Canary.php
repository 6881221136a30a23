<?php
/**
 * The signed canary sent before any Klarna-shaped probe: it proves the probe header arrives.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * docs/probe-protocol.md §12. A proxy, WAF or web-server rule that strips unknown request headers turns
 * every probe into a real callback that KCO handles. So before anything Klarna-shaped travels a
 * path, one canary travels it: a signed request to an address no KCO handler serves, which only
 * the responder can answer (with its sealed echo). Klarna-shaped probes go only where a canary's
 * echo came back; elsewhere the canary's own observation is all the run holds.
 *
 * A path is a dispatcher on an origin: WooCommerce's wc-api on the home URL (push, notification,
 * validation, shipping option update), the REST API on the home URL (the checkout block's
 * validation route), and wc-api on the site URL (the block validation URL of KCO's development
 * builds, built with site_url()) when that is another address.
 *
 * The canary is as plain as a request to the path can be (POST, no query, no body, a browser's
 * User-Agent and the shop as Referer), so rules that pick on Klarna's shape let it through and
 * the Klarna-shaped probes after it can show them.
 */
final class Canary {

	public const VARIANT = 'canary';

	/**
	 * The wc-api name of the canary: the doctor's own, so no KCO handler is ever registered on it.
	 * WooCommerce dispatches it as `woocommerce_api_kco-callback-doctor-canary`.
	 */
	public const WC_API_NAME = 'kco-callback-doctor-canary';

	/**
	 * The REST route of the canary (answered before route matching, so it needs no registration).
	 */
	public const REST_ROUTE = '/kco-callback-doctor/v1/canary';

	public const WC_API      = 'wc-api-canary';
	public const REST        = 'rest-canary';
	public const SITE_WC_API = 'site-wc-api-canary';

	/**
	 * The canary whose echo clears an endpoint's probes.
	 *
	 * @param string $endpoint Endpoint id.
	 */
	public static function for_endpoint( string $endpoint ): string {
		if ( 'block-validate' === $endpoint ) {
			return self::REST;
		}
		if ( 'block-validation' === $endpoint && self::site_differs() ) {
			return self::SITE_WC_API;
		}
		return self::WC_API;
	}

	/**
	 * The canaries the given endpoints need, one per path, in a stable order.
	 *
	 * @param string[] $endpoint_ids Endpoint ids.
	 * @return Probe[]
	 */
	public static function probes( array $endpoint_ids ): array {
		$ids = array();
		foreach ( $endpoint_ids as $endpoint ) {
			$ids[ self::for_endpoint( $endpoint ) ] = true;
		}
		$probes = array();
		foreach ( array( self::WC_API, self::REST, self::SITE_WC_API ) as $id ) {
			if ( isset( $ids[ $id ] ) ) {
				$probes[] = self::probe( $id );
			}
		}
		return $probes;
	}

	/**
	 * The canary ids a wc-api name can belong to (the responder tries each token endpoint).
	 *
	 * @param string $name wc-api name as WooCommerce dispatches it.
	 * @return string[]
	 */
	public static function for_wc_api( string $name ): array {
		return 0 === strcasecmp( $name, self::WC_API_NAME ) ? array( self::WC_API, self::SITE_WC_API ) : array();
	}

	/**
	 * One canary.
	 *
	 * @param string $id Canary id.
	 */
	private static function probe( string $id ): Probe {
		switch ( $id ) {
			case self::REST:
				$url = rest_url( ltrim( self::REST_ROUTE, '/' ) );
				break;
			case self::SITE_WC_API:
				$url = site_url( '/wc-api/' . self::WC_API_NAME . '/' );
				break;
			default:
				$url = home_url( '/wc-api/' . self::WC_API_NAME . '/' );
		}
		$headers = array(
			'Referer'      => home_url( '/' ),
			// No body: keep curl from adding a form Content-Type.
			'Content-Type' => '',
		);
		return new Probe( $id, self::VARIANT, 'POST', $url, $headers, '', Variants::BROWSER_USER_AGENT );
	}

	/**
	 * Whether site_url()'s wc-api address is not the home URL's.
	 */
	private static function site_differs(): bool {
		return untrailingslashit( site_url( '/wc-api/' ) ) !== untrailingslashit( home_url( '/wc-api/' ) );
	}
}

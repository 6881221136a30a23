<?php
/**
 * Which of KCO's callbacks a request asked for.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

use KcoCallbackDoctor\Probe\Catalogue;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the callback from the address Klarna called, not from how WordPress routed it: a call
 * that a plugin redirected or WordPress could not route is still Klarna's call to that
 * callback, and its answer (301, 404) is exactly the evidence an owner needs.
 *
 * The addresses are the catalogue's (includes/Probe/Catalogue.php): `/wc-api/NAME/` or
 * `?wc-api=NAME` as WooCommerce's dispatch accepts them (LegacyRestApiStub), and the checkout
 * block's REST route `kco-block/order/{id}/validate` under any REST prefix or as `?rest_route=`.
 */
final class RequestedCallback {

	private const BLOCK_VALIDATE_ROUTE = '#/kco-block/order/[^/]+/validate/?$#';

	/**
	 * The catalogue id of the callback a request URI names, or null for any other address.
	 *
	 * @param string $request_uri Path and query, as in REQUEST_URI.
	 */
	public static function from_uri( string $request_uri ): ?string {
		$path  = (string) wp_parse_url( $request_uri, PHP_URL_PATH );
		$query = array();
		parse_str( (string) wp_parse_url( $request_uri, PHP_URL_QUERY ), $query );

		$name = null;
		if ( 1 === preg_match( '#/wc-api/([^/]+)#i', rawurldecode( $path ), $match ) ) {
			$name = $match[1];
		} elseif ( isset( $query['wc-api'] ) && is_string( $query['wc-api'] ) ) {
			$name = $query['wc-api'];
		}
		if ( null !== $name ) {
			return Catalogue::endpoint_for_wc_api( $name );
		}

		$route = isset( $query['rest_route'] ) && is_string( $query['rest_route'] ) ? $query['rest_route'] : rawurldecode( $path );
		return 1 === preg_match( self::BLOCK_VALIDATE_ROUTE, $route ) ? 'block-validate' : null;
	}
}

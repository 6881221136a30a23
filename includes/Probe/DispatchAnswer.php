<?php
/**
 * Tells an answer that WooCommerce's or the REST API's dispatch produced from a blocker's.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * A probe answered by the dispatch without the responder's echo reached the place where KCO's
 * handlers run, so its token did not work there and a KCO handler may have answered it. No
 * variant may follow it (docs/probe-protocol.md §12): only answers from something in front of WordPress are
 * isolated further.
 *
 * - WooCommerce's wc-api dispatch (LegacyRestApiStub in WooCommerce 9+, WC_API before) ends
 *   every request with die( '-1' ), status 200 with a handler and 400 without.
 * - The REST API's serve_request() sends `Access-Control-Expose-Headers: X-WP-Total, …` and a
 *   `Link: <…>; rel="https://api.w.org/"` header with every answer it gives
 *   (wp-includes/rest-api/class-wp-rest-server.php).
 */
final class DispatchAnswer {

	/**
	 * Whether the observed answer came from WooCommerce's or the REST API's dispatch.
	 *
	 * @param array<string, mixed> $observation An observation (Observation::of()).
	 */
	public static function from_dispatch( array $observation ): bool {
		$response = $observation['response'] ?? null;
		if ( ! is_array( $response ) ) {
			return false;
		}
		if ( '-1' === trim( (string) ( $response['body'] ?? '' ) ) ) {
			return true;
		}
		$headers = (array) ( $response['headers'] ?? array() );
		$expose  = isset( $headers['access-control-expose-headers'] ) ? (string) $headers['access-control-expose-headers'] : '';
		$link    = isset( $headers['link'] ) ? (string) $headers['link'] : '';
		$json    = false !== stripos( (string) ( $headers['content-type'] ?? '' ), 'json' );
		return false !== stripos( $expose, 'X-WP-Total' ) || ( $json && false !== strpos( $link, 'rel="https://api.w.org/"' ) );
	}
}

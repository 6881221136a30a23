<?php
/**
 * Whether the shop's answer to a real call is an error for Klarna.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * The PHP twin of src/diagnosis/traffic.ts isFailingStatus(), pinned to it by the shared
 * fixture tests/fixtures/traffic-statuses.json: every status outside 2xx is an error, except the
 * 303 with a Location by which KCO's validation declines an order (DESIGN.md §2), which is an
 * answer Klarna expects.
 */
final class CallStatus {

	private const VALIDATIONS = array( 'validation', 'block-validate', 'block-validation' );

	/**
	 * Whether the status is an error for Klarna.
	 *
	 * @param string $endpoint Catalogue id.
	 * @param int    $status   HTTP status the shop sent.
	 */
	public static function failing( string $endpoint, int $status ): bool {
		if ( $status >= 200 && $status < 300 ) {
			return false;
		}
		return ! ( 303 === $status && in_array( $endpoint, self::VALIDATIONS, true ) );
	}
}

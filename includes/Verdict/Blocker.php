<?php
/**
 * The blocker the page's diagnosis named for an endpoint, read from the run's digest.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * PHP never decides who blocked a request (docs/architecture.md); it only remembers what the page's
 * diagnosis said, as ids plus the product's proper name.
 */
final class Blocker {

	/**
	 * The blocker of an endpoint from the digest, or null when its finding names none.
	 *
	 * @param array<int, mixed> $digest The run's digest.
	 * @param string            $endpoint_id Endpoint id.
	 * @return array{causeId: string|null, productId: string|null, productName: string|null}|null
	 */
	public static function from_digest( array $digest, string $endpoint_id ): ?array {
		foreach ( $digest as $entry ) {
			if ( ! is_array( $entry ) || ( $entry['findingId'] ?? '' ) !== 'endpoint:' . $endpoint_id ) {
				continue;
			}
			$cause   = isset( $entry['causeId'] ) && is_string( $entry['causeId'] ) ? $entry['causeId'] : null;
			$product = isset( $entry['productId'] ) && is_string( $entry['productId'] ) ? $entry['productId'] : null;
			$name    = isset( $entry['productName'] ) && is_string( $entry['productName'] ) ? $entry['productName'] : null;
			if ( null === $cause && null === $product ) {
				return null;
			}
			return array(
				'causeId'     => $cause,
				'productId'   => $product,
				'productName' => $name,
			);
		}
		return null;
	}
}

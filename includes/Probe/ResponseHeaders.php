<?php
/**
 * The response headers kept of one exchange.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Bounded like the body (Sender::BODY_CAP): a block page or a misconfigured server can send
 * hundreds of kilobytes of headers, and every observation of a run is stored. Names are lower
 * case, repeated headers are joined with `, ` (types.ts ProbeResponse). The headers the diagnosis
 * cannot do without come first, so the cap never drops them; the rest follow in the order they
 * arrived until 8 KB (names and values) are used.
 */
final class ResponseHeaders {

	/**
	 * Bytes of names and values kept in total.
	 */
	public const TOTAL_CAP = 8192;

	/**
	 * Bytes of one value kept.
	 */
	public const VALUE_CAP = 2048;

	/**
	 * Headers kept at most.
	 */
	public const MAX_COUNT = 64;

	/**
	 * Where a redirect points and who answered: what redirect and blocker diagnosis read first.
	 */
	private const FIRST = array( 'location', 'server', 'www-authenticate', 'retry-after', 'content-type' );

	/**
	 * The headers kept.
	 *
	 * @param array<string, string|string[]> $received Header name => value or values, as received.
	 * @return array<string, string>
	 */
	public static function kept( array $received ): array {
		$joined = array();
		foreach ( $received as $name => $values ) {
			$name            = strtolower( (string) $name );
			$value           = implode( ', ', (array) $values );
			$joined[ $name ] = isset( $joined[ $name ] ) ? $joined[ $name ] . ', ' . $value : $value;
		}
		$ordered = array();
		foreach ( self::FIRST as $name ) {
			if ( isset( $joined[ $name ] ) ) {
				$ordered[ $name ] = $joined[ $name ];
			}
		}
		$ordered += $joined;

		$kept = array();
		$left = self::TOTAL_CAP;
		foreach ( $ordered as $name => $value ) {
			$name = (string) $name;
			$room = min( self::VALUE_CAP, $left - strlen( $name ) );
			if ( count( $kept ) >= self::MAX_COUNT || $room <= 0 ) {
				break;
			}
			$kept[ $name ] = Utf8Text::of( substr( $value, 0, $room ) );
			$left         -= strlen( $name ) + strlen( $kept[ $name ] );
		}
		return $kept;
	}
}

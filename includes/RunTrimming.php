<?php
/**
 * Trims a run to the size a stored run may take.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * Most of a big run is what sites answered: up to 8 KB of body and 8 KB of headers on each of
 * dozens of observations when everything is blocked. Over the limit, those go where they matter
 * least first, one observation at a time, until the run fits: within the least important group
 * its bodies, then its headers (the Location is kept), then the middle of its long redirect
 * chains; then the next group. Observations themselves, their requests, statuses, timings and
 * echoes always stay, and the run says it was trimmed.
 *
 * Groups, least important first: isolation variants whose echo came back (their body is the
 * echo itself), Klarna-shaped probes that echoed, isolation variants that were blocked, and last
 * the blocked Klarna-shaped probes, the evidence an owner acts on. Within a group the later
 * observations go first.
 */
final class RunTrimming {

	private const STEPS = array( 'without_body', 'without_headers', 'without_middle_hops' );

	/**
	 * The run, trimmed if needed to at most $max_bytes serialized, with `trimmed` set.
	 *
	 * @param array<string, mixed> $run       Run (types.ts Run).
	 * @param int                  $max_bytes Most bytes it may take serialized, as stored.
	 * @return array<string, mixed>
	 */
	public static function fit( array $run, int $max_bytes ): array {
		$run['trimmed'] = false;
		if ( self::size( $run ) <= $max_bytes ) {
			return $run;
		}
		$run['trimmed'] = true;
		foreach ( self::groups( $run['observations'] ) as $group ) {
			foreach ( self::STEPS as $step ) {
				foreach ( $group as $index ) {
					$run['observations'][ $index ] = self::$step( $run['observations'][ $index ] );
					if ( self::size( $run ) <= $max_bytes ) {
						return $run;
					}
				}
			}
		}
		// Only requests, statuses and timings are left: keep them over the limit, never lose them.
		return $run;
	}

	/**
	 * Bytes as update_option() stores the run.
	 *
	 * @param array<string, mixed> $run Run.
	 */
	private static function size( array $run ): int {
		return strlen( serialize( $run ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize -- the size as stored.
	}

	/**
	 * Observation indexes in groups, least important group first, later observations first
	 * within a group.
	 *
	 * @param array<int, array<string, mixed>> $observations Observations.
	 * @return array<int, int[]>
	 */
	private static function groups( array $observations ): array {
		$groups = array( array(), array(), array(), array() );
		foreach ( array_reverse( $observations, true ) as $index => $observation ) {
			$klarna     = in_array( $observation['variant'], array( 'klarna', 'klarna-session' ), true );
			$echoed     = null !== $observation['echo'];
			$groups[ $echoed ? ( $klarna ? 1 : 0 ) : ( $klarna ? 3 : 2 ) ][] = $index;
		}
		return $groups;
	}

	/**
	 * The observation with an empty body, marked as cut short.
	 *
	 * @param array<string, mixed> $observation Observation.
	 * @return array<string, mixed>
	 */
	private static function without_body( array $observation ): array {
		if ( isset( $observation['response'] ) && '' !== $observation['response']['body'] ) {
			$observation['response']['body']          = '';
			$observation['response']['bodyTruncated'] = true;
		}
		return $observation;
	}

	/**
	 * The observation with no response headers but the Location, which the redirect diagnosis
	 * reads.
	 *
	 * @param array<string, mixed> $observation Observation.
	 * @return array<string, mixed>
	 */
	private static function without_headers( array $observation ): array {
		if ( isset( $observation['response'] ) ) {
			$headers = (array) $observation['response']['headers'];
			$observation['response']['headers'] = (object) array_intersect_key( $headers, array( 'location' => true ) );
		}
		return $observation;
	}

	/**
	 * The observation with only the first and the last hop of its redirect chain: where the
	 * callback was sent first, and where it ended.
	 *
	 * @param array<string, mixed> $observation Observation.
	 * @return array<string, mixed>
	 */
	private static function without_middle_hops( array $observation ): array {
		$hops = $observation['redirects'];
		if ( count( $hops ) > 2 ) {
			$observation['redirects'] = array( reset( $hops ), end( $hops ) );
		}
		return $observation;
	}
}

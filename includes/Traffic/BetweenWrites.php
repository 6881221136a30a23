<?php
/**
 * The calls the heartbeat does not write, where a persistent object cache can hold them.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * A call that arrives within a minute of a recorded call to the same callback is not written:
 * a burst of pushes must cost nearly nothing. Counting it without a write needs a place that is
 * not the database, and only a persistent object cache (Redis, Memcached) is one that every PHP
 * worker shares. There the count, the latest such call and the orders such pushes named are
 * kept until the next write folds them in. Without one they are lost: the counts the doctor
 * shows are then lower bounds, and it says so (TrafficReport `countsEveryCall`).
 */
final class BetweenWrites {

	private const GROUP = 'kco_callback_doctor_traffic';

	/**
	 * How long the cache remembers a push for an order: as long as the stuck-order search looks
	 * back (StuckOrders::LOOK_BACK_DAYS).
	 */
	private const PUSH_TTL = 30 * DAY_IN_SECONDS;

	/**
	 * Whether calls between writes can be counted on this site.
	 */
	public static function available(): bool {
		return (bool) wp_using_ext_object_cache();
	}

	/**
	 * Counts a call that is not written.
	 *
	 * @param string               $endpoint Catalogue id.
	 * @param array<string, int>   $call     The call (TrafficLog::call()).
	 * @param string|null          $order    Fingerprint of the order a push named.
	 */
	public static function note( string $endpoint, array $call, ?string $order ): void {
		if ( ! self::available() ) {
			return;
		}
		wp_cache_add( 'count:' . $endpoint, 0, self::GROUP );
		wp_cache_incr( 'count:' . $endpoint, 1, self::GROUP );
		wp_cache_set( 'latest:' . $endpoint, $call, self::GROUP );
		if ( null !== $order ) {
			wp_cache_set( 'push:' . $order, 1, self::GROUP, self::PUSH_TTL );
		}
	}

	/**
	 * What is held for a callback: how many calls, and the latest of them.
	 *
	 * @param string $endpoint Catalogue id.
	 * @return array{count: int, latest: array<string, int>|null}
	 */
	public static function pending( string $endpoint ): array {
		if ( ! self::available() ) {
			return array(
				'count'  => 0,
				'latest' => null,
			);
		}
		$latest = wp_cache_get( 'latest:' . $endpoint, self::GROUP );
		return array(
			'count'  => max( 0, (int) wp_cache_get( 'count:' . $endpoint, self::GROUP ) ),
			'latest' => TrafficLog::is_call( $latest ) ? $latest : null,
		);
	}

	/**
	 * Hands what is held for a callback to the write that is about to happen, and forgets it.
	 * A call counted meanwhile stays counted: the count goes down by what was taken, not to 0.
	 *
	 * @param string $endpoint Catalogue id.
	 * @return array{count: int, latest: array<string, int>|null}
	 */
	public static function take( string $endpoint ): array {
		$pending = self::pending( $endpoint );
		if ( $pending['count'] > 0 ) {
			wp_cache_decr( 'count:' . $endpoint, $pending['count'], self::GROUP );
		}
		if ( null !== $pending['latest'] ) {
			wp_cache_delete( 'latest:' . $endpoint, self::GROUP );
		}
		return $pending;
	}

	/**
	 * Those of the fingerprints for which the cache remembers a push.
	 *
	 * @param string[] $fingerprints Order fingerprints.
	 * @return string[]
	 */
	public static function pushed( array $fingerprints ): array {
		if ( ! self::available() || array() === $fingerprints ) {
			return array();
		}
		$keys = array();
		foreach ( $fingerprints as $fingerprint ) {
			$keys[ 'push:' . $fingerprint ] = $fingerprint;
		}
		$found = wp_cache_get_multiple( array_keys( $keys ), self::GROUP );
		$known = array();
		foreach ( $found as $key => $value ) {
			if ( false !== $value && isset( $keys[ $key ] ) ) {
				$known[] = $keys[ $key ];
			}
		}
		return $known;
	}
}

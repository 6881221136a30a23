<?php
/**
 * The heartbeat's memory: the last real calls per callback, in one option.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

use KcoCallbackDoctor\Probe\Catalogue;

defined( 'ABSPATH' ) || exit;

/**
 * One non-autoloaded option holds, per callback, a ring of its last recorded calls (when, the
 * HTTP status the shop answered, how long PHP took) and how many calls were seen; and the
 * fingerprints of the orders the last pushes named (KlarnaOrderFingerprint). Nothing else: no
 * order data, no addresses, no request body.
 *
 * A callback's calls are written at most once a minute. The decision is made on the value this
 * request read; the write itself happens under a database lock and after a fresh read, so a
 * burst of simultaneous calls writes once: the first to take the lock writes, the others either
 * miss the lock or then see its write, and are only counted (BetweenWrites).
 */
final class TrafficLog {

	public const OPTION = 'kco_callback_doctor_traffic';

	/**
	 * Recorded calls kept per callback.
	 */
	public const CALLS_KEPT = 10;

	/**
	 * Order fingerprints kept from the last pushes: more than the orders a busy shop leaves
	 * waiting for their push at one time.
	 */
	public const PUSHES_KEPT = 200;

	/**
	 * Seconds after a recorded call before the next call of the same callback is written.
	 */
	public const WRITE_INTERVAL = 60;

	/**
	 * Records a real call to a callback, or only counts it when the callback was written less
	 * than a minute ago.
	 *
	 * @param string             $endpoint Catalogue id.
	 * @param array<string, int> $call     `at` (Unix time the call arrived), `status`, `ms`.
	 * @param string|null        $order    Fingerprint of the order a push named.
	 */
	public static function note( string $endpoint, array $call, ?string $order ): void {
		if ( self::written_recently( self::read(), $endpoint, $call['at'] ) ) {
			BetweenWrites::note( $endpoint, $call, $order );
			return;
		}
		$lock = new DatabaseLock( 'traffic' );
		if ( ! $lock->take() ) {
			BetweenWrites::note( $endpoint, $call, $order );
			return;
		}
		try {
			$log = self::read_fresh();
			if ( self::written_recently( $log, $endpoint, $call['at'] ) ) {
				BetweenWrites::note( $endpoint, $call, $order );
				return;
			}
			self::write( self::with_call( $log, $endpoint, $call, $order, BetweenWrites::take( $endpoint ) ) );
		} finally {
			$lock->release();
		}
	}

	/**
	 * Marks when monitoring began, unless it already has: on activation, and on the first read
	 * of a site that updated to a version with the heartbeat.
	 */
	public static function begin(): void {
		if ( null !== self::read()['since'] ) {
			return;
		}
		$lock = new DatabaseLock( 'traffic' );
		if ( ! $lock->take() ) {
			return;
		}
		try {
			$log = self::read_fresh();
			if ( null === $log['since'] ) {
				$log['since'] = time();
				self::write( $log );
			}
		} finally {
			$lock->release();
		}
	}

	/**
	 * The stored log, whatever the option holds.
	 *
	 * @return array{since: int|null, callbacks: array<string, array{calls: array<int, array<string, int>>, total: int}>, pushes: string[]}
	 */
	public static function read(): array {
		return self::normalise( get_option( self::OPTION, null ) );
	}

	/**
	 * Whether a value is a recorded call.
	 *
	 * @param mixed $value A stored value.
	 */
	public static function is_call( $value ): bool {
		return is_array( $value ) && isset( $value['at'], $value['status'], $value['ms'] )
			&& is_int( $value['at'] ) && is_int( $value['status'] ) && is_int( $value['ms'] );
	}

	/**
	 * The log with one more recorded call, and with what was counted since the last write.
	 *
	 * @param array<string, mixed>                                 $log      The log as read.
	 * @param string                                               $endpoint Catalogue id.
	 * @param array<string, int>                                   $call     The call.
	 * @param string|null                                          $order    Fingerprint of the order a push named.
	 * @param array{count: int, latest: array<string, int>|null} $counted  What BetweenWrites held.
	 * @return array<string, mixed>
	 */
	public static function with_call( array $log, string $endpoint, array $call, ?string $order, array $counted ): array {
		$entry = $log['callbacks'][ $endpoint ] ?? array(
			'calls' => array(),
			'total' => 0,
		);
		$calls = array( $call );
		// The latest of the calls only counted is worth keeping: it may be the one that failed.
		if ( null !== $counted['latest'] ) {
			$calls[] = $counted['latest'];
		}
		$calls = array_merge( $calls, $entry['calls'] );
		usort(
			$calls,
			static function ( array $a, array $b ): int {
				return $b['at'] <=> $a['at'];
			}
		);
		$log['callbacks'][ $endpoint ] = array(
			'calls' => array_slice( $calls, 0, self::CALLS_KEPT ),
			'total' => $entry['total'] + 1 + $counted['count'],
		);
		if ( null !== $order ) {
			$pushes        = array_diff( $log['pushes'], array( $order ) );
			$log['pushes'] = array_slice( array_merge( array( $order ), array_values( $pushes ) ), 0, self::PUSHES_KEPT );
		}
		if ( null === $log['since'] ) {
			$log['since'] = min( $call['at'], time() );
		}
		return $log;
	}

	/**
	 * Whether the callback's newest recorded call is less than WRITE_INTERVAL older than this.
	 *
	 * @param array<string, mixed> $log      The log.
	 * @param string               $endpoint Catalogue id.
	 * @param int                  $at       When this call arrived.
	 */
	private static function written_recently( array $log, string $endpoint, int $at ): bool {
		$newest = $log['callbacks'][ $endpoint ]['calls'][0]['at'] ?? null;
		return null !== $newest && $at - $newest < self::WRITE_INTERVAL;
	}

	/**
	 * The option as the database holds it now: another worker may have written it since this
	 * request read it, and WordPress would answer from what it cached then.
	 *
	 * @return array<string, mixed>
	 */
	private static function read_fresh(): array {
		wp_cache_delete( self::OPTION, 'options' );
		$missing = wp_cache_get( 'notoptions', 'options' );
		if ( is_array( $missing ) && isset( $missing[ self::OPTION ] ) ) {
			unset( $missing[ self::OPTION ] );
			wp_cache_set( 'notoptions', $missing, 'options' );
		}
		return self::read();
	}

	/**
	 * Stores the log; never autoloaded, so no other request ever loads it.
	 *
	 * @param array<string, mixed> $log The log.
	 */
	private static function write( array $log ): void {
		if ( null === get_option( self::OPTION, null ) ) {
			add_option( self::OPTION, $log, '', false );
			return;
		}
		update_option( self::OPTION, $log, false );
	}

	/**
	 * A well-formed log from whatever the option holds (nothing, an older shape, a damaged value).
	 *
	 * @param mixed $raw The option's value.
	 * @return array{since: int|null, callbacks: array<string, array{calls: array<int, array<string, int>>, total: int}>, pushes: string[]}
	 */
	private static function normalise( $raw ): array {
		$log = array(
			'since'     => null,
			'callbacks' => array(),
			'pushes'    => array(),
		);
		if ( ! is_array( $raw ) ) {
			return $log;
		}
		if ( isset( $raw['since'] ) && is_int( $raw['since'] ) && $raw['since'] > 0 ) {
			$log['since'] = $raw['since'];
		}
		foreach ( Catalogue::ids() as $id ) {
			$entry = $raw['callbacks'][ $id ] ?? null;
			if ( ! is_array( $entry ) || ! isset( $entry['calls'] ) || ! is_array( $entry['calls'] ) ) {
				continue;
			}
			$calls = array_values( array_filter( $entry['calls'], array( self::class, 'is_call' ) ) );
			if ( array() === $calls ) {
				continue;
			}
			$log['callbacks'][ $id ] = array(
				'calls' => array_slice( $calls, 0, self::CALLS_KEPT ),
				'total' => max( count( $calls ), isset( $entry['total'] ) ? (int) $entry['total'] : 0 ),
			);
		}
		if ( isset( $raw['pushes'] ) && is_array( $raw['pushes'] ) ) {
			foreach ( $raw['pushes'] as $fingerprint ) {
				if ( is_string( $fingerprint ) && 1 === preg_match( '/^[0-9a-f]{16}$/', $fingerprint ) ) {
					$log['pushes'][] = $fingerprint;
				}
			}
			$log['pushes'] = array_slice( $log['pushes'], 0, self::PUSHES_KEPT );
		}
		return $log;
	}
}

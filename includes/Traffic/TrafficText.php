<?php
/**
 * Real traffic in words, for the server-side surfaces (Site Health's Info tab, WooCommerce's
 * status report, the alert).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * Plain text from TrafficReport::summary(); callers escape it for where it goes. No value holds
 * ", ": WooCommerce's "Get system report" splits values there.
 */
final class TrafficText {

	/**
	 * The callbacks worth a line, as the page picks them (src/diagnosis/traffic.ts
	 * shownCallbacks): those the installed KCO uses and those Klarna really called; without KCO
	 * the push (every KCO version uses it) stands in.
	 *
	 * @param array<int, array<string, mixed>> $callbacks TrafficReport's callbacks.
	 * @return array<int, array<string, mixed>>
	 */
	public static function shown( array $callbacks ): array {
		return array_values(
			array_filter(
				$callbacks,
				static function ( array $callback ): bool {
					return array() !== $callback['calls']
						|| true === $callback['usedByInstalledKco']
						|| ( null === $callback['usedByInstalledKco'] && 'push' === $callback['endpoint'] );
				}
			)
		);
	}

	/**
	 * A callback's last real call: "HTTP 200 in 412 ms – 2026-03-12 14:05 CET", or that none
	 * was seen.
	 *
	 * @param array<string, mixed> $callback One of TrafficReport's callbacks.
	 * @param string|null          $since    When monitoring began (ISO 8601), or null.
	 */
	public static function last_call( array $callback, ?string $since ): string {
		$last = $callback['calls'][0] ?? null;
		if ( null === $last ) {
			return null === $since
				? __( 'No real call seen yet', 'kco-callback-doctor' )
				/* translators: %s: date and time monitoring began. */
				: sprintf( __( 'No real call seen since monitoring began on %s', 'kco-callback-doctor' ), self::time( $since ) );
		}
		$text = sprintf(
			/* translators: 1: HTTP status code, 2: milliseconds, 3: date and time of the call. */
			__( 'HTTP %1$d in %2$d ms – %3$s', 'kco-callback-doctor' ),
			(int) $last['status'],
			(int) $last['durationMs'],
			self::time( (string) $last['at'] )
		);
		if ( CallStatus::failing( (string) $callback['endpoint'], (int) $last['status'] ) ) {
			$text .= ' – ' . __( 'an error for Klarna', 'kco-callback-doctor' );
		}
		return $text;
	}

	/**
	 * Whether a callback's last real call got an error.
	 *
	 * @param array<string, mixed> $callback One of TrafficReport's callbacks.
	 */
	public static function last_call_failed( array $callback ): bool {
		$last = $callback['calls'][0] ?? null;
		return null !== $last && CallStatus::failing( (string) $callback['endpoint'], (int) $last['status'] );
	}

	/**
	 * The stuck orders in one sentence.
	 *
	 * @param array<string, mixed> $stuck TrafficReport's stuckOrders.
	 */
	public static function stuck_orders( array $stuck ): string {
		if ( empty( $stuck['searched'] ) ) {
			return __( 'Not searched: WooCommerce is not active', 'kco-callback-doctor' );
		}
		$count   = (int) $stuck['count'];
		$minutes = (int) $stuck['thresholdMinutes'];
		if ( 0 === $count ) {
			/* translators: %d: minutes. */
			return sprintf( __( 'None waiting more than %d minutes for a push', 'kco-callback-doctor' ), $minutes );
		}
		if ( ! empty( $stuck['more'] ) ) {
			/* translators: 1: number of orders listed, 2: minutes. */
			return sprintf( __( 'More than %1$d in Pending payment for over %2$d minutes without a push', 'kco-callback-doctor' ), $count, $minutes );
		}
		return sprintf(
			/* translators: 1: number of orders, 2: minutes. */
			_n( '%1$d in Pending payment for over %2$d minutes without a push', '%1$d in Pending payment for over %2$d minutes without a push', $count, 'kco-callback-doctor' ),
			$count,
			$minutes
		);
	}

	/**
	 * A moment in the site's time zone, in one unambiguous format for support.
	 *
	 * @param string $iso ISO 8601.
	 */
	public static function time( string $iso ): string {
		$time = strtotime( $iso );
		return false === $time ? $iso : (string) wp_date( 'Y-m-d H:i T', $time );
	}
}

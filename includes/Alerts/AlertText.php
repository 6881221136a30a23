<?php
/**
 * The words of an alert, shared by the admin notice, the Inbox note and the e-mail.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Verdict\EndpointState;
use KcoCallbackDoctor\Verdict\LastDiagnosis;

defined( 'ABSPATH' ) || exit;

/**
 * Plain text, in the store owner's words: which callback, what answered, since when, and the
 * blocker the page last diagnosed. Callers escape it for where it goes.
 */
final class AlertText {

	public const FAILURE  = 'failure';
	public const RECOVERY = 'recovery';

	/**
	 * One sentence saying what changed.
	 *
	 * @param string   $kind   FAILURE or RECOVERY.
	 * @param string[] $labels Names of the callbacks that changed.
	 */
	public static function headline( string $kind, array $labels ): string {
		$list = wp_sprintf( '%l', $labels );
		if ( self::FAILURE === $kind ) {
			/* translators: %s: names of Klarna callbacks, e.g. "Push" or "Push and Validation". */
			return sprintf( _n( 'Klarna can no longer reach your shop: its %s callback fails.', 'Klarna can no longer reach your shop: its %s callbacks fail.', count( $labels ), 'kco-callback-doctor' ), $list );
		}
		/* translators: %s: names of Klarna callbacks, e.g. "Push" or "Push and Validation". */
		return sprintf( _n( 'Klarna can reach your shop\'s %s callback again.', 'Klarna can reach your shop\'s %s callbacks again.', count( $labels ), 'kco-callback-doctor' ), $list );
	}

	/**
	 * The headline for the entries that changed: the callbacks' words when a callback is among
	 * them (the lines then tell about the orders too), the orders' words when only they changed.
	 *
	 * @param string                              $kind       FAILURE or RECOVERY.
	 * @param array<string, array<string, mixed>> $remembered AlertState's `endpoints`.
	 * @param string[]                            $ids        Entries that changed.
	 */
	private static function headline_of( string $kind, array $remembered, array $ids ): string {
		$callbacks = array_values( array_diff( $ids, array( StuckOrdersAlert::ID ) ) );
		if ( array() !== $callbacks || ! in_array( StuckOrdersAlert::ID, $ids, true ) ) {
			return self::headline( $kind, self::labels( $remembered, $callbacks ) );
		}
		return self::FAILURE === $kind
			? __( 'Klarna orders are stuck in Pending payment: no push from Klarna arrived for them.', 'kco-callback-doctor' )
			: __( 'No Klarna order is stuck in Pending payment any more.', 'kco-callback-doctor' );
	}

	/**
	 * The admin notice's and the Inbox note's words for the current alert.
	 *
	 * @param array<string, mixed> $state AlertState::get(), with an alert.
	 * @return array{kind: string, headline: string, lines: string[]}
	 */
	public static function of_alert( array $state ): array {
		$alert      = $state['alert'];
		$remembered = $state['endpoints'];
		$changed    = array_map( 'strval', (array) $alert['changed'] );
		$kind       = AlertText::FAILURE === $alert['kind'] ? self::FAILURE : self::RECOVERY;
		$named      = self::FAILURE === $kind ? array_intersect( $changed, Transition::failing_ids( $remembered ) ) : $changed;
		return array(
			'kind'     => $kind,
			'headline' => self::headline_of( $kind, $remembered, array_values( $named ) ),
			'lines'    => self::lines( $remembered, array_values( array_unique( array_merge( $changed, Transition::failing_ids( $remembered ) ) ) ) ),
		);
	}

	/**
	 * The e-mail's words: what fails now, and what recovered since the last e-mail.
	 *
	 * @param array<string, mixed> $state AlertState::get().
	 * @return array{kind: string, headline: string, lines: string[]}
	 */
	public static function of_email( array $state ): array {
		$remembered = $state['endpoints'];
		$failing    = Transition::failing_ids( $remembered );
		$newly      = array_values( array_diff( $failing, $state['email']['failing'] ) );
		$recovered  = array_values( array_diff( $state['email']['failing'], $failing ) );
		$kind       = empty( $newly ) ? self::RECOVERY : self::FAILURE;
		return array(
			'kind'     => $kind,
			'headline' => self::headline_of( $kind, $remembered, empty( $newly ) ? $recovered : $newly ),
			'lines'    => self::lines( $remembered, array_values( array_unique( array_merge( $newly, $failing, $recovered ) ) ) ),
		);
	}

	/**
	 * One line per callback: what answered and since when, and for a failing one the blocker
	 * when a diagnosis named it.
	 *
	 * @param array<string, array<string, mixed>> $remembered AlertState's `endpoints`.
	 * @param string[]                            $ids        The callbacks to describe, in order.
	 * @return string[]
	 */
	public static function lines( array $remembered, array $ids ): array {
		$lines = array();
		foreach ( $ids as $id ) {
			$entry = $remembered[ $id ] ?? null;
			if ( ! is_array( $entry ) ) {
				continue;
			}
			if ( StuckOrdersAlert::ID === $id ) {
				$lines[] = self::stuck_orders_line( $entry );
				continue;
			}
			$label = (string) ( $entry['label'] ?? $id );
			// The path without its query: the query only holds placeholders such as {id}.
			$path  = (string) strtok( (string) ( $entry['path'] ?? '' ), '?' );
			$name  = '' === $path ? $label : sprintf( '%1$s (%2$s)', $label, $path );
			$since = self::when( (string) ( $entry['since'] ?? '' ) );
			if ( empty( $entry['failing'] ) ) {
				/* translators: 1: callback name and path, 2: date and time. */
				$lines[] = sprintf( __( '%1$s: passes again since %2$s.', 'kco-callback-doctor' ), $name, $since );
				continue;
			}
			/* translators: 1: callback name and path, 2: what happened to Klarna's request, 3: date and time. */
			$line    = sprintf( __( '%1$s: %2$s since %3$s.', 'kco-callback-doctor' ), $name, self::what_answered( $entry ), $since );
			$known   = LastDiagnosis::blocker( (string) $id, isset( $entry['state'] ) ? (string) $entry['state'] : null, isset( $entry['httpStatus'] ) ? (int) $entry['httpStatus'] : null );
			$product = $known['blocker']['productName'] ?? null;
			if ( is_string( $product ) && '' !== $product ) {
				/* translators: 1: product that blocks the request, e.g. "Cloudflare", 2: date and time. */
				$line .= ' ' . sprintf( __( 'Blocked by %1$s, as diagnosed on %2$s.', 'kco-callback-doctor' ), $product, self::when( $known['diagnosedAt'] ) );
			}
			$lines[] = $line;
		}
		return $lines;
	}

	/**
	 * The stuck orders' line: how many, how long they wait, since when.
	 *
	 * @param array<string, mixed> $entry The remembered StuckOrdersAlert entry.
	 */
	private static function stuck_orders_line( array $entry ): string {
		$since = self::when( (string) ( $entry['since'] ?? '' ) );
		if ( empty( $entry['failing'] ) ) {
			/* translators: %s: date and time. */
			return sprintf( __( 'Klarna orders in Pending payment: none waits for its push any more since %s.', 'kco-callback-doctor' ), $since );
		}
		$count   = (int) ( $entry['count'] ?? 0 );
		$minutes = (int) ( $entry['thresholdMinutes'] ?? 0 );
		if ( ! empty( $entry['more'] ) ) {
			/* translators: 1: number of orders, 2: minutes, 3: date and time. */
			return sprintf( __( 'Klarna orders in Pending payment: more than %1$d have waited over %2$d minutes for a push from Klarna, since %3$s.', 'kco-callback-doctor' ), $count, $minutes, $since );
		}
		return sprintf(
			/* translators: 1: number of orders, 2: minutes, 3: date and time. */
			_n(
				'Klarna orders in Pending payment: %1$d has waited over %2$d minutes for a push from Klarna, since %3$s.',
				'Klarna orders in Pending payment: %1$d have waited over %2$d minutes for a push from Klarna, since %3$s.',
				$count,
				'kco-callback-doctor'
			),
			$count,
			$minutes,
			$since
		);
	}

	/**
	 * What to do next.
	 */
	public static function advice(): string {
		return __( 'Open the Callback Doctor to see what stops the request and how to fix it.', 'kco-callback-doctor' );
	}

	/**
	 * A moment in the site's time zone and date format.
	 *
	 * @param string $iso ISO 8601.
	 */
	public static function when( string $iso ): string {
		$time = strtotime( $iso );
		if ( false === $time ) {
			return __( 'an unknown time', 'kco-callback-doctor' );
		}
		return (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time );
	}

	/**
	 * The callbacks' names.
	 *
	 * @param array<string, array<string, mixed>> $remembered AlertState's `endpoints`.
	 * @param string[]                            $ids        Callback ids.
	 * @return string[]
	 */
	private static function labels( array $remembered, array $ids ): array {
		$labels = array();
		foreach ( $ids as $id ) {
			$labels[] = (string) ( $remembered[ $id ]['label'] ?? $id );
		}
		return $labels;
	}

	/**
	 * What became of Klarna's request, in a few words.
	 *
	 * @param array<string, mixed> $entry A remembered failing callback.
	 */
	private static function what_answered( array $entry ): string {
		$status = isset( $entry['httpStatus'] ) ? (int) $entry['httpStatus'] : null;
		switch ( $entry['state'] ?? '' ) {
			case EndpointState::UNREACHABLE:
				return __( 'the shop could not be reached', 'kco-callback-doctor' );
			case EndpointState::REDIRECTED:
				// The status is the redirect's target's, not the redirect's: it would mislead here.
				return __( 'redirected to another address, which drops Klarna\'s request', 'kco-callback-doctor' );
			default:
				return null === $status
					? __( 'blocked', 'kco-callback-doctor' )
					/* translators: %d: HTTP status code, e.g. 403. */
					: sprintf( __( 'blocked with HTTP %d', 'kco-callback-doctor' ), $status );
		}
	}
}

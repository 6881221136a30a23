<?php
/**
 * Klarna orders left stuck, as one more thing the alerts remember.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Traffic\TrafficReport;

defined( 'ABSPATH' ) || exit;

/**
 * Beside each callback, AlertState remembers one entry under ID: failing while at least one
 * Klarna order waits in Pending payment past the threshold with no push recorded for it
 * (Traffic\StuckOrders). It flips like a callback does, so the same admin notice, Inbox note and
 * once-a-day e-mail (EmailPolicy) announce it; AlertText words it as orders, not as a callback.
 * Checked whenever a run is stored, so the daily scheduled check looks at least once a day.
 */
final class StuckOrdersAlert {

	/**
	 * The remembered entry's key; never a catalogue id.
	 */
	public const ID = 'stuck-orders';

	/**
	 * Pure: the remembered state with the stuck orders' entry brought up to date.
	 *
	 * @param array<string, array<string, mixed>> $remembered Entry id => what was remembered.
	 * @param array<string, mixed>|null           $stuck      TrafficReport's stuckOrders, or null when unknown.
	 * @param string                              $at         When the run that looked started (ISO 8601 UTC).
	 * @param string                              $run_id     That run's id.
	 * @return array{remembered: array<string, array<string, mixed>>, changed: bool}
	 */
	public static function apply( array $remembered, ?array $stuck, string $at, string $run_id ): array {
		if ( null === $stuck || empty( $stuck['searched'] ) ) {
			// Nothing certain: an order search that could not run says nothing about the orders.
			return array(
				'remembered' => $remembered,
				'changed'    => false,
			);
		}
		$failing  = (int) $stuck['count'] > 0;
		$previous = $remembered[ self::ID ] ?? null;
		$was      = is_array( $previous ) && ! empty( $previous['failing'] );
		$since    = is_array( $previous ) && $was === $failing && isset( $previous['since'] ) ? (string) $previous['since'] : $at;

		$remembered[ self::ID ] = array(
			'failing'          => $failing,
			'since'            => $since,
			'state'            => 'stuck-orders',
			'httpStatus'       => null,
			'label'            => __( 'Klarna orders in Pending payment', 'kco-callback-doctor' ),
			'path'             => '',
			'runId'            => $run_id,
			'count'            => (int) $stuck['count'],
			'more'             => ! empty( $stuck['more'] ),
			'thresholdMinutes' => (int) $stuck['thresholdMinutes'],
		);
		return array(
			'remembered' => $remembered,
			'changed'    => $was !== $failing,
		);
	}

	/**
	 * The stuck orders now, or null when they could not be searched.
	 *
	 * @return array<string, mixed>|null
	 */
	public static function now(): ?array {
		$report = TrafficReport::safely();
		return null === $report ? null : $report['stuckOrders'];
	}
}

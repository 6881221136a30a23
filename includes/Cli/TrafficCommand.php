<?php
/**
 * `wp kco-doctor traffic`.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Traffic\TrafficReport;

defined( 'ABSPATH' ) || exit;

/**
 * Shows the last real calls Klarna made to each callback and the Klarna orders left in Pending
 * payment without a push.
 *
 * ## OPTIONS
 *
 * [--format=<format>]
 * : How to print the report. `json` prints the same object as the REST route GET
 * /kco-callback-doctor/v1/traffic.
 * ---
 * default: table
 * options:
 *   - table
 *   - json
 * ---
 *
 * ## EXAMPLES
 *
 *     # The heartbeat of each callback, then the stuck orders.
 *     $ wp kco-doctor traffic
 *
 *     # Everything as JSON, for monitoring scripts.
 *     $ wp kco-doctor traffic --format=json
 */
final class TrafficCommand {

	/**
	 * Prints the report.
	 *
	 * @param string[]              $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args `format`.
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$report = TrafficReport::summary();
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI::line( (string) wp_json_encode( $report, JSON_UNESCAPED_SLASHES ) );
			return;
		}

		\WP_CLI::line(
			null !== $report['monitoringSince']
				/* translators: %s: date and time in UTC. */
				? sprintf( __( 'Real calls from Klarna, recorded since %s:', 'kco-callback-doctor' ), self::time( $report['monitoringSince'] ) )
				: __( 'Real calls from Klarna:', 'kco-callback-doctor' )
		);
		\WP_CLI\Utils\format_items( 'table', self::callback_rows( $report['callbacks'] ), self::callback_columns() );
		if ( ! $report['countsEveryCall'] ) {
			\WP_CLI::line(
				sprintf(
					/* translators: %d: seconds. */
					__( 'Calls within %d seconds of a recorded one are not counted on this site (no persistent object cache): counts are lower bounds.', 'kco-callback-doctor' ),
					$report['writeIntervalSeconds']
				)
			);
		}

		$stuck = $report['stuckOrders'];
		\WP_CLI::line( '' );
		if ( ! $stuck['searched'] ) {
			\WP_CLI::line( __( 'Orders were not searched: WooCommerce is not active.', 'kco-callback-doctor' ) );
			return;
		}
		if ( 0 === $stuck['count'] ) {
			\WP_CLI::line(
				sprintf(
					/* translators: %d: minutes. */
					__( 'No Klarna order has been waiting in Pending payment for more than %d minutes without a push.', 'kco-callback-doctor' ),
					$stuck['thresholdMinutes']
				)
			);
			return;
		}
		\WP_CLI::warning(
			sprintf(
				/* translators: 1: number of orders, 2: minutes. */
				_n(
					'%1$d Klarna order has been in Pending payment for more than %2$d minutes, and no push from Klarna was recorded for it.',
					'%1$d Klarna orders have been in Pending payment for more than %2$d minutes, and no push from Klarna was recorded for them.',
					$stuck['count'],
					'kco-callback-doctor'
				),
				$stuck['count'],
				$stuck['thresholdMinutes']
			)
		);
		$rows = array();
		foreach ( $stuck['orders'] as $order ) {
			$rows[] = array(
				'order'           => $order['number'],
				'placed'          => null !== $order['createdAt'] ? self::time( $order['createdAt'] ) : '',
				'klarna_order_id' => $order['klarnaOrderId'],
				'edit_url'        => $order['editUrl'],
			);
		}
		\WP_CLI\Utils\format_items( 'table', $rows, array( 'order', 'placed', 'klarna_order_id', 'edit_url' ) );
	}

	/**
	 * One row per callback.
	 *
	 * @param array<int, array<string, mixed>> $callbacks The report's callbacks.
	 * @return array<int, array<string, string>>
	 */
	private static function callback_rows( array $callbacks ): array {
		$rows = array();
		foreach ( $callbacks as $callback ) {
			$last   = $callback['calls'][0] ?? null;
			$rows[] = array(
				'callback'   => $callback['label'],
				'used'       => null === $callback['usedByInstalledKco'] ? __( 'unknown', 'kco-callback-doctor' ) : ( $callback['usedByInstalledKco'] ? __( 'yes', 'kco-callback-doctor' ) : __( 'no', 'kco-callback-doctor' ) ),
				'last_call'  => null !== $last ? self::time( $last['at'] ) : __( 'none seen', 'kco-callback-doctor' ),
				'status'     => null !== $last ? (string) $last['status'] : '',
				/* translators: %d: milliseconds. */
				'php_time'   => null !== $last ? sprintf( __( '%d ms', 'kco-callback-doctor' ), $last['durationMs'] ) : '',
				'calls_seen' => (string) $callback['callsSeen'],
			);
		}
		return $rows;
	}

	/**
	 * The columns of the callback table.
	 *
	 * @return string[]
	 */
	private static function callback_columns(): array {
		return array( 'callback', 'used', 'last_call', 'status', 'php_time', 'calls_seen' );
	}

	/**
	 * "2026-03-12 14:05 UTC (3 hours ago)".
	 *
	 * @param string $iso ISO 8601 in UTC.
	 */
	private static function time( string $iso ): string {
		$time = strtotime( $iso );
		if ( false === $time ) {
			return $iso;
		}
		/* translators: 1: date and time in UTC, 2: how long ago, e.g. "3 hours". */
		return sprintf( __( '%1$s UTC (%2$s ago)', 'kco-callback-doctor' ), gmdate( 'Y-m-d H:i', $time ), human_time_diff( $time ) );
	}
}

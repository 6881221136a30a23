<?php
/**
 * What real traffic says: each callback's last real calls, and the orders left stuck.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

use KcoCallbackDoctor\Environment;
use KcoCallbackDoctor\Probe\Catalogue;

defined( 'ABSPATH' ) || exit;

/**
 * The one entry point for every surface that shows real traffic: REST GET /traffic (the page),
 * WP-CLI `wp kco-doctor traffic`, Site Health's debug information, the WooCommerce status
 * report and the daily alert. Facts only, as the rest of the PHP side: the page decides what a
 * status means (src/diagnosis/traffic.ts).
 */
final class TrafficReport {

	/**
	 * The report (types.ts Traffic).
	 *
	 * @return array<string, mixed>
	 */
	public static function summary(): array {
		TrafficLog::begin();
		$log         = TrafficLog::read();
		$now         = time();
		$threshold   = StuckOrders::threshold_minutes();
		$stuck       = StuckOrders::find( $threshold, $log['pushes'], $now );
		$descriptors = Catalogue::descriptors( Catalogue::ids(), Environment::kco() );

		$callbacks = array();
		foreach ( $descriptors as $descriptor ) {
			$callbacks[] = self::callback( $descriptor, $log['callbacks'][ $descriptor['id'] ] ?? null );
		}
		return array(
			'checkedAt'       => self::iso( $now ),
			'monitoringSince' => null !== $log['since'] ? self::iso( $log['since'] ) : null,
			'countsEveryCall' => BetweenWrites::available(),
			'writeIntervalSeconds' => TrafficLog::WRITE_INTERVAL,
			'kcoLogging'      => self::kco_logging(),
			'callbacks'       => $callbacks,
			'stuckOrders'     => array(
				'searched'         => $stuck['searched'],
				'thresholdMinutes' => $threshold,
				'lookBackDays'     => StuckOrders::LOOK_BACK_DAYS,
				'count'            => count( $stuck['orders'] ),
				'more'             => $stuck['more'],
				'orders'           => $stuck['orders'],
			),
		);
	}

	/**
	 * The report, or null when it could not be made (the order search runs other plugins' query
	 * filters): for surfaces that show it beside other things, which must not fail with it.
	 *
	 * @return array<string, mixed>|null
	 */
	public static function safely(): ?array {
		try {
			return self::summary();
		} catch ( \Throwable $error ) {
			error_log( 'Callback Doctor could not read the real traffic: ' . $error->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			return null;
		}
	}

	/**
	 * One callback's traffic (types.ts CallbackTraffic).
	 *
	 * @param array<string, mixed>      $descriptor Catalogue descriptor.
	 * @param array<string, mixed>|null $entry      The log's entry for it.
	 * @return array<string, mixed>
	 */
	private static function callback( array $descriptor, ?array $entry ): array {
		$calls   = null !== $entry ? $entry['calls'] : array();
		$total   = null !== $entry ? $entry['total'] : 0;
		$pending = BetweenWrites::pending( $descriptor['id'] );
		// A call the cache holds is newer than every written one.
		if ( null !== $pending['latest'] && ( array() === $calls || $pending['latest']['at'] > $calls[0]['at'] ) ) {
			array_unshift( $calls, $pending['latest'] );
		}
		return array(
			'endpoint'           => $descriptor['id'],
			'label'              => $descriptor['label'],
			'path'               => $descriptor['path'],
			'usedByInstalledKco' => $descriptor['usedByInstalledKco'],
			'callsSeen'          => $total + $pending['count'],
			'calls'              => array_map(
				static function ( array $call ): array {
					return array(
						'at'         => self::iso( $call['at'] ),
						'status'     => $call['status'],
						'durationMs' => $call['ms'],
					);
				},
				array_slice( $calls, 0, TrafficLog::CALLS_KEPT )
			),
		);
	}

	/**
	 * Whether KCO writes its debug log (setting "Logging", krokedil/klarna-checkout-for-woocommerce
	 * classes/class-kco-fields.php; read by classes/class-kco-logger.php), or null without KCO's
	 * settings.
	 */
	private static function kco_logging(): ?bool {
		$settings = get_option( 'woocommerce_kco_settings', null );
		if ( ! is_array( $settings ) || ! isset( $settings['logging'] ) ) {
			return null;
		}
		return 'yes' === $settings['logging'];
	}

	/**
	 * ISO 8601 in UTC.
	 *
	 * @param int $time Unix time.
	 */
	private static function iso( int $time ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}

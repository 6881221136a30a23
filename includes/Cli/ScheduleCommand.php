<?php
/**
 * `wp kco-doctor schedule`.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\RunHistory;
use KcoCallbackDoctor\Schedule\Scheduler;
use KcoCallbackDoctor\Settings;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * Shows or changes when the doctor checks Klarna's callbacks by itself.
 *
 * Prints the interval, when the next check runs, whether alerts go out by e-mail, and the verdict
 * of the last scheduled check. Scheduled checks need WooCommerce's Action Scheduler.
 *
 * ## OPTIONS
 *
 * [--interval=<interval>]
 * : Change how often the check runs.
 * ---
 * options:
 *   - off
 *   - daily
 *   - hourly
 * ---
 *
 * [--format=<format>]
 * : How to print the schedule.
 * ---
 * default: table
 * options:
 *   - table
 *   - json
 *   - yaml
 * ---
 *
 * ## EXAMPLES
 *
 *     # When is the next check, and what did the last one find?
 *     $ wp kco-doctor schedule
 *
 *     # Check every hour.
 *     $ wp kco-doctor schedule --interval=hourly
 *
 *     # No checks without a browser (and no alerts from them).
 *     $ wp kco-doctor schedule --interval=off
 */
final class ScheduleCommand {

	/**
	 * The command.
	 *
	 * @param string[]              $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args `interval`, `format`.
	 */
	public function __invoke( $args, $assoc_args ): void {
		if ( isset( $assoc_args['interval'] ) ) {
			$updated = Settings::update( array( 'schedule' => (string) $assoc_args['interval'] ) );
			if ( is_wp_error( $updated ) ) {
				\WP_CLI::error( $updated->get_error_message() );
			}
			if ( ! Scheduler::available() ) {
				\WP_CLI::warning( __( 'Saved, but scheduled checks need WooCommerce\'s Action Scheduler: activate WooCommerce for them to run.', 'kco-callback-doctor' ) );
			} else {
				/* translators: %s: off, daily or hourly. */
				\WP_CLI::success( sprintf( __( 'Scheduled checks: %s.', 'kco-callback-doctor' ), $updated['schedule'] ) );
			}
		}

		$schedule = self::schedule();
		$format   = $assoc_args['format'] ?? 'table';
		if ( 'table' !== $format ) {
			\WP_CLI::print_value( $schedule, array( 'format' => $format ) );
			return;
		}
		\WP_CLI\Utils\format_items( 'table', self::rows( $schedule ), array( 'field', 'value' ) );
	}

	/**
	 * The schedule as data (the json and yaml formats).
	 *
	 * @return array<string, mixed>
	 */
	private static function schedule(): array {
		$settings = Settings::get();
		$next     = Scheduler::next_check_at();
		$last     = RunHistory::latest( Doctor::SOURCE_SCHEDULE );
		$verdict  = null === $last ? null : RunVerdict::of( $last );
		return array(
			'interval'           => $settings['schedule'],
			'emailAlerts'        => $settings['emailAlerts'],
			'schedulerAvailable' => Scheduler::available(),
			'nextCheckAt'        => null === $next ? null : gmdate( 'Y-m-d\TH:i:s\Z', $next ),
			'lastScheduledCheck' => null === $last ? null : array(
				'id'        => $last['id'],
				'startedAt' => $last['startedAt'],
				'overall'   => $verdict['overall'],
				'endpoints' => array_map(
					static function ( array $endpoint ): array {
						return array(
							'id'         => $endpoint['id'],
							'state'      => $endpoint['state'],
							'used'       => $endpoint['used'],
							'httpStatus' => $endpoint['httpStatus'],
							'blocker'    => $endpoint['blocker']['productName'] ?? null,
						);
					},
					$verdict['endpoints']
				),
			),
		);
	}

	/**
	 * The schedule as rows of a two-column table, in the owner's words.
	 *
	 * @param array<string, mixed> $schedule As schedule() returns it.
	 * @return array<int, array{field: string, value: string}>
	 */
	private static function rows( array $schedule ): array {
		$never = __( 'none', 'kco-callback-doctor' );
		$rows  = array(
			self::row( __( 'Interval', 'kco-callback-doctor' ), $schedule['interval'] ),
			self::row( __( 'Next check', 'kco-callback-doctor' ), $schedule['nextCheckAt'] ?? ( $schedule['schedulerAvailable'] ? $never : __( 'none: WooCommerce\'s Action Scheduler is not available', 'kco-callback-doctor' ) ) ),
			self::row( __( 'E-mail alerts', 'kco-callback-doctor' ), $schedule['emailAlerts'] ? __( 'on', 'kco-callback-doctor' ) : __( 'off', 'kco-callback-doctor' ) ),
		);
		$last = $schedule['lastScheduledCheck'];
		if ( null === $last ) {
			$rows[] = self::row( __( 'Last scheduled check', 'kco-callback-doctor' ), $never );
			return $rows;
		}
		$rows[] = self::row( __( 'Last scheduled check', 'kco-callback-doctor' ), $last['startedAt'] . ' ' . strtoupper( $last['overall'] ) );
		foreach ( $last['endpoints'] as $endpoint ) {
			$value = $endpoint['state'];
			if ( null !== $endpoint['httpStatus'] ) {
				$value .= ' (HTTP ' . $endpoint['httpStatus'] . ')';
			}
			if ( null !== $endpoint['blocker'] ) {
				$value .= ', ' . $endpoint['blocker'];
			}
			if ( ! $endpoint['used'] ) {
				$value .= ' ' . __( '(not used by the installed KCO)', 'kco-callback-doctor' );
			}
			$rows[] = self::row( '  ' . $endpoint['id'], $value );
		}
		return $rows;
	}

	/**
	 * One table row.
	 *
	 * @param string $field Left column.
	 * @param string $value Right column.
	 * @return array{field: string, value: string}
	 */
	private static function row( string $field, string $value ): array {
		return array(
			'field' => $field,
			'value' => $value,
		);
	}
}

<?php
/**
 * A check Action Scheduler runs: the recurring one or the one after a change.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Schedule;

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Runs the doctor as source `schedule`, so the run is kept apart from the owner's runs
 * (RunHistory's schedule channel). What a run finds is turned into alerts by the
 * `kco_callback_doctor_run_stored` hook, whoever started the run; this class only starts it.
 */
final class ScheduledCheck {

	/**
	 * WooCommerce's log source: WooCommerce → Status → Logs lists the lines under this name.
	 */
	public const LOG_SOURCE = 'kco-callback-doctor';

	/**
	 * The action's callback.
	 */
	public static function run(): void {
		if ( Settings::SCHEDULE_OFF === Settings::schedule() ) {
			// Turned off after this action was queued; sync() cancels the rest.
			self::log( 'info', __( 'Scheduled Callback Doctor check skipped: scheduled checks are turned off.', 'kco-callback-doctor' ) );
			return;
		}
		$run = Doctor::run( Doctor::SOURCE_SCHEDULE );
		if ( ! is_wp_error( $run ) ) {
			return;
		}
		if ( 'kco_callback_doctor_run_in_progress' === $run->get_error_code() ) {
			// Not an error: someone is running the doctor right now, and the next check comes.
			self::log( 'info', __( 'Scheduled Callback Doctor check skipped: another run was in progress.', 'kco-callback-doctor' ) );
			return;
		}
		self::log( 'error', $run->get_error_message() );
		// Action Scheduler marks the action failed and keeps the message in the action's log.
		throw new \RuntimeException( esc_html( $run->get_error_message() ) );
	}

	/**
	 * A line in WooCommerce's log.
	 *
	 * @param string $level   'info' or 'error'.
	 * @param string $message What happened.
	 */
	private static function log( string $level, string $message ): void {
		if ( function_exists( 'wc_get_logger' ) ) {
			wc_get_logger()->log( $level, $message, array( 'source' => self::LOG_SOURCE ) );
		}
	}
}

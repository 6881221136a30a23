<?php
/**
 * The doctor's place in WooCommerce's Action Scheduler.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Schedule;

use KcoCallbackDoctor\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Two actions, both in the group GROUP (so deactivation and uninstall find them by group alone):
 *
 * - RECURRING_HOOK, the daily or hourly check the settings ask for. Its argument names the
 *   interval, so "is the schedule the settings want in place?" is one query, and the owner sees
 *   the interval in Tools → Scheduled Actions;
 * - AFTER_CHANGE_HOOK, one check soon after something that can break a callback changed (an
 *   update, the permalinks, KCO's settings). Scheduled as a unique action: however many changes
 *   come in, at most one such check is pending.
 *
 * Action Scheduler comes with WooCommerce (action-scheduler/functions.php); without it there are
 * no scheduled checks and every method here does nothing.
 */
final class Scheduler {

	public const GROUP = 'kco-callback-doctor';

	public const RECURRING_HOOK = 'kco_callback_doctor_scheduled_check';

	public const AFTER_CHANGE_HOOK = 'kco_callback_doctor_check_after_change';

	/**
	 * Seconds between a change and the check it causes: long enough for a bulk update or a
	 * settings screen saved twice to settle, short enough that the owner still remembers what
	 * they changed.
	 */
	public const AFTER_CHANGE_DELAY = 300;

	/**
	 * Seconds between two scheduled checks, per schedule.
	 */
	private const INTERVALS = array(
		Settings::SCHEDULE_DAILY  => 86400,
		Settings::SCHEDULE_HOURLY => 3600,
	);

	/**
	 * Whether Action Scheduler is loaded and its data store ready. Asking before that makes it
	 * report "called before the data store was initialized".
	 */
	public static function available(): bool {
		return function_exists( 'as_schedule_recurring_action' )
			&& class_exists( 'ActionScheduler', false )
			&& \ActionScheduler::is_initialized();
	}

	/**
	 * Brings the recurring check in line with the settings: the one interval they ask for, or
	 * none when scheduled checks are off (then a pending check after a change goes too).
	 */
	public static function sync(): void {
		if ( ! self::available() ) {
			return;
		}
		$schedule = Settings::schedule();
		foreach ( array_keys( self::INTERVALS ) as $interval ) {
			if ( $interval !== $schedule ) {
				as_unschedule_all_actions( self::RECURRING_HOOK, self::args( $interval ), self::GROUP );
			}
		}
		if ( ! isset( self::INTERVALS[ $schedule ] ) ) {
			as_unschedule_all_actions( self::AFTER_CHANGE_HOOK, array(), self::GROUP );
			return;
		}
		if ( as_has_scheduled_action( self::RECURRING_HOOK, self::args( $schedule ), self::GROUP ) ) {
			return;
		}
		// The first check one interval from now: turning the schedule on is not a reason to probe
		// at once, and sites that turn it on at different times spread over the day.
		$seconds = self::INTERVALS[ $schedule ];
		as_schedule_recurring_action( time() + $seconds, $seconds, self::RECURRING_HOOK, self::args( $schedule ), self::GROUP, true );
	}

	/**
	 * `admin_init`: puts the recurring check back if it went missing (WooCommerce was activated
	 * after this plugin, Action Scheduler's tables were cleared). One query when all is well;
	 * sync() when not.
	 */
	public static function ensure(): void {
		if ( wp_doing_ajax() || ! self::available() ) {
			return;
		}
		$schedule = Settings::schedule();
		if ( isset( self::INTERVALS[ $schedule ] ) && ! as_has_scheduled_action( self::RECURRING_HOOK, self::args( $schedule ), self::GROUP ) ) {
			self::sync();
		}
	}

	/**
	 * Asks for one check soon, unless one is pending already or the owner turned checks off.
	 */
	public static function check_soon(): void {
		if ( ! self::available() || Settings::SCHEDULE_OFF === Settings::schedule() ) {
			return;
		}
		as_schedule_single_action( time() + self::AFTER_CHANGE_DELAY, self::AFTER_CHANGE_HOOK, array(), self::GROUP, true );
	}

	/**
	 * `upgrader_process_complete`: WordPress, a plugin or a theme was updated. Translation
	 * updates change no request path and are left out.
	 *
	 * @param mixed $upgrader   The upgrader (unused).
	 * @param mixed $hook_extra What was upgraded: `type` is core, plugin, theme or translation.
	 */
	public static function after_upgrade( $upgrader, $hook_extra = array() ): void {
		$type = is_array( $hook_extra ) && isset( $hook_extra['type'] ) ? $hook_extra['type'] : '';
		if ( in_array( $type, array( 'core', 'plugin', 'theme' ), true ) ) {
			self::check_soon();
		}
	}

	/**
	 * When the next check runs: the earlier of the recurring one and a check after a change.
	 *
	 * @return int|null Unix time, or null when nothing is pending (or a check is running now).
	 */
	public static function next_check_at(): ?int {
		if ( ! self::available() ) {
			return null;
		}
		$next = null;
		foreach ( array( self::RECURRING_HOOK, self::AFTER_CHANGE_HOOK ) as $hook ) {
			$at = as_next_scheduled_action( $hook, null, self::GROUP );
			if ( is_int( $at ) && ( null === $next || $at < $next ) ) {
				$next = $at;
			}
		}
		return $next;
	}

	/**
	 * Cancels every pending action of the plugin (deactivation).
	 */
	public static function unschedule_all(): void {
		if ( self::available() ) {
			// A group and no hook cancels the whole group (as_unschedule_all_actions()).
			as_unschedule_all_actions( '', array(), self::GROUP );
		}
	}

	/**
	 * The recurring action's arguments for an interval.
	 *
	 * @param string $interval One of Settings::SCHEDULE_DAILY, SCHEDULE_HOURLY.
	 * @return array<string, string>
	 */
	private static function args( string $interval ): array {
		return array( 'interval' => $interval );
	}
}

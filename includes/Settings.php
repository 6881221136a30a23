<?php
/**
 * The owner's choices for the doctor's work without a browser.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * One option, never autoloaded: `{ schedule: 'off'|'daily'|'hourly', emailAlerts: bool }`. Read
 * and written only here, so a stored value from an older version or a hand edit is always read
 * back as a valid one.
 */
final class Settings {

	public const OPTION = 'kco_callback_doctor_settings';

	public const SCHEDULE_OFF    = 'off';
	public const SCHEDULE_DAILY  = 'daily';
	public const SCHEDULE_HOURLY = 'hourly';

	/**
	 * The defaults: a daily check, and an email when a callback stops (or starts again) passing.
	 */
	private const DEFAULTS = array(
		'schedule'    => self::SCHEDULE_DAILY,
		'emailAlerts' => true,
	);

	/**
	 * Every schedule the owner can choose.
	 *
	 * @return string[]
	 */
	public static function schedules(): array {
		return array( self::SCHEDULE_OFF, self::SCHEDULE_DAILY, self::SCHEDULE_HOURLY );
	}

	/**
	 * The settings in force.
	 *
	 * @return array{schedule: string, emailAlerts: bool}
	 */
	public static function get(): array {
		$stored = get_option( self::OPTION, array() );
		return self::normalise( is_array( $stored ) ? $stored : array() );
	}

	/**
	 * How often the scheduled check runs.
	 */
	public static function schedule(): string {
		return self::get()['schedule'];
	}

	/**
	 * Whether a change in the callbacks' state is also sent by email.
	 */
	public static function email_alerts(): bool {
		return self::get()['emailAlerts'];
	}

	/**
	 * Changes some settings; fields left out keep their value.
	 *
	 * @param array<string, mixed> $changes Any of `schedule`, `emailAlerts`.
	 * @return array{schedule: string, emailAlerts: bool}|\WP_Error The settings now in force, or
	 *   'kco_callback_doctor_invalid_settings' (400) naming the first bad field.
	 */
	public static function update( array $changes ) {
		$invalid = self::invalid_field( $changes );
		if ( null !== $invalid ) {
			return $invalid;
		}
		$settings = array_merge( self::get(), array_intersect_key( $changes, self::DEFAULTS ) );
		// The option hooks (wired in plugin.php) bring the schedule in line with the new value.
		if ( false === get_option( self::OPTION, false ) ) {
			add_option( self::OPTION, $settings, '', false );
		} else {
			update_option( self::OPTION, $settings, false );
		}
		return self::get();
	}

	/**
	 * The error for the first field that is unknown or has a value of the wrong kind, or null.
	 *
	 * @param array<string, mixed> $changes Fields to check.
	 */
	private static function invalid_field( array $changes ): ?\WP_Error {
		foreach ( $changes as $field => $value ) {
			if ( 'schedule' === $field && is_string( $value ) && in_array( $value, self::schedules(), true ) ) {
				continue;
			}
			if ( 'emailAlerts' === $field && is_bool( $value ) ) {
				continue;
			}
			if ( ! array_key_exists( $field, self::DEFAULTS ) ) {
				/* translators: 1: setting name, 2: the known settings. */
				$message = sprintf( __( 'There is no setting "%1$s". Known settings: %2$s.', 'kco-callback-doctor' ), $field, implode( ', ', array_keys( self::DEFAULTS ) ) );
			} else {
				$allowed = 'schedule' === $field ? implode( ', ', self::schedules() ) : 'true, false';
				/* translators: 1: setting name, 2: the allowed values. */
				$message = sprintf( __( 'The setting "%1$s" must be one of: %2$s.', 'kco-callback-doctor' ), $field, $allowed );
			}
			return new \WP_Error( 'kco_callback_doctor_invalid_settings', $message, array( 'status' => 400 ) );
		}
		return null;
	}

	/**
	 * A stored value with every field present and valid; anything else falls back to the default.
	 *
	 * @param array<string, mixed> $stored As found in the option.
	 * @return array{schedule: string, emailAlerts: bool}
	 */
	private static function normalise( array $stored ): array {
		$schedule = $stored['schedule'] ?? null;
		$email    = $stored['emailAlerts'] ?? null;
		return array(
			'schedule'    => is_string( $schedule ) && in_array( $schedule, self::schedules(), true ) ? $schedule : self::DEFAULTS['schedule'],
			'emailAlerts' => is_bool( $email ) ? $email : self::DEFAULTS['emailAlerts'],
		);
	}
}

<?php
/**
 * What the alerts remember between runs.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

defined( 'ABSPATH' ) || exit;

/**
 * One option, never autoloaded:
 *
 * - `endpoints`: per callback, whether it was failing at the last run that could tell, since
 *   when, and what answered (Transition);
 * - `alert`: the last change announced (`id`, `kind` failure|recovery, `changed` ids, `runId`,
 *   `raisedAt`), shown as the admin notice and the Inbox note until dismissed;
 * - `email`: when the last e-mail went out and which callbacks it reported failing.
 *
 * Written only from the `kco_callback_doctor_run_stored` hook, which fires while the run lock is
 * held: one writer at a time.
 */
final class AlertState {

	public const OPTION = 'kco_callback_doctor_alerts';

	/**
	 * The state, with every part present.
	 *
	 * @return array{endpoints: array<string, array<string, mixed>>, alert: array<string, mixed>|null, email: array{sentAt: string|null, failing: string[]}}
	 */
	public static function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		$email  = isset( $stored['email'] ) && is_array( $stored['email'] ) ? $stored['email'] : array();
		return array(
			'endpoints' => isset( $stored['endpoints'] ) && is_array( $stored['endpoints'] ) ? $stored['endpoints'] : array(),
			'alert'     => isset( $stored['alert'] ) && is_array( $stored['alert'] ) && isset( $stored['alert']['id'] ) ? $stored['alert'] : null,
			'email'     => array(
				'sentAt'  => isset( $email['sentAt'] ) && is_string( $email['sentAt'] ) ? $email['sentAt'] : null,
				'failing' => isset( $email['failing'] ) && is_array( $email['failing'] ) ? array_values( array_map( 'strval', $email['failing'] ) ) : array(),
			),
		);
	}

	/**
	 * Stores the state.
	 *
	 * @param array<string, mixed> $state As get() returns it.
	 */
	public static function save( array $state ): void {
		if ( false === get_option( self::OPTION, false ) ) {
			add_option( self::OPTION, $state, '', false );
			return;
		}
		update_option( self::OPTION, $state, false );
	}
}

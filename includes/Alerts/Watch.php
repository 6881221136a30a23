<?php
/**
 * Turns each stored run into alerts when a callback changed between passing and failing.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Settings;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * Listens to `kco_callback_doctor_run_stored` (any source: page, schedule, WP-CLI). A change is
 * announced once: the admin notice and the Inbox note are replaced by the new alert and left
 * alone by runs that change nothing; the e-mail follows EmailPolicy.
 */
final class Watch {

	/**
	 * The hook's callback.
	 *
	 * @param array<string, mixed> $run The stored run.
	 */
	public static function after_run( $run ): void {
		if ( ! is_array( $run ) || ! isset( $run['id'], $run['startedAt'] ) ) {
			return;
		}
		try {
			self::remember( $run );
		} catch ( \Throwable $thrown ) {
			// The run itself is stored and answered; an alert that failed must not undo that.
			if ( function_exists( 'wc_get_logger' ) ) {
				wc_get_logger()->error( 'Callback Doctor alerts: ' . $thrown->getMessage(), array( 'source' => 'kco-callback-doctor' ) );
			}
		}
	}

	/**
	 * Updates the remembered state and announces what changed.
	 *
	 * @param array<string, mixed> $run The stored run.
	 */
	private static function remember( array $run ): void {
		$state  = AlertState::get();
		$result = Transition::apply( $state['endpoints'], RunVerdict::of( $run ), (string) $run['startedAt'], (string) $run['id'] );
		// A wholly inconclusive run says nothing about the callbacks: they stay as remembered.
		$remembered = $result['judged'] ? $result['remembered'] : $state['endpoints'];
		$changed    = $result['judged'] ? $result['changed'] : array();
		// Klarna orders left stuck are looked at with every run, whatever the run could tell.
		$stuck = StuckOrdersAlert::apply( $remembered, StuckOrdersAlert::now(), (string) $run['startedAt'], (string) $run['id'] );
		if ( $stuck['changed'] ) {
			$changed[] = StuckOrdersAlert::ID;
		}
		if ( ! $result['judged'] && ! $stuck['changed'] ) {
			return;
		}
		$result['changed']  = $changed;
		$state['endpoints'] = $stuck['remembered'];
		if ( ! empty( $result['changed'] ) ) {
			$state['alert'] = self::alert( $result['changed'], $state['endpoints'], $run );
		}
		AlertState::save( $state );

		if ( ! empty( $result['changed'] ) ) {
			InboxNote::publish( $state );
		}
		$failing = Transition::failing_ids( $state['endpoints'] );
		if ( Settings::email_alerts() && EmailPolicy::due( $state['email'], $failing, time() ) && AlertEmail::send( $state ) ) {
			$state['email'] = array(
				'sentAt'  => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'failing' => $failing,
			);
			AlertState::save( $state );
		}
	}

	/**
	 * A new alert: a failure when a callback started failing, else a recovery.
	 *
	 * @param string[]                            $changed    Ids that flipped.
	 * @param array<string, array<string, mixed>> $remembered The new remembered state.
	 * @param array<string, mixed>                $run        The run that showed it.
	 * @return array<string, mixed>
	 */
	private static function alert( array $changed, array $remembered, array $run ): array {
		$failed = array_filter(
			$changed,
			static function ( string $id ) use ( $remembered ): bool {
				return ! empty( $remembered[ $id ]['failing'] );
			}
		);
		return array(
			'id'       => wp_generate_uuid4(),
			'kind'     => empty( $failed ) ? AlertText::RECOVERY : AlertText::FAILURE,
			'changed'  => array_values( $changed ),
			'runId'    => (string) $run['id'],
			'raisedAt' => (string) $run['startedAt'],
		);
	}
}

<?php
/**
 * When an alert e-mail may go out.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

defined( 'ABSPATH' ) || exit;

/**
 * Pure. At most one e-mail a day, and only when the callbacks failing now are not the ones the
 * last e-mail reported. A change inside the day is not lost: the first run after the day is over
 * sends the state of that moment, so a callback that fails and recovers every hour costs the
 * owner one e-mail a day, not forty-eight.
 */
final class EmailPolicy {

	public const MIN_SECONDS_BETWEEN = 86400;

	/**
	 * Whether to send an e-mail now.
	 *
	 * @param array{sentAt: string|null, failing: string[]} $email       AlertState's `email`.
	 * @param string[]                                      $failing_now Ids failing now.
	 * @param int                                           $now         Unix time.
	 */
	public static function due( array $email, array $failing_now, int $now ): bool {
		$reported = $email['failing'];
		sort( $reported );
		sort( $failing_now );
		if ( $reported === $failing_now ) {
			return false;
		}
		if ( null === $email['sentAt'] ) {
			return true;
		}
		$sent_at = strtotime( $email['sentAt'] );
		return false === $sent_at || $now - $sent_at >= self::MIN_SECONDS_BETWEEN;
	}
}

<?php
/**
 * The alert by e-mail.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Admin\Page;

defined( 'ABSPATH' ) || exit;

/**
 * A plain-text e-mail to the site's admin address (or whoever the
 * `kco_callback_doctor_alert_recipients` filter names): what fails now, what recovered since the
 * last e-mail, since when, the blocker when a diagnosis named it, and the link to the page.
 * Whether one is due is EmailPolicy's decision, not this class's.
 */
final class AlertEmail {

	/**
	 * Sends the e-mail; false when there is no valid recipient or wp_mail() failed.
	 *
	 * @param array<string, mixed> $state AlertState::get().
	 */
	public static function send( array $state ): bool {
		$recipients = self::recipients();
		if ( empty( $recipients ) ) {
			return false;
		}
		$text = AlertText::of_email( $state );
		$site = wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES );
		$body = array_merge(
			array( $text['headline'], '' ),
			array_map(
				static function ( string $line ): string {
					return '- ' . $line;
				},
				$text['lines']
			),
			array( '' ),
			AlertText::FAILURE === $text['kind'] ? array( AlertText::advice() ) : array(),
			array(
				Page::url(),
				'',
				__( 'You receive at most one such e-mail a day. To stop them, turn off e-mail alerts in the Callback Doctor\'s settings.', 'kco-callback-doctor' ),
			)
		);
		/* translators: 1: site name, 2: one sentence saying what changed. */
		$subject = sprintf( __( '[%1$s] %2$s', 'kco-callback-doctor' ), $site, $text['headline'] );
		return wp_mail( $recipients, $subject, implode( "\n", $body ) );
	}

	/**
	 * Valid addresses to send to.
	 *
	 * @return string[]
	 */
	private static function recipients(): array {
		/**
		 * Filters who receives the Callback Doctor's alert e-mails.
		 *
		 * @param string[] $recipients Default: the site's admin address (Settings → General).
		 */
		$recipients = apply_filters( 'kco_callback_doctor_alert_recipients', array( (string) get_option( 'admin_email' ) ) );
		return array_values( array_filter( array_map( 'strval', (array) $recipients ), 'is_email' ) );
	}
}

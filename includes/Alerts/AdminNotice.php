<?php
/**
 * The alert on admin screens.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Capability;

defined( 'ABSPATH' ) || exit;

/**
 * Shown to users who may run the doctor until they dismiss it. Dismissal is per user and per
 * alert (user meta holding the dismissed alert's id), so a new alert shows again to everyone,
 * and dismissing never writes to the alert state a run may be writing at the same moment.
 */
final class AdminNotice {

	public const DISMISS_ACTION = 'kco_callback_doctor_dismiss_alert';

	public const DISMISSED_META = \KcoCallbackDoctor\StoredData::DISMISSED_ALERT_META;

	/**
	 * `admin_notices`.
	 */
	public static function render(): void {
		if ( ! Capability::current_user_can() || self::on_doctor_page() ) {
			return;
		}
		$state = AlertState::get();
		if ( null === $state['alert'] || self::dismissed( (string) $state['alert']['id'] ) ) {
			return;
		}
		$text    = AlertText::of_alert( $state );
		$failure = AlertText::FAILURE === $text['kind'];
		$dismiss = wp_nonce_url(
			add_query_arg(
				array(
					'action' => self::DISMISS_ACTION,
					'alert'  => $state['alert']['id'],
				),
				admin_url( 'admin-post.php' )
			),
			self::DISMISS_ACTION
		);
		printf( '<div class="notice %s kco-callback-doctor-alert">', $failure ? 'notice-error' : 'notice-success' );
		printf( '<p><strong>%s</strong></p>', esc_html( $text['headline'] ) );
		if ( ! empty( $text['lines'] ) ) {
			echo '<ul>';
			foreach ( $text['lines'] as $line ) {
				printf( '<li>%s</li>', esc_html( $line ) );
			}
			echo '</ul>';
		}
		printf(
			'<p><a class="button button-primary" href="%1$s">%2$s</a> <a class="button" href="%3$s">%4$s</a></p>',
			esc_url( Page::url() ),
			esc_html__( 'Open the Callback Doctor', 'kco-callback-doctor' ),
			esc_url( $dismiss ),
			esc_html__( 'Dismiss', 'kco-callback-doctor' )
		);
		echo '</div>';
	}

	/**
	 * `admin_post_kco_callback_doctor_dismiss_alert`: the notice's nonce'd dismiss link.
	 */
	public static function dismiss(): void {
		check_admin_referer( self::DISMISS_ACTION );
		if ( ! Capability::current_user_can() ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to dismiss this notice.', 'kco-callback-doctor' ), '', array( 'response' => 403 ) );
		}
		$alert = isset( $_GET['alert'] ) ? sanitize_text_field( wp_unslash( $_GET['alert'] ) ) : '';
		if ( ! wp_is_uuid( $alert ) ) {
			wp_die( esc_html__( 'This link does not name a notice to dismiss.', 'kco-callback-doctor' ), '', array( 'response' => 400 ) );
		}
		update_user_meta( get_current_user_id(), self::DISMISSED_META, $alert );
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url() );
		exit;
	}

	/**
	 * The doctor's own page shows the results themselves; the notice would only repeat them.
	 */
	private static function on_doctor_page(): bool {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		return null !== $screen && false !== strpos( (string) $screen->id, Page::SLUG );
	}

	/**
	 * Whether the current user dismissed this alert.
	 *
	 * @param string $alert_id The alert's id.
	 */
	private static function dismissed( string $alert_id ): bool {
		return get_user_meta( get_current_user_id(), self::DISMISSED_META, true ) === $alert_id;
	}
}

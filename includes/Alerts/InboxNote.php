<?php
/**
 * The alert in WooCommerce's Inbox.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use Automattic\WooCommerce\Admin\Notes\Note;
use Automattic\WooCommerce\Admin\Notes\Notes;
use KcoCallbackDoctor\Admin\Page;

defined( 'ABSPATH' ) || exit;

/**
 * One note named NAME at most: a new alert deletes the previous note and adds a fresh one, so
 * it shows as unread even where the owner had dismissed the last one, and the Inbox never holds
 * a stale failure next to the recovery that followed it.
 */
final class InboxNote {

	public const NAME = \KcoCallbackDoctor\StoredData::INBOX_NOTE_NAME;

	/**
	 * Replaces the note with one for the current alert.
	 *
	 * @param array<string, mixed> $state AlertState::get(), with an alert.
	 */
	public static function publish( array $state ): void {
		if ( ! class_exists( Note::class ) || ! class_exists( Notes::class ) || null === $state['alert'] ) {
			return;
		}
		try {
			self::replace( $state );
		} catch ( \Exception $unavailable ) {
			// WooCommerce's admin (and its Inbox) can be turned off by a filter; the notice and
			// the e-mail still go out.
			return;
		}
	}

	/**
	 * Deletes the note and adds the new one.
	 *
	 * @param array<string, mixed> $state AlertState::get(), with an alert.
	 */
	private static function replace( array $state ): void {
		$text = AlertText::of_alert( $state );
		Notes::delete_notes_with_name( self::NAME );

		$note = new Note();
		$note->set_name( self::NAME );
		$note->set_source( 'kco-callback-doctor' );
		$note->set_type( AlertText::FAILURE === $text['kind'] ? Note::E_WC_ADMIN_NOTE_ERROR : Note::E_WC_ADMIN_NOTE_INFORMATIONAL );
		$note->set_title( $text['headline'] );
		// The Inbox shows the content as limited HTML (wp_kses'd by WooCommerce); ours is text.
		$note->set_content( esc_html( implode( ' ', array_merge( $text['lines'], AlertText::FAILURE === $text['kind'] ? array( AlertText::advice() ) : array() ) ) ) );
		$note->set_content_data( (object) array( 'alertId' => $state['alert']['id'] ) );
		$note->add_action( 'open-callback-doctor', __( 'Open the Callback Doctor', 'kco-callback-doctor' ), Page::url(), Note::E_WC_ADMIN_NOTE_UNACTIONED );
		$note->save();
	}
}

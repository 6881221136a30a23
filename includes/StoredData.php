<?php
/**
 * Everything the plugin stores, and how to erase it.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin keeps its data in options named with one prefix (the run history and its index,
 * the run lock, the used probe tokens), and its scheduled actions in one Action Scheduler group
 * (Lifecycle::ACTION_GROUP). Whatever is added later under the same prefix is erased too, so
 * uninstalling never needs a list of names that could fall behind the code.
 */
final class StoredData {

	/**
	 * Prefix of every option, transient and network option the plugin writes.
	 */
	public const PREFIX = 'kco_callback_doctor';

	/**
	 * User meta that remembers which alert a user dismissed (Alerts\AdminNotice). Named here,
	 * not there, because uninstall runs without the plugin's autoloader.
	 */
	public const DISMISSED_ALERT_META = 'kco_callback_doctor_dismissed_alert';

	/**
	 * Name of the WooCommerce Inbox note the alerts keep up to date (Alerts\InboxNote).
	 */
	public const INBOX_NOTE_NAME = 'kco-callback-doctor-callbacks';

	/**
	 * How option names carry a transient; a transient of the plugin is `{prefix}{PREFIX}…`.
	 */
	private const TRANSIENT_PREFIXES = array( '', '_transient_', '_transient_timeout_', '_site_transient_', '_site_transient_timeout_' );

	/**
	 * Erases the current site's options and transients of the plugin, and its Action Scheduler
	 * actions (pending ones are cancelled first by Lifecycle::unschedule_all()).
	 */
	public static function erase_site(): void {
		global $wpdb;
		foreach ( self::names( $wpdb->options, 'option_name' ) as $name ) {
			// delete_option() also drops the name from the object cache and from `alloptions`.
			delete_option( $name );
		}
		self::erase_actions();
		self::erase_alert_traces();
	}

	/**
	 * Erases what the alerts left outside the options table: each user's dismissal (user meta,
	 * shared by the network, so erasing it again on the next site is harmless) and the
	 * WooCommerce Inbox note.
	 */
	private static function erase_alert_traces(): void {
		delete_metadata( 'user', 0, self::DISMISSED_ALERT_META, '', true );
		global $wpdb;
		$notes_table = $wpdb->prefix . 'wc_admin_notes';
		// Sites where WooCommerce never ran have no Inbox table; asking it would be a database error.
		if ( ! class_exists( \Automattic\WooCommerce\Admin\Notes\Notes::class )
			|| $notes_table !== $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $notes_table ) ) ) ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			return;
		}
		try {
			\Automattic\WooCommerce\Admin\Notes\Notes::delete_notes_with_name( self::INBOX_NOTE_NAME );
		} catch ( \Throwable $thrown ) {
			// A site whose WooCommerce never created its Inbox tables has no note to remove.
			unset( $thrown );
		}
	}

	/**
	 * Erases the network's options and site transients of the plugin (multisite only).
	 */
	public static function erase_network(): void {
		global $wpdb;
		if ( ! is_multisite() ) {
			return;
		}
		foreach ( self::names( $wpdb->sitemeta, 'meta_key' ) as $name ) {
			delete_site_option( $name );
		}
	}

	/**
	 * Names in $table's $column that belong to the plugin.
	 *
	 * @param string $table  Table name (from $wpdb, never user input).
	 * @param string $column Column holding the name.
	 * @return string[]
	 */
	private static function names( string $table, string $column ): array {
		global $wpdb;
		$where = array();
		$args  = array();
		foreach ( self::TRANSIENT_PREFIXES as $prefix ) {
			$where[] = "{$column} LIKE %s";
			$args[]  = $wpdb->esc_like( $prefix . self::PREFIX ) . '%';
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery -- table and column are $wpdb's own names.
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT {$column} FROM {$table} WHERE " . implode( ' OR ', $where ), $args ) );
		return array_map( 'strval', (array) $names );
	}

	/**
	 * Deletes the plugin's Action Scheduler actions in every status (their logs go with them:
	 * Action Scheduler's logger clears an action's logs on `action_scheduler_deleted_action`).
	 */
	private static function erase_actions(): void {
		if ( ! function_exists( 'as_get_scheduled_actions' ) || ! class_exists( 'ActionScheduler', false ) || ! Lifecycle::action_scheduler_ready() ) {
			return;
		}
		$store = \ActionScheduler::store();
		do {
			$ids     = as_get_scheduled_actions(
				array(
					'group'    => Lifecycle::ACTION_GROUP,
					'status'   => '',
					'per_page' => 100,
				),
				'ids'
			);
			$deleted = 0;
			foreach ( $ids as $id ) {
				try {
					$store->delete_action( (string) $id );
					++$deleted;
				} catch ( \Exception $gone ) {
					// Deleted meanwhile by another process (the store says so by throwing).
					continue;
				}
			}
		} while ( $deleted > 0 );
	}
}

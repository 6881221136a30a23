<?php
/**
 * What happens when the plugin is deactivated or deleted.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * The single place that knows how the plugin schedules work, so that deactivation and uninstall
 * leave nothing behind:
 *
 * - every Action Scheduler action of the plugin is scheduled in the group ACTION_GROUP;
 * - every WP-Cron hook of the plugin starts with CRON_HOOK_PREFIX.
 *
 * Code that schedules something uses these two constants, and then needs no cleanup of its own.
 */
final class Lifecycle {

	/**
	 * Action Scheduler group of every action the plugin schedules.
	 */
	public const ACTION_GROUP = 'kco-callback-doctor';

	/**
	 * Prefix of every WP-Cron hook the plugin schedules.
	 */
	public const CRON_HOOK_PREFIX = 'kco_callback_doctor';

	/**
	 * The deactivation hook (wired in plugin.php). Deactivated for the whole network, the plugin
	 * stops on every site, so its schedules go on every site.
	 *
	 * @param bool $network_wide Whether the plugin was deactivated for the whole network.
	 */
	public static function deactivate( $network_wide = false ): void {
		if ( is_multisite() && $network_wide ) {
			self::on_every_site( array( self::class, 'unschedule_all' ) );
			return;
		}
		self::unschedule_all();
	}

	/**
	 * Everything uninstall.php does: schedules and stored data gone from every site, then the
	 * network's own data.
	 */
	public static function uninstall(): void {
		$erase_site = static function (): void {
			self::unschedule_all();
			StoredData::erase_site();
		};
		if ( ! is_multisite() ) {
			$erase_site();
			return;
		}
		self::on_every_site( $erase_site );
		StoredData::erase_network();
	}

	/**
	 * Cancels the plugin's pending Action Scheduler actions and removes its WP-Cron events on
	 * the current site.
	 */
	public static function unschedule_all(): void {
		if ( function_exists( 'as_unschedule_all_actions' ) && self::action_scheduler_ready() ) {
			// With a group and no hook, Action Scheduler cancels every pending action of the group
			// (action-scheduler/functions.php, as_unschedule_all_actions()).
			as_unschedule_all_actions( '', array(), self::ACTION_GROUP );
		}
		foreach ( self::cron_hooks() as $hook ) {
			// wp_unschedule_hook() removes the hook's events whatever their arguments;
			// wp_clear_scheduled_hook() would only remove those scheduled without arguments.
			wp_unschedule_hook( $hook );
		}
	}

	/**
	 * Whether Action Scheduler can be asked about this site. Its tables are per site
	 * (ActionScheduler_Abstract_Schema::register_tables() adds them to $wpdb->tables, so
	 * switch_to_blog() retargets them); on a site of a network where WooCommerce never ran they
	 * do not exist, and a query would print a database error instead of finding nothing.
	 */
	public static function action_scheduler_ready(): bool {
		global $wpdb;
		if ( empty( $wpdb->actionscheduler_actions ) ) {
			// Not the database store (an old posts-based store): it lives in wp_posts, which exists.
			return true;
		}
		$table = (string) $wpdb->actionscheduler_actions;
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * WP-Cron hooks of the plugin that have events on the current site.
	 *
	 * @return string[]
	 */
	private static function cron_hooks(): array {
		$hooks = array();
		foreach ( (array) _get_cron_array() as $events ) {
			foreach ( array_keys( (array) $events ) as $hook ) {
				if ( 0 === strpos( (string) $hook, self::CRON_HOOK_PREFIX ) ) {
					$hooks[ $hook ] = true;
				}
			}
		}
		return array_keys( $hooks );
	}

	/**
	 * Runs $callback once in the context of every site of the network.
	 *
	 * @param callable $callback Work to do per site.
	 */
	private static function on_every_site( callable $callback ): void {
		$site_ids = get_sites(
			array(
				'fields'                 => 'ids',
				'number'                 => 0,
				'update_site_meta_cache' => false,
			)
		);
		foreach ( $site_ids as $site_id ) {
			switch_to_blog( (int) $site_id );
			try {
				$callback();
			} finally {
				restore_current_blog();
			}
		}
	}
}

<?php
/**
 * One doctor run at a time per site.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * Two runs at once would compete for the same PHP workers and falsify each other's timings. The
 * lock is a row in the options table, taken with INSERT IGNORE (atomic on the unique
 * option_name), holding its expiry: a run that crashed leaves a lock that the next run breaks once
 * that moment has passed.
 */
final class RunLock {

	private const OPTION = 'kco_callback_doctor_run_lock';

	/**
	 * Value of the lock this request holds, or null.
	 *
	 * @var string|null
	 */
	private $held = null;

	/**
	 * Takes the lock for at most $seconds; false when another run holds it.
	 *
	 * @param int $seconds How long the lock may be held before it counts as abandoned.
	 */
	public function acquire( int $seconds ): bool {
		$value = ( time() + $seconds ) . ':' . bin2hex( random_bytes( 8 ) );
		if ( $this->insert( $value ) ) {
			$this->held = $value;
			return true;
		}
		$current = $this->current();
		if ( null === $current || (int) strtok( $current, ':' ) >= time() ) {
			return false;
		}
		// Abandoned: remove exactly that stale row (another request may be doing the same), then
		// compete for the lock once more.
		$this->delete( $current );
		if ( $this->insert( $value ) ) {
			$this->held = $value;
			return true;
		}
		return false;
	}

	/**
	 * Releases the lock if this request holds it.
	 */
	public function release(): void {
		if ( null === $this->held ) {
			return;
		}
		$this->delete( $this->held );
		$this->held = null;
	}

	/**
	 * Inserts the lock row unless one exists.
	 *
	 * @param string $value Expiry and owner.
	 */
	private function insert( string $value ): bool {
		global $wpdb;
		$inserted = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prepare(
				"INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')",
				self::OPTION,
				$value
			)
		);
		return 1 === $inserted;
	}

	/**
	 * The lock row's value, read past any object cache.
	 */
	private function current(): ?string {
		global $wpdb;
		$value = $wpdb->get_var( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION )
		);
		return null === $value ? null : (string) $value;
	}

	/**
	 * Deletes the lock row only if it still has this value.
	 *
	 * @param string $value Expected value.
	 */
	private function delete( string $value ): void {
		global $wpdb;
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s", self::OPTION, $value )
		);
	}
}

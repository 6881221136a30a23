<?php
/**
 * A named lock in the database server that costs no write.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * MySQL's and MariaDB's GET_LOCK(): atomic, held by the connection, gone when the request ends
 * even if it dies, and it writes nothing. The heartbeat takes it without waiting, so a burst of
 * callbacks never queues behind it: whoever does not get it simply does not write.
 *
 * Where the database has no GET_LOCK (an SQLite drop-in) the answer is neither 1 nor 0; the lock
 * then counts as taken, and writes are throttled by the stored time alone.
 */
final class DatabaseLock {

	/**
	 * Lock name, unique per site: the server's locks are shared by every database on it.
	 *
	 * @var string
	 */
	private $name;

	/**
	 * Whether this request holds the lock.
	 *
	 * @var bool
	 */
	private $held = false;

	/**
	 * A lock for one purpose of this site.
	 *
	 * @param string $purpose Short name, e.g. `traffic`.
	 */
	public function __construct( string $purpose ) {
		global $wpdb;
		// MySQL limits lock names to 64 characters.
		$this->name = 'kcd-' . $purpose . '-' . md5( DB_NAME . '|' . $wpdb->options );
		$this->name = substr( $this->name, 0, 64 );
	}

	/**
	 * Takes the lock if nobody holds it; never waits.
	 */
	public function take(): bool {
		global $wpdb;
		// A database without GET_LOCK must not print an error into a callback's answer.
		$suppressed = $wpdb->suppress_errors();
		$answer     = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, 0)', $this->name ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->suppress_errors( $suppressed );
		if ( '0' === $answer ) {
			return false;
		}
		$this->held = '1' === $answer;
		return true;
	}

	/**
	 * Gives the lock back if this request holds it.
	 */
	public function release(): void {
		global $wpdb;
		if ( ! $this->held ) {
			return;
		}
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $this->name ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$this->held = false;
	}
}

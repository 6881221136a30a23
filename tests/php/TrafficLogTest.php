<?php
/**
 * TrafficLog and BetweenWrites: what the heartbeat keeps, and how seldom it writes.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Traffic\BetweenWrites;
use KcoCallbackDoctor\Traffic\KlarnaOrderFingerprint;
use KcoCallbackDoctor\Traffic\TrafficLog;
use PHPUnit\Framework\TestCase;

/**
 * Runs against the stack's real options table; the option is saved before and restored after
 * every test.
 */
final class TrafficLogTest extends TestCase {

	/**
	 * The option's value before the test, or null.
	 *
	 * @var mixed
	 */
	private $saved;

	/**
	 * Writes of the option during the test.
	 *
	 * @var int
	 */
	private $writes = 0;

	/**
	 * Counts a write.
	 *
	 * @var callable
	 */
	private $count_write;

	protected function setUp(): void {
		$this->saved = get_option( TrafficLog::OPTION, null );
		delete_option( TrafficLog::OPTION );
		$this->writes      = 0;
		$this->count_write = function (): void {
			++$this->writes;
		};
		add_action( 'add_option_' . TrafficLog::OPTION, $this->count_write );
		add_action( 'update_option_' . TrafficLog::OPTION, $this->count_write );
	}

	protected function tearDown(): void {
		remove_action( 'add_option_' . TrafficLog::OPTION, $this->count_write );
		remove_action( 'update_option_' . TrafficLog::OPTION, $this->count_write );
		wp_using_ext_object_cache( false );
		wp_cache_flush();
		delete_option( TrafficLog::OPTION );
		if ( null !== $this->saved ) {
			add_option( TrafficLog::OPTION, $this->saved, '', false );
		}
	}

	/**
	 * A recorded call.
	 *
	 * @param int $at     Unix time.
	 * @param int $status HTTP status.
	 * @return array{at: int, status: int, ms: int}
	 */
	private static function call( int $at, int $status = 200 ): array {
		return array(
			'at'     => $at,
			'status' => $status,
			'ms'     => 250,
		);
	}

	public function test_writes_a_callback_at_most_once_a_minute(): void {
		$start = time() - 600;

		TrafficLog::note( 'push', self::call( $start ), null );
		TrafficLog::note( 'push', self::call( $start + 30, 500 ), null );
		TrafficLog::note( 'push', self::call( $start + 59 ), null );

		$this->assertSame( 1, $this->writes );
		$this->assertSame( array( self::call( $start ) ), TrafficLog::read()['callbacks']['push']['calls'] );

		TrafficLog::note( 'push', self::call( $start + 60 ), null );

		$this->assertSame( 2, $this->writes );
		$this->assertSame( array( $start + 60, $start ), array_column( TrafficLog::read()['callbacks']['push']['calls'], 'at' ) );
	}

	public function test_throttles_each_callback_on_its_own(): void {
		$start = time() - 600;

		TrafficLog::note( 'push', self::call( $start ), null );
		TrafficLog::note( 'block-validate', self::call( $start + 1 ), null );
		TrafficLog::note( 'block-validation', self::call( $start + 2, 303 ), null );

		$this->assertSame( 3, $this->writes );
		$this->assertSame( array( 'push', 'block-validate', 'block-validation' ), array_keys( TrafficLog::read()['callbacks'] ) );
	}

	public function test_does_not_write_while_another_request_holds_the_lock(): void {
		global $wpdb;
		$other = new \wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$name  = substr( 'kcd-traffic-' . md5( DB_NAME . '|' . $wpdb->options ), 0, 64 );
		$this->assertSame( '1', $other->get_var( $other->prepare( 'SELECT GET_LOCK(%s, 0)', $name ) ) );
		try {
			TrafficLog::note( 'push', self::call( time() ), null );
		} finally {
			$other->query( $other->prepare( 'SELECT RELEASE_LOCK(%s)', $name ) );
			$other->close();
		}

		$this->assertSame( 0, $this->writes );

		TrafficLog::note( 'push', self::call( time() ), null );
		$this->assertSame( 1, $this->writes );
	}

	public function test_keeps_the_last_calls_newest_first_and_counts_every_one(): void {
		$log = TrafficLog::read();
		for ( $minute = 0; $minute < TrafficLog::CALLS_KEPT + 3; $minute++ ) {
			$log = TrafficLog::with_call(
				$log,
				'push',
				self::call( 1000 + 60 * $minute ),
				null,
				array(
					'count'  => 0,
					'latest' => null,
				)
			);
		}

		$calls = $log['callbacks']['push']['calls'];
		$this->assertCount( TrafficLog::CALLS_KEPT, $calls );
		$this->assertSame( 1000 + 60 * ( TrafficLog::CALLS_KEPT + 2 ), $calls[0]['at'] );
		$this->assertSame( TrafficLog::CALLS_KEPT + 3, $log['callbacks']['push']['total'] );
		$this->assertSame( 1000, $log['since'] );
	}

	public function test_remembers_the_orders_of_the_last_pushes_once_each(): void {
		$log = TrafficLog::read();
		$new = array(
			'count'  => 0,
			'latest' => null,
		);
		for ( $order = 0; $order < TrafficLog::PUSHES_KEPT + 5; $order++ ) {
			$log = TrafficLog::with_call( $log, 'push', self::call( 1000 + $order ), KlarnaOrderFingerprint::of( 'order-' . $order ), $new );
		}
		$log = TrafficLog::with_call( $log, 'push', self::call( 9000 ), KlarnaOrderFingerprint::of( 'order-100' ), $new );

		$this->assertCount( TrafficLog::PUSHES_KEPT, $log['pushes'] );
		$this->assertSame( KlarnaOrderFingerprint::of( 'order-100' ), $log['pushes'][0] );
		$this->assertCount( TrafficLog::PUSHES_KEPT, array_unique( $log['pushes'] ) );
		$this->assertNotContains( KlarnaOrderFingerprint::of( 'order-0' ), $log['pushes'] );
	}

	public function test_with_a_persistent_object_cache_counts_the_calls_between_writes(): void {
		wp_using_ext_object_cache( true );
		$start  = time() - 600;
		$pushed = (string) KlarnaOrderFingerprint::of( 'order-between-writes' );

		TrafficLog::note( 'push', self::call( $start ), null );
		TrafficLog::note( 'push', self::call( $start + 10 ), null );
		TrafficLog::note( 'push', self::call( $start + 20, 500 ), $pushed );

		$this->assertSame( 1, $this->writes );
		$this->assertTrue( BetweenWrites::available() );
		$this->assertSame( array( $pushed ), BetweenWrites::pushed( array( $pushed, (string) KlarnaOrderFingerprint::of( 'other' ) ) ) );
		$this->assertSame( 2, BetweenWrites::pending( 'push' )['count'] );

		TrafficLog::note( 'push', self::call( $start + 90 ), null );

		$entry = TrafficLog::read()['callbacks']['push'];
		$this->assertSame( 2, $this->writes );
		$this->assertSame( 4, $entry['total'] );
		// The latest call only counted is kept: it is the one that failed.
		$this->assertSame( array( 200, 500, 200 ), array_column( $entry['calls'], 'status' ) );
		$this->assertSame( 0, BetweenWrites::pending( 'push' )['count'] );
	}

	public function test_without_a_persistent_object_cache_counts_nothing_between_writes(): void {
		$start = time() - 600;

		TrafficLog::note( 'push', self::call( $start ), null );
		TrafficLog::note( 'push', self::call( $start + 10 ), (string) KlarnaOrderFingerprint::of( 'lost' ) );
		TrafficLog::note( 'push', self::call( $start + 90 ), null );

		$this->assertFalse( BetweenWrites::available() );
		$this->assertSame( 2, TrafficLog::read()['callbacks']['push']['total'] );
		$this->assertSame( array(), BetweenWrites::pushed( array( (string) KlarnaOrderFingerprint::of( 'lost' ) ) ) );
	}

	public function test_marks_when_monitoring_began_once(): void {
		TrafficLog::begin();
		$since = TrafficLog::read()['since'];
		TrafficLog::begin();

		$this->assertIsInt( $since );
		$this->assertEqualsWithDelta( time(), $since, 5 );
		$this->assertSame( $since, TrafficLog::read()['since'] );
		$this->assertSame( 1, $this->writes );
	}

	public function test_reads_a_damaged_option_as_an_empty_log(): void {
		update_option( TrafficLog::OPTION, 'not a log', false );
		$this->assertSame(
			array(
				'since'     => null,
				'callbacks' => array(),
				'pushes'    => array(),
			),
			TrafficLog::read()
		);

		update_option(
			TrafficLog::OPTION,
			array(
				'since'     => 'yesterday',
				'callbacks' => array(
					'push'    => array(
						'calls' => array( self::call( 1000 ), array( 'at' => 'x' ), 'junk' ),
						'total' => 7,
					),
					'unknown' => array( 'calls' => array( self::call( 1000 ) ) ),
				),
				'pushes'    => array( 'zz', str_repeat( 'a', 16 ) ),
			),
			false
		);
		$log = TrafficLog::read();

		$this->assertNull( $log['since'] );
		$this->assertSame( array( 'push' ), array_keys( $log['callbacks'] ) );
		$this->assertSame( array( self::call( 1000 ) ), $log['callbacks']['push']['calls'] );
		$this->assertSame( 7, $log['callbacks']['push']['total'] );
		$this->assertSame( array( str_repeat( 'a', 16 ) ), $log['pushes'] );
	}

	public function test_is_never_autoloaded(): void {
		global $wpdb;
		TrafficLog::note( 'push', self::call( time() ), null );

		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", TrafficLog::OPTION ) );
		$this->assertContains( $autoload, array( 'no', 'off' ) );
	}
}

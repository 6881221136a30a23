<?php
/**
 * The run history: channels, latest(), digests and summaries that state the verdict.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\RunHistory;
use KcoCallbackDoctor\RunLock;
use PHPUnit\Framework\TestCase;

/**
 * Against the stack's real options table, each test inside a transaction that is rolled back, so
 * the stack's own history is left as it was.
 */
final class RunHistoryChannelsTest extends TestCase {

	protected function setUp(): void {
		global $wpdb;
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush();
	}

	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( 'ROLLBACK' );
		wp_cache_flush();
	}

	/**
	 * A stored run from a verdict fixture, with a fresh id, source and start time.
	 *
	 * @param string $fixture Fixture name.
	 * @param string $source  Run source.
	 * @param int    $minute  Minutes after a fixed hour, so runs sort by start.
	 * @return array<string, mixed>
	 */
	private static function stored_run( string $fixture, string $source, int $minute ): array {
		$file         = dirname( __DIR__ ) . '/fixtures/verdicts/' . $fixture . '.json';
		$run              = json_decode( (string) file_get_contents( $file ), true )['run'];
		$run['id']        = wp_generate_uuid4();
		$run['source']    = $source;
		$run['startedAt'] = sprintf( '2031-01-01T%02d:%02d:00.000Z', intdiv( $minute, 60 ), $minute % 60 );
		return $run;
	}

	public function test_scheduled_runs_never_push_the_owners_runs_out(): void {
		$page = self::stored_run( 'echo-verified', Doctor::SOURCE_PAGE, 0 );
		$cli  = self::stored_run( 'basic-auth', Doctor::SOURCE_CLI, 1 );
		RunHistory::save( $page );
		RunHistory::save( $cli );
		for ( $minute = 2; $minute < 2 + RunHistory::KEEP_SCHEDULED + 6; $minute++ ) {
			RunHistory::save( self::stored_run( 'maintenance', Doctor::SOURCE_SCHEDULE, $minute ) );
		}

		$manual = array_column( RunHistory::summaries( RunHistory::CHANNEL_MANUAL ), 'id' );
		$this->assertSame( array( $cli['id'], $page['id'] ), array_slice( $manual, 0, 2 ) );
		$this->assertNotNull( RunHistory::find( $page['id'] ) );
		$this->assertCount( RunHistory::KEEP_SCHEDULED, RunHistory::summaries( RunHistory::CHANNEL_SCHEDULE ) );
	}

	public function test_latest_is_the_newest_run_of_a_source_or_of_any(): void {
		$page     = self::stored_run( 'echo-verified', Doctor::SOURCE_PAGE, 600 );
		$schedule = self::stored_run( 'maintenance', Doctor::SOURCE_SCHEDULE, 601 );
		$cli      = self::stored_run( 'basic-auth', Doctor::SOURCE_CLI, 602 );
		RunHistory::save( $page );
		RunHistory::save( $schedule );
		RunHistory::save( $cli );

		$this->assertSame( $cli['id'], RunHistory::latest()['id'] );
		$this->assertSame( $page['id'], RunHistory::latest( Doctor::SOURCE_PAGE )['id'] );
		$this->assertSame( $schedule['id'], RunHistory::latest( Doctor::SOURCE_SCHEDULE )['id'] );
	}

	public function test_a_summary_states_the_verdict_not_a_count_of_echoes(): void {
		// The language redirect: every echo came back, redirected; only one endpoint passes.
		$run = self::stored_run( 'language-redirect', Doctor::SOURCE_PAGE, 700 );
		RunHistory::save( $run );

		$summary = RunHistory::summaries()[0];
		$this->assertSame( $run['id'], $summary['id'] );
		$this->assertSame( 'critical', $summary['overall'] );
		$this->assertSame( 'redirected', array_column( $summary['verdicts'], 'state', 'id' )['push'] );
		$this->assertSame( 'passed', array_column( $summary['verdicts'], 'state', 'id' )['block-validate'] );
		$this->assertArrayNotHasKey( 'echoed', $summary );
	}

	public function test_summaries_stored_before_the_verdict_are_read_in_todays_shape(): void {
		$run = self::stored_run( 'basic-auth', Doctor::SOURCE_PAGE, 800 );
		unset( $run['source'] );
		add_option( 'kco_callback_doctor_run_' . $run['id'], $run, '', false );
		$old_index = array(
			array(
				'id'          => $run['id'],
				'startedAt'   => $run['startedAt'],
				'durationMs'  => $run['durationMs'],
				'endpointIds' => $run['endpointIds'],
				'echoed'      => 0,
				'probed'      => 2,
			),
		);
		update_option( 'kco_callback_doctor_runs', $old_index, false );

		$summary = RunHistory::summaries()[0];
		$this->assertSame( 'page', $summary['source'] );
		$this->assertSame( 'critical', $summary['overall'] );
		$this->assertSame( array( 'push' => 'blocked' ), array_column( $summary['verdicts'], 'state', 'id' ) );
	}

	public function test_a_digest_for_a_run_no_longer_kept_brings_nothing_back(): void {
		$id = wp_generate_uuid4();

		$this->assertNull( RunHistory::attach_digest( $id, array() ) );
		$this->assertFalse( get_option( 'kco_callback_doctor_run_' . $id ) );
	}

	public function test_doctor_refuses_an_unknown_source_and_unknown_endpoints_with_400(): void {
		$source = Doctor::run( 'cron' );
		$this->assertInstanceOf( WP_Error::class, $source );
		$this->assertSame( 400, $source->get_error_data()['status'] );

		$endpoints = Doctor::run( Doctor::SOURCE_CLI, array( 'push', 'refund', 7 ) );
		$this->assertInstanceOf( WP_Error::class, $endpoints );
		$this->assertSame( 'kco_callback_doctor_invalid_endpoints', $endpoints->get_error_code() );
		$this->assertSame( 400, $endpoints->get_error_data()['status'] );
		$this->assertStringContainsString( 'refund', $endpoints->get_error_message() );
	}

	public function test_doctor_refuses_a_run_while_another_holds_the_lock_with_409(): void {
		$lock = new RunLock();
		$this->assertTrue( $lock->acquire( 60 ) );
		try {
			$run = Doctor::run( Doctor::SOURCE_CLI, array( 'push' ) );
		} finally {
			$lock->release();
		}
		$this->assertInstanceOf( WP_Error::class, $run );
		$this->assertSame( 'kco_callback_doctor_run_in_progress', $run->get_error_code() );
		$this->assertSame( 409, $run->get_error_data()['status'] );
	}
}

<?php
/**
 * RunHistory: what is stored of a run, and what GET /runs/{id} gives back.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Token;
use KcoCallbackDoctor\RunHistory;
use KcoCallbackDoctor\Tests\Fixtures\Runs;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fixtures/Runs.php';

/**
 * Stores runs in the stack's real options table, inside a transaction that is rolled back after
 * each test: saving more runs than are kept evicts the stack's own, and only a rollback brings
 * those back (restoring the index alone would leave it naming runs that are gone).
 */
final class RunHistoryTest extends TestCase {

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
	 * The run as it lies in the options table, read past every cache.
	 *
	 * @param string $id Run id.
	 */
	private static function stored_bytes( string $id ): string {
		global $wpdb;
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", 'kco_callback_doctor_run_' . $id ) ); // phpcs:ignore WordPress.DB
	}

	public function test_cookie_values_and_probe_tokens_never_reach_storage_or_the_browser(): void {
		$token  = Token::issue( 'push' )['token'];
		$blocked = Runs::observation(
			'klarna',
			false,
			array(
				'headers' => (object) array(
					'set-cookie'         => 'wf_session=SECRET-ONE; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, visid_incap_123=SECRET-TWO; Domain=.shop.example',
					'x-kco-doctor-probe' => $token,
					'location'           => home_url( '/blocked/?echo=' . $token ),
				),
				'body'    => "Your request was blocked.\nX-KCO-Doctor-Probe: " . $token,
			),
			array(
				array(
					'url'      => home_url( '/wc-api/KCO_WC_Push/' ),
					'status'   => 302,
					'location' => '/blocked/?echo=' . rawurlencode( $token ),
					'followed' => true,
				),
			)
		);
		$run     = Runs::run( array( $blocked ) );

		$returned = RunHistory::save( $run );
		$found    = RunHistory::find( $run['id'] );

		foreach ( array( 'stored' => self::stored_bytes( $run['id'] ), 'returned' => wp_json_encode( $returned ), 'found' => wp_json_encode( $found ) ) as $where => $text ) {
			$this->assertStringNotContainsString( 'SECRET-ONE', $text, $where );
			$this->assertStringNotContainsString( 'SECRET-TWO', $text, $where );
			$this->assertStringNotContainsString( substr( $token, -64 ), $text, $where );
		}
		$headers = (array) $found['observations'][0]['response']['headers'];
		// Cookie names and attributes stay: they name the product that set them.
		$this->assertStringContainsString( 'wf_session=', $headers['set-cookie'] );
		$this->assertStringContainsString( 'visid_incap_123=', $headers['set-cookie'] );
		$this->assertStringContainsString( 'Expires=Wed, 21 Oct 2026 07:28:00 GMT', $headers['set-cookie'] );
		$this->assertStringContainsString( 'Your request was blocked.', $found['observations'][0]['response']['body'] );
	}

	public function test_a_run_that_fits_is_stored_whole_and_says_it_was_not_trimmed(): void {
		$run = Runs::run( array( Runs::observation( 'klarna', false ), Runs::observation( 'klarna-session', true ) ) );

		RunHistory::save( $run );
		$found = RunHistory::find( $run['id'] );

		$this->assertFalse( $found['trimmed'] );
		$this->assertSame( 'Forbidden', $found['observations'][0]['response']['body'] );
		$this->assertSame( array( 'server' => 'Apache' ), (array) $found['observations'][0]['response']['headers'] );
	}

	/**
	 * Bodies and headers as big as the caps allow, on every observation of a big run.
	 *
	 * @param string $variant Variant id.
	 * @param bool   $echoed  Whether the echo came back.
	 * @return array<string, mixed>
	 */
	private static function heavy( string $variant, bool $echoed ): array {
		$headers = array( 'location' => home_url( '/en/wc-api/KCO_WC_Push/' ) );
		for ( $i = 0; $i < 7; $i++ ) {
			$headers[ 'x-filler-' . $i ] = str_repeat( 'h', 1100 );
		}
		return Runs::observation(
			$variant,
			$echoed,
			array(
				'headers' => (object) $headers,
				'body'    => str_repeat( 'b', 8192 ),
			)
		);
	}

	public function test_a_run_over_the_size_limit_loses_the_least_important_bodies_and_headers_first_and_says_so(): void {
		$observations = array( self::heavy( 'klarna', false ), self::heavy( 'klarna-session', true ) );
		for ( $i = 0; $i < 24; $i++ ) {
			$observations[] = self::heavy( 0 === $i % 2 ? 'browser-user-agent' : 'get', 1 === $i % 4 );
		}
		$run = Runs::run( $observations );
		$this->assertGreaterThan( RunHistory::MAX_BYTES, strlen( serialize( $run ) ), 'the test run must be too big to begin with' );

		RunHistory::save( $run );
		$found = RunHistory::find( $run['id'] );

		$this->assertLessThanOrEqual( RunHistory::MAX_BYTES, strlen( self::stored_bytes( $run['id'] ) ) );
		$this->assertTrue( $found['trimmed'] );
		$this->assertCount( count( $observations ), $found['observations'], 'no observation is dropped' );
		// The blocked Klarna-shaped probe is the evidence that matters most: it keeps everything.
		$this->assertSame( str_repeat( 'b', 8192 ), $found['observations'][0]['response']['body'] );
		$this->assertCount( 8, (array) $found['observations'][0]['response']['headers'] );
		// A passing isolation variant is the least important: its body goes, and it says so.
		$this->assertSame( '', $found['observations'][3]['response']['body'] );
		$this->assertTrue( $found['observations'][3]['response']['bodyTruncated'] );
	}

	public function test_a_run_stored_before_trimming_existed_reads_as_not_trimmed(): void {
		$run = Runs::run( array( Runs::observation( 'klarna', true ) ) );
		add_option( 'kco_callback_doctor_run_' . $run['id'], $run, '', false );

		$found = RunHistory::find( $run['id'] );
		delete_option( 'kco_callback_doctor_run_' . $run['id'] );

		$this->assertFalse( $found['trimmed'] );
	}

	public function test_the_summary_carries_the_verdict_a_403_on_the_klarna_shaped_probe_blocks_push(): void {
		$run = Runs::run(
			array(
				Runs::observation( 'klarna', false ),
				Runs::observation( 'browser-user-agent', true ),
			)
		);

		$summary = RunHistory::summary( $run );

		$this->assertSame( array( 'push' ), array_column( $summary['verdicts'], 'id' ) );
		$this->assertSame( 'blocked', $summary['verdicts'][0]['state'] );
		$this->assertSame( 'critical', $summary['overall'] );
	}

	public function test_the_summary_says_passed_when_the_klarna_shaped_probe_echoed(): void {
		$run = Runs::run( array( Runs::observation( 'klarna', true ) ) );

		$summary = RunHistory::summary( $run );

		$this->assertSame( 'passed', $summary['verdicts'][0]['state'] );
		$this->assertSame( 'ok', $summary['overall'] );
	}

	public function test_keeps_the_last_20_runs_newest_first(): void {
		$ids = array();
		for ( $i = 0; $i < RunHistory::KEEP + 2; $i++ ) {
			$run   = Runs::run( array( Runs::observation( 'klarna', true ) ) );
			$ids[] = $run['id'];
			RunHistory::save( $run );
		}

		$this->assertSame( array_slice( array_reverse( $ids ), 0, RunHistory::KEEP ), array_column( RunHistory::summaries(), 'id' ) );
		$this->assertNull( RunHistory::find( $ids[0] ) );
		$this->assertNull( RunHistory::find( $ids[1] ) );
		$this->assertNotNull( RunHistory::find( $ids[2] ) );
	}
}

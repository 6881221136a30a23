<?php
/**
 * The blocker the page last named for each callback, lent to runs the page never saw.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Tests\Support\DiagnosedRun;
use KcoCallbackDoctor\Verdict\LastDiagnosis;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/DiagnosedRun.php';

/**
 * LastDiagnosis against the stack's real options table.
 */
final class LastDiagnosisTest extends TestCase {

	private const OPTION = 'kco_callback_doctor_last_diagnosis';

	/**
	 * The stack's own last diagnosis, put back after each test.
	 *
	 * @var mixed
	 */
	private $stack_diagnosis;

	protected function setUp(): void {
		$this->stack_diagnosis = get_option( self::OPTION, null );
		delete_option( self::OPTION );
	}

	protected function tearDown(): void {
		delete_option( self::OPTION );
		if ( null !== $this->stack_diagnosis ) {
			add_option( self::OPTION, $this->stack_diagnosis, '', false );
		}
	}

	/**
	 * A scheduled run of one callback: no digest, the page never saw it.
	 *
	 * @param string $endpoint Callback id.
	 * @param int    $status   HTTP status its Klarna-shaped probe got.
	 * @return array<string, mixed>
	 */
	private static function scheduled( string $endpoint, int $status ): array {
		$run = DiagnosedRun::of( $endpoint, $status, null );
		unset( $run['digest'], $run['diagnosedAt'] );
		$run['source'] = 'schedule';
		return $run;
	}

	/**
	 * The verdict on one endpoint of a run.
	 *
	 * @param array<string, mixed> $run Run.
	 * @return array<string, mixed>
	 */
	private static function endpoint_of( array $run ): array {
		return LastDiagnosis::verdict_of( $run )['endpoints'][0];
	}

	public function test_a_scheduled_run_that_fails_as_diagnosed_names_the_blocker_and_when(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );

		$endpoint = self::endpoint_of( self::scheduled( 'push', 403 ) );

		$this->assertSame( 'Cloudflare', $endpoint['blocker']['productName'] );
		$this->assertSame( '2026-12-01T08:01:00Z', $endpoint['blockerDiagnosedAt'] );
	}

	public function test_checking_one_callback_again_keeps_the_blockers_of_the_others(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
		// The owner re-runs Validation alone from its card.
		LastDiagnosis::remember( DiagnosedRun::of( 'validation', 406, 'Wordfence' ) );

		$this->assertSame( 'Cloudflare', self::endpoint_of( self::scheduled( 'push', 403 ) )['blocker']['productName'] );
		$this->assertSame( 'Wordfence', self::endpoint_of( self::scheduled( 'validation', 406 ) )['blocker']['productName'] );
	}

	public function test_a_callback_that_fails_another_way_is_not_given_the_old_blocker(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );

		$endpoint = self::endpoint_of( self::scheduled( 'push', 406 ) );

		$this->assertNull( $endpoint['blocker'] );
		$this->assertArrayNotHasKey( 'blockerDiagnosedAt', $endpoint );
	}

	public function test_a_later_diagnosis_that_names_nobody_forgets_the_blocker(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, null ) );

		$this->assertNull( LastDiagnosis::blocker( 'push', 'blocked', 403 ) );
		$this->assertNull( self::endpoint_of( self::scheduled( 'push', 403 ) )['blocker'] );
	}

	public function test_an_older_run_diagnosed_later_does_not_overrule_a_newer_diagnosis(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
		// The owner opens runs of the day before from the history; the page diagnoses them now.
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Sucuri', '2026-11-30T08:00:00.000Z' ) );
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, null, '2026-11-30T09:00:00.000Z' ) );

		$this->assertSame( 'Cloudflare', LastDiagnosis::blocker( 'push', 'blocked', 403 )['blocker']['productName'] );
	}

	public function test_a_later_check_that_could_not_be_judged_keeps_the_blocker(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
		// A gateway timeout on a crowded run: inconclusive, it says nothing about Cloudflare.
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 504, null, '2026-12-01T09:00:00.000Z' ) );

		$this->assertSame( 'Cloudflare', LastDiagnosis::blocker( 'push', 'blocked', 403 )['blocker']['productName'] );
	}

	public function test_a_run_the_page_diagnosed_keeps_its_own_blocker_and_time(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
		$own                = DiagnosedRun::of( 'push', 403, 'Sucuri' );
		$own['diagnosedAt'] = '2026-12-02T09:00:00Z';

		$endpoint = self::endpoint_of( $own );

		$this->assertSame( 'Sucuri', $endpoint['blocker']['productName'] );
		$this->assertSame( '2026-12-02T09:00:00Z', $endpoint['blockerDiagnosedAt'] );
	}

	public function test_a_malformed_option_names_no_blocker(): void {
		update_option( self::OPTION, array( 'endpoints' => array( 'push' => 'Cloudflare' ) ), false );

		$this->assertNull( LastDiagnosis::blocker( 'push', 'blocked', 403 ) );
	}
}

<?php
/**
 * What an alert says: which callback, what answered, since when, and the blocker the page's
 * diagnosis named.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Alerts\AlertText;
use KcoCallbackDoctor\Tests\Support\DiagnosedRun;
use KcoCallbackDoctor\Verdict\LastDiagnosis;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/DiagnosedRun.php';

/**
 * AlertText against the stack's real WordPress (translations, date format, stored runs).
 */
final class AlertTextTest extends TestCase {

	private const LAST_DIAGNOSIS = 'kco_callback_doctor_last_diagnosis';

	/**
	 * The stack's own last diagnosis, put back after each test.
	 *
	 * @var mixed
	 */
	private $stack_diagnosis;

	protected function setUp(): void {
		// The stack's runs may have named a blocker for Push: each test starts from none.
		$this->stack_diagnosis = get_option( self::LAST_DIAGNOSIS, null );
		delete_option( self::LAST_DIAGNOSIS );
	}

	protected function tearDown(): void {
		delete_option( self::LAST_DIAGNOSIS );
		if ( null !== $this->stack_diagnosis ) {
			add_option( self::LAST_DIAGNOSIS, $this->stack_diagnosis, '', false );
		}
	}

	/**
	 * A remembered failing Push callback, as Transition stores it.
	 *
	 * @param array<string, mixed> $changes Fields to override.
	 * @return array<string, mixed>
	 */
	private static function push( array $changes = array() ): array {
		return array_merge(
			array(
				'failing'    => true,
				'since'      => '2026-12-01T08:00:00.000Z',
				'state'      => 'blocked',
				'httpStatus' => 403,
				'label'      => 'Push',
				'path'       => '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id={id}',
				'runId'      => DiagnosedRun::ID,
			),
			$changes
		);
	}

	/**
	 * Remembers a run in which the page's diagnosis named Cloudflare as Push's blocker, as
	 * RunHistory::attach_digest() does once the page has stored the digest.
	 */
	private static function store_diagnosed_run(): void {
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, 'Cloudflare' ) );
	}

	public function test_a_failing_callback_is_named_with_its_path_without_placeholders_what_answered_and_since_when(): void {
		$lines = AlertText::lines( array( 'push' => self::push() ), array( 'push' ) );

		$this->assertCount( 1, $lines );
		$this->assertStringStartsWith( 'Push (/wc-api/KCO_WC_Push/): blocked with HTTP 403 since ', $lines[0] );
		$this->assertStringContainsString( '2026', $lines[0] );
		$this->assertStringNotContainsString( '{id}', $lines[0] );
		$this->assertStringNotContainsString( 'Blocked by', $lines[0] );
	}

	public function test_the_blocker_the_page_diagnosed_for_the_run_is_named(): void {
		self::store_diagnosed_run();

		$lines = AlertText::lines( array( 'push' => self::push() ), array( 'push' ) );

		$this->assertMatchesRegularExpression( '/Blocked by Cloudflare, as diagnosed on .*2026/', $lines[0] );
	}

	public function test_a_diagnosis_of_another_answer_is_not_taken_for_this_one(): void {
		self::store_diagnosed_run();

		$lines = AlertText::lines( array( 'push' => self::push( array( 'httpStatus' => 406 ) ) ), array( 'push' ) );

		$this->assertStringNotContainsString( 'Cloudflare', $lines[0] );
	}

	public function test_checking_another_callback_again_keeps_the_blocker_named_for_this_one(): void {
		self::store_diagnosed_run();
		// The owner re-runs Validation alone from its card; the page names its own blocker.
		LastDiagnosis::remember( DiagnosedRun::of( 'validation', 406, 'Wordfence' ) );

		$lines = AlertText::lines( array( 'push' => self::push() ), array( 'push' ) );

		$this->assertMatchesRegularExpression( '/Blocked by Cloudflare, as diagnosed on /', $lines[0] );
	}

	public function test_a_later_diagnosis_of_the_callback_that_names_nobody_forgets_the_old_blocker(): void {
		self::store_diagnosed_run();
		LastDiagnosis::remember( DiagnosedRun::of( 'push', 403, null ) );

		$lines = AlertText::lines( array( 'push' => self::push() ), array( 'push' ) );

		$this->assertStringNotContainsString( 'Blocked by', $lines[0] );
	}

	public function test_an_unreachable_or_redirected_callback_is_described_without_a_misleading_status(): void {
		$lines = AlertText::lines(
			array(
				'push'       => self::push(
					array(
						'state'      => 'unreachable',
						'httpStatus' => null,
					)
				),
				'validation' => self::push(
					array(
						'label'      => 'Validation',
						'state'      => 'redirected',
						'httpStatus' => 200,
					)
				),
			),
			array( 'push', 'validation' )
		);

		$this->assertStringContainsString( 'the shop could not be reached', $lines[0] );
		$this->assertStringContainsString( 'redirected to another address', $lines[1] );
		$this->assertStringNotContainsString( '200', $lines[1] );
	}

	public function test_a_recovered_callback_passes_again_since_the_run_that_showed_it(): void {
		$lines = AlertText::lines( array( 'push' => self::push( array( 'failing' => false ) ) ), array( 'push' ) );

		$this->assertStringStartsWith( 'Push (/wc-api/KCO_WC_Push/): passes again since ', $lines[0] );
	}

	public function test_headlines_name_one_or_several_callbacks(): void {
		$this->assertSame( 'Klarna can no longer reach your shop: its Push callback fails.', AlertText::headline( AlertText::FAILURE, array( 'Push' ) ) );
		$this->assertSame( 'Klarna can no longer reach your shop: its Push and Validation callbacks fail.', AlertText::headline( AlertText::FAILURE, array( 'Push', 'Validation' ) ) );
		$this->assertSame( 'Klarna can reach your shop\'s Push callback again.', AlertText::headline( AlertText::RECOVERY, array( 'Push' ) ) );
	}

	public function test_the_email_reports_new_failures_first_and_what_recovered_since_the_last_email(): void {
		$state = array(
			'endpoints' => array(
				'push'       => self::push( array( 'failing' => false ) ),
				'validation' => self::push( array( 'label' => 'Validation' ) ),
			),
			'alert'     => null,
			'email'     => array(
				'sentAt'  => null,
				'failing' => array( 'push' ),
			),
		);

		$text = AlertText::of_email( $state );

		$this->assertSame( AlertText::FAILURE, $text['kind'] );
		$this->assertStringContainsString( 'its Validation callback fails', $text['headline'] );
		$this->assertCount( 2, $text['lines'] );
		$this->assertStringStartsWith( 'Validation', $text['lines'][0] );
		$this->assertStringContainsString( 'passes again', $text['lines'][1] );
	}
}

<?php
/**
 * The Site Health result built from a report: status, headline, what answered, the blocker.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\SiteHealth\CallbacksTestResult;
use KcoCallbackDoctor\Tests\Support\ReportFixture;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/ReportFixture.php';

/**
 * Texts are matched by what they say, not by their exact wording or date format.
 */
final class SiteHealthResultTest extends TestCase {

	private const PAGE_URL = 'https://shop.example/wp-admin/admin.php?page=kco-callback-doctor';

	/**
	 * Builds the result an hour after the fixture's run.
	 *
	 * @param array<string, mixed> $report CallbackReport.
	 * @return array<string, mixed>
	 */
	private static function result( array $report ): array {
		return CallbacksTestResult::of( $report, strtotime( ReportFixture::STARTED_AT ) + HOUR_IN_SECONDS, self::PAGE_URL );
	}

	public function test_reports_critical_naming_the_blocked_callback_and_what_answered(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'blocked', 403 ),
					ReportFixture::endpoint( 'notification', 'passed', 200 ),
				)
			)
		);

		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'Push', $result['label'] );
		$this->assertStringNotContainsString( 'Notification', $result['label'] );
		$this->assertStringContainsString( '/wc-api/KCO_WC_Push/', $result['description'] );
		$this->assertStringContainsString( '403', $result['description'] );
		$this->assertStringContainsString( 'Pending payment', $result['description'] );
		$this->assertStringContainsString( 'kco_callback_doctor_callbacks', $result['test'] );
	}

	public function test_names_every_failing_callback_in_the_headline(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'redirected', 301 ),
					ReportFixture::endpoint( 'notification', 'unreachable', null ),
				)
			)
		);

		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'Push', $result['label'] );
		$this->assertStringContainsString( 'Notification', $result['label'] );
		$this->assertMatchesRegularExpression( '/redirect/i', $result['description'] );
		$this->assertStringContainsString( '301', $result['description'] );
	}

	public function test_names_the_blocker_the_page_diagnosed(): void {
		$blocker = array(
			'causeId'     => 'waf-user-agent',
			'productId'   => 'cloudflare',
			'productName' => 'Cloudflare',
		);
		$result  = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'blocked', 403, true, $blocker ) ) ) );

		$this->assertStringContainsString( 'Cloudflare', $result['description'] );
	}

	public function test_says_a_cause_was_diagnosed_when_the_digest_names_no_product(): void {
		$blocker = array(
			'causeId'     => 'plain-permalinks',
			'productId'   => null,
			'productName' => null,
		);
		$with    = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'blocked', 404, true, $blocker ) ) ) );
		$without = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'blocked', 404 ) ) ) );

		$this->assertMatchesRegularExpression( '/diagnosed the cause/', $with['description'] );
		$this->assertDoesNotMatchRegularExpression( '/diagnosed the cause/', $without['description'] );
	}

	public function test_escapes_what_came_from_the_run(): void {
		$blocker = array(
			'causeId'     => 'waf',
			'productId'   => 'x',
			'productName' => '<img src=x onerror=alert(1)>',
		);
		$report  = ReportFixture::of( array( ReportFixture::endpoint( 'push', 'blocked', 403, true, $blocker ) ) );
		$report['callbacks'][0]['label'] = '<script>alert(1)</script>';
		$result                          = self::result( $report );

		$this->assertStringNotContainsString( '<img', $result['description'] );
		$this->assertStringNotContainsString( '<script', $result['description'] );
		$this->assertStringContainsString( '&lt;img', $result['description'] );
	}

	public function test_reports_good_when_every_used_callback_passes(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'passed', 200 ),
					ReportFixture::endpoint( 'notification', 'passed', 200 ),
				)
			)
		);

		$this->assertSame( 'good', $result['status'] );
		$this->assertStringContainsString( 'Push', $result['description'] );
		$this->assertStringContainsString( 'Notification', $result['description'] );
	}

	public function test_a_callback_kco_no_longer_uses_does_not_make_it_critical(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'passed', 200 ),
					ReportFixture::endpoint( 'notification', 'blocked', 403, false ),
				)
			)
		);

		$this->assertSame( 'good', $result['status'] );
		$this->assertStringNotContainsString( 'Notification', $result['description'] );
		$this->assertMatchesRegularExpression( '/no longer uses/', $result['description'] );
	}

	public function test_recommends_a_look_when_a_used_callback_is_slow(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'passed', 200 ),
					ReportFixture::endpoint( 'block-validation', 'slow', 200 ),
				)
			)
		);

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'Checkout block validation (wc-api)', $result['label'] );
		$this->assertMatchesRegularExpression( '/slow/i', $result['label'] );
	}

	public function test_recommends_a_look_when_a_used_callback_could_not_be_judged(): void {
		$result = self::result(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'inconclusive', null ),
					ReportFixture::endpoint( 'notification', 'passed', 200 ),
				)
			)
		);

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertMatchesRegularExpression( '/not certain/', $result['label'] );
		$this->assertStringContainsString( 'Push', $result['description'] );
		$this->assertMatchesRegularExpression( '/external test/', $result['description'] );
	}

	public function test_recommends_a_look_when_nothing_could_be_judged(): void {
		$result = self::result( ReportFixture::of( array() ) );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertMatchesRegularExpression( '/could not be checked/', $result['label'] );
	}

	public function test_says_when_the_run_was_made_and_by_whom(): void {
		$result = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'passed', 200 ) ), 'schedule' ) );

		$this->assertMatchesRegularExpression( '/1 hour ago/', $result['description'] );
		$this->assertMatchesRegularExpression( '/automatic check/', $result['description'] );
	}

	public function test_links_to_the_doctors_page(): void {
		$result = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'blocked', 403 ) ) ) );

		$this->assertStringContainsString( 'href="' . esc_url( self::PAGE_URL ) . '"', $result['actions'] );
	}

	public function test_a_run_in_progress_asks_to_look_again_soon(): void {
		$result = CallbacksTestResult::of_error( new \WP_Error( 'kco_callback_doctor_run_in_progress', 'busy', array( 'status' => 409 ) ), self::PAGE_URL );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertMatchesRegularExpression( '/right now/', $result['label'] );
	}

	public function test_a_failed_run_says_why_as_text(): void {
		$result = CallbacksTestResult::of_error( new \WP_Error( 'kco_callback_doctor_internal_error', 'The run stopped: <b>disk full</b>', array( 'status' => 500 ) ), self::PAGE_URL );

		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'disk full', $result['description'] );
		$this->assertStringNotContainsString( '<b>', $result['description'] );
	}

	public function test_has_every_key_site_health_reads(): void {
		$result = self::result( ReportFixture::of( array( ReportFixture::endpoint( 'push', 'passed', 200 ) ) ) );

		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			$this->assertArrayHasKey( $key, $result );
		}
		$this->assertArrayHasKey( 'label', $result['badge'] );
		$this->assertArrayHasKey( 'color', $result['badge'] );
	}
}

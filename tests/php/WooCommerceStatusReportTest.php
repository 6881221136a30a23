<?php
/**
 * The "Callback Doctor" section of WooCommerce → Status and the REST system status key.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Tests\Support\ReportFixture;
use KcoCallbackDoctor\WooCommerce\StatusReportSection;
use KcoCallbackDoctor\WooCommerce\SystemStatusField;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/ReportFixture.php';

/**
 * The table is read as WooCommerce's "Get system report" reads it (assets/js/admin/system-status.js).
 */
final class WooCommerceStatusReportTest extends TestCase {

	private const PAGE_URL = 'https://shop.example/wp-admin/admin.php?page=kco-callback-doctor';

	/**
	 * A report with a blocked push and a passing notification.
	 *
	 * @param array<string, mixed>|null $blocker Push's blocker.
	 * @return array<string, mixed>
	 */
	private static function report( ?array $blocker = null ): array {
		return ReportFixture::of(
			array(
				ReportFixture::endpoint( 'push', 'blocked', 403, true, $blocker ),
				ReportFixture::endpoint( 'notification', 'passed', 200 ),
			)
		);
	}

	/**
	 * Rows as "Get system report" exports them: export label => value text.
	 *
	 * @param string $html The section.
	 * @return array<string, string>
	 */
	private static function exported_rows( string $html ): array {
		$document = new \DOMDocument();
		$document->loadHTML( '<?xml encoding="utf-8"?><html><body>' . $html . '</body></html>', LIBXML_NOERROR );
		$xpath = new \DOMXPath( $document );
		$rows  = array();
		foreach ( $xpath->query( '//tbody/tr' ) as $row ) {
			$cells = $xpath->query( 'td', $row );
			$value = $cells->item( 2 );
			foreach ( $xpath->query( './/*[contains(@class,"dashicons-yes")]', $value ) as $icon ) {
				$icon->parentNode->replaceChild( $document->createTextNode( '✔' ), $icon );
			}
			foreach ( $xpath->query( './/*[contains(@class,"dashicons-warning")]', $value ) as $icon ) {
				$icon->parentNode->replaceChild( $document->createTextNode( '❌' ), $icon );
			}
			$rows[ $cells->item( 0 )->getAttribute( 'data-export-label' ) ] = trim( $value->textContent );
		}
		return $rows;
	}

	public function test_the_section_has_an_export_label_and_a_row_per_callback(): void {
		$html = StatusReportSection::html( self::report(), ReportFixture::kco(), self::PAGE_URL );
		$rows = self::exported_rows( $html );

		$this->assertStringContainsString( 'data-export-label="Callback Doctor for Klarna Checkout"', $html );
		$this->assertStringContainsString( '❌', $rows['Callback push'] );
		$this->assertStringContainsString( '403', $rows['Callback push'] );
		$this->assertStringContainsString( '✔', $rows['Callback notification'] );
		$this->assertStringContainsString( '❌', $rows['Result'] );
		$this->assertStringContainsString( '2.20.9', $rows['Klarna Checkout'] );
		$this->assertArrayHasKey( 'Last complete check', $rows );
	}

	public function test_each_callback_row_says_when_it_was_checked(): void {
		$rows = self::exported_rows( StatusReportSection::html( self::report(), ReportFixture::kco(), self::PAGE_URL ) );

		$this->assertStringContainsString( wp_date( 'Y-m-d', strtotime( ReportFixture::STARTED_AT ) ), $rows['Callback push'] );
	}

	public function test_no_value_is_split_into_lines_by_the_export(): void {
		// The export splits a value at ", " into lines; a row must stay one line.
		$rows = self::exported_rows( StatusReportSection::html( self::report(), ReportFixture::kco(), self::PAGE_URL ) );

		foreach ( $rows as $label => $value ) {
			$this->assertStringNotContainsString( ', ', $value, $label );
		}
	}

	public function test_names_the_blocker_and_escapes_it(): void {
		$blocker = array(
			'causeId'     => 'waf',
			'productId'   => 'x',
			'productName' => '<script>alert(1)</script>Sucuri',
		);
		$html    = StatusReportSection::html( self::report( $blocker ), ReportFixture::kco(), self::PAGE_URL );

		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( 'Sucuri', self::exported_rows( $html )['Callback push'] );
	}

	public function test_says_so_before_the_first_check(): void {
		$rows = self::exported_rows( StatusReportSection::html( CallbackReport::of_verdict( null, null ), ReportFixture::kco(), self::PAGE_URL ) );

		$this->assertMatchesRegularExpression( '/None yet/', $rows['Last complete check'] );
		$this->assertArrayNotHasKey( 'Callback push', $rows );
	}

	public function test_the_rest_key_carries_the_same_facts(): void {
		$blocker = array(
			'causeId'     => 'waf-user-agent',
			'productId'   => 'cloudflare',
			'productName' => 'Cloudflare',
		);
		$value   = SystemStatusField::of( self::report( $blocker ), ReportFixture::kco(), self::PAGE_URL );

		$this->assertSame( 'critical', $value['overall'] );
		$this->assertSame( ReportFixture::STARTED_AT, $value['last_check']['started_at'] );
		$this->assertSame( 'page', $value['last_check']['source'] );
		$this->assertSame( 'blocked', $value['callbacks'][0]['state'] );
		$this->assertSame( 403, $value['callbacks'][0]['http_status'] );
		$this->assertSame( 'Cloudflare', $value['callbacks'][0]['blocker']['product_name'] );
		$this->assertNull( $value['callbacks'][1]['blocker'] );
		$this->assertSame( '2.20.9', $value['kco']['version'] );
	}

	public function test_the_rest_key_matches_its_schema(): void {
		$schema = SystemStatusField::schema();

		$this->assertTrue( rest_validate_value_from_schema( SystemStatusField::of( self::report(), ReportFixture::kco(), self::PAGE_URL ), $schema, 'kco_callback_doctor' ) );
		$this->assertTrue( rest_validate_value_from_schema( SystemStatusField::of( CallbackReport::of_verdict( null, null ), ReportFixture::kco(), self::PAGE_URL ), $schema, 'kco_callback_doctor' ) );
	}

	public function test_the_schema_refuses_a_state_the_verdict_does_not_have(): void {
		$value                          = SystemStatusField::of( self::report(), ReportFixture::kco(), self::PAGE_URL );
		$value['callbacks'][0]['state'] = 'fine';

		$this->assertWPError( rest_validate_value_from_schema( $value, SystemStatusField::schema(), 'kco_callback_doctor' ) );
	}

	/**
	 * Asserts that a value is a WP_Error.
	 *
	 * @param mixed $value Value.
	 */
	private function assertWPError( $value ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
	}
}

<?php
/**
 * Real traffic on the server-side surfaces: Site Health's Info tab and WooCommerce's status
 * report show each callback's last real call and the stuck orders, and nothing about an order.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\SiteHealth\DebugSection;
use KcoCallbackDoctor\Tests\Support\ReportFixture;
use KcoCallbackDoctor\WooCommerce\StatusReportSection;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/ReportFixture.php';

/**
 * The traffic report is built by hand in TrafficReport::summary()'s shape.
 */
final class TrafficSurfacesTest extends TestCase {

	private const KLARNA_ORDER_ID = '6f1c8a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

	/**
	 * A report: the push last answered with `$push_status`, the checkout block's validation
	 * never called, two stuck orders.
	 *
	 * @param int $push_status HTTP status of the push's last real call.
	 * @param int $stuck       Stuck orders.
	 * @return array<string, mixed>
	 */
	private static function traffic( int $push_status, int $stuck ): array {
		$callback = static function ( string $id, string $label, ?bool $used, array $calls ): array {
			return array(
				'endpoint'           => $id,
				'label'              => $label,
				'path'               => '/wc-api/' . $id,
				'usedByInstalledKco' => $used,
				'callsSeen'          => count( $calls ),
				'calls'              => $calls,
			);
		};
		$orders   = array();
		for ( $i = 0; $i < $stuck; $i++ ) {
			$orders[] = array(
				'id'            => 4100 + $i,
				'number'        => (string) ( 4100 + $i ),
				'editUrl'       => 'https://shop.example/wp-admin/admin.php?page=wc-orders&action=edit&id=' . ( 4100 + $i ),
				'createdAt'     => '2026-12-01T06:00:00Z',
				'klarnaOrderId' => self::KLARNA_ORDER_ID,
			);
		}
		return array(
			'checkedAt'            => '2026-12-01T09:00:00Z',
			'monitoringSince'      => '2026-11-20T09:00:00Z',
			'countsEveryCall'      => false,
			'writeIntervalSeconds' => 60,
			'kcoLogging'           => true,
			'callbacks'            => array(
				$callback(
					'push',
					'Push',
					true,
					array(
						array(
							'at'         => '2026-12-01T08:30:00Z',
							'status'     => $push_status,
							'durationMs' => 412,
						),
					)
				),
				$callback( 'notification', 'Notification', false, array() ),
				$callback( 'block-validate', 'Checkout block validation', true, array() ),
			),
			'stuckOrders'          => array(
				'searched'         => true,
				'thresholdMinutes' => 30,
				'lookBackDays'     => 30,
				'count'            => $stuck,
				'more'             => false,
				'orders'           => $orders,
			),
		);
	}

	public function test_site_health_states_each_used_callbacks_last_real_call_and_the_stuck_orders(): void {
		$fields = DebugSection::section( ReportFixture::of( array() ), ReportFixture::kco(), 'daily', 'https://fallback.example/', self::traffic( 500, 2 ) )['fields'];

		$this->assertSame( 'Last real call: Push', $fields['real_call_push']['label'] );
		$this->assertStringContainsString( 'HTTP 500 in 412 ms', $fields['real_call_push']['value'] );
		$this->assertStringContainsString( 'an error for Klarna', $fields['real_call_push']['value'] );
		$this->assertSame( '2026-12-01T08:30:00Z 500 412ms', $fields['real_call_push']['debug'] );
		$this->assertStringContainsString( 'No real call seen since monitoring began', $fields['real_call_block_validate']['value'] );
		$this->assertArrayNotHasKey( 'real_call_notification', $fields, 'a callback the installed KCO does not use and Klarna never called' );
		$this->assertSame( '2 in Pending payment for over 30 minutes without a push', $fields['stuck_orders']['value'] );
		$this->assertSame( '2 (over 30 min)', $fields['stuck_orders']['debug'] );
	}

	public function test_site_health_hands_support_no_order_number_and_no_klarna_order_id(): void {
		$fields = DebugSection::section( ReportFixture::of( array() ), ReportFixture::kco(), 'daily', 'https://fallback.example/', self::traffic( 200, 2 ) )['fields'];

		foreach ( $fields as $key => $field ) {
			$text = $field['value'] . ( $field['debug'] ?? '' );
			$this->assertStringNotContainsString( self::KLARNA_ORDER_ID, $text, $key );
			$this->assertStringNotContainsString( '4100', $text, $key );
		}
	}

	public function test_site_health_leaves_the_traffic_out_when_it_could_not_be_read(): void {
		$fields = DebugSection::section( ReportFixture::of( array() ), ReportFixture::kco(), 'daily', 'https://fallback.example/', null )['fields'];

		$this->assertArrayNotHasKey( 'stuck_orders', $fields );
	}

	/**
	 * The status report's rows as "Get system report" exports them: export label => value.
	 *
	 * @param string $html The section.
	 * @return array<string, string>
	 */
	private static function exported( string $html ): array {
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

	public function test_the_status_report_marks_a_failing_real_call_and_stuck_orders(): void {
		$rows = self::exported( StatusReportSection::html( ReportFixture::of( array() ), ReportFixture::kco(), 'https://shop.example/wp-admin/', self::traffic( 500, 2 ) ) );

		$this->assertStringStartsWith( '❌', $rows['Last real call push'] );
		$this->assertStringContainsString( 'HTTP 500 in 412 ms', $rows['Last real call push'] );
		$this->assertStringStartsWith( 'No real call seen', $rows['Last real call block-validate'] );
		$this->assertStringStartsWith( '❌', $rows['Stuck Klarna orders'] );
		foreach ( $rows as $label => $value ) {
			$this->assertStringNotContainsString( ', ', $value, $label );
		}
	}

	public function test_the_status_report_ticks_a_normal_answer_and_no_stuck_order(): void {
		$rows = self::exported( StatusReportSection::html( ReportFixture::of( array() ), ReportFixture::kco(), 'https://shop.example/wp-admin/', self::traffic( 200, 0 ) ) );

		$this->assertStringStartsWith( '✔', $rows['Last real call push'] );
		$this->assertSame( '✔ None waiting more than 30 minutes for a push', $rows['Stuck Klarna orders'] );
	}
}

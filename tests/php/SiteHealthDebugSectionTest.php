<?php
/**
 * The plugin's section on Site Health's Info tab.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\SiteHealth\DebugSection;
use KcoCallbackDoctor\Tests\Support\ReportFixture;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/support/ReportFixture.php';

/**
 * What "Copy site info to clipboard" hands to support: states, versions, no site address.
 */
final class SiteHealthDebugSectionTest extends TestCase {

	/**
	 * The section for a run with a blocked push.
	 *
	 * @return array<string, mixed>
	 */
	private static function blocked_push_section(): array {
		$blocker = array(
			'causeId'     => 'waf-user-agent',
			'productId'   => 'cloudflare',
			'productName' => 'Cloudflare',
		);
		return DebugSection::section(
			ReportFixture::of(
				array(
					ReportFixture::endpoint( 'push', 'blocked', 403, true, $blocker ),
					ReportFixture::endpoint( 'notification', 'passed', 200, false ),
				),
				'schedule'
			),
			ReportFixture::kco(),
			'daily',
			'https://fallback.example/'
		);
	}

	public function test_states_each_callback_with_its_http_status_and_blocker(): void {
		$fields = self::blocked_push_section()['fields'];

		$this->assertStringContainsString( 'Push', $fields['callback_push']['label'] );
		$this->assertStringContainsString( '403', $fields['callback_push']['value'] );
		$this->assertStringContainsString( 'Cloudflare', $fields['callback_push']['value'] );
		$this->assertStringContainsString( 'blocked', $fields['callback_push']['debug'] );
		$this->assertStringContainsString( 'unused', $fields['callback_notification']['debug'] );
	}

	public function test_states_the_last_check_the_result_kco_and_the_schedule(): void {
		$fields = self::blocked_push_section()['fields'];

		$this->assertStringContainsString( ReportFixture::STARTED_AT, $fields['last_check']['debug'] );
		$this->assertStringContainsString( 'schedule', $fields['last_check']['debug'] );
		$this->assertSame( 'critical', $fields['result']['debug'] );
		$this->assertStringContainsString( '2.20.9', $fields['kco']['value'] );
		$this->assertMatchesRegularExpression( '/block/', $fields['kco']['value'] );
		$this->assertSame( 'daily', $fields['schedule']['debug'] );
	}

	public function test_keeps_the_sites_address_private(): void {
		$fields = self::blocked_push_section()['fields'];

		$this->assertSame( ReportFixture::HOME_URL, $fields['home_url']['value'] );
		$this->assertTrue( $fields['home_url']['private'] );
		foreach ( $fields as $key => $field ) {
			if ( 'home_url' === $key ) {
				continue;
			}
			$this->assertStringNotContainsString( 'shop.example', $field['value'] . ( $field['debug'] ?? '' ), $key );
		}
	}

	public function test_copy_site_info_leaves_the_address_out(): void {
		if ( ! class_exists( 'WP_Debug_Data' ) ) {
			require_once ABSPATH . 'wp-admin/includes/class-wp-debug-data.php';
		}
		$copied = \WP_Debug_Data::format( array( DebugSection::KEY => self::blocked_push_section() ), 'debug' );

		$this->assertStringContainsString( 'callback_push', $copied );
		$this->assertStringNotContainsString( 'shop.example', $copied );
	}

	public function test_says_so_before_the_first_check(): void {
		$section = DebugSection::section( CallbackReport::of_verdict( null, null ), ReportFixture::kco(), null, 'https://shop.example/' );

		$this->assertSame( 'none', $section['fields']['last_check']['debug'] );
		$this->assertSame( 'unknown', $section['fields']['result']['debug'] );
		$this->assertSame( 'unknown', $section['fields']['schedule']['debug'] );
		$this->assertSame( 'https://shop.example/', $section['fields']['home_url']['value'] );
	}

	public function test_says_when_kco_is_not_installed(): void {
		$kco     = array(
			'active'  => false,
			'name'    => null,
			'version' => null,
			'flow'    => 'unknown',
		);
		$section = DebugSection::section( CallbackReport::of_verdict( null, null ), $kco, 'off', 'https://shop.example/' );

		$this->assertSame( 'not installed', $section['fields']['kco']['debug'] );
		$this->assertSame( 'off', $section['fields']['schedule']['debug'] );
	}

	public function test_is_added_to_the_info_tab_without_touching_other_sections(): void {
		$info = DebugSection::add( array( 'wp-core' => array( 'label' => 'WordPress' ) ) );

		$this->assertSame( array( 'label' => 'WordPress' ), $info['wp-core'] );
		$this->assertArrayHasKey( DebugSection::KEY, $info );
		$this->assertArrayHasKey( 'fields', $info[ DebugSection::KEY ] );
	}
}

<?php
/**
 * Redaction: no cookie value and no probe token is kept of what a site answered.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Redaction;
use KcoCallbackDoctor\Tests\Fixtures\Runs;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fixtures/Runs.php';

/**
 * Table-driven over Set-Cookie shapes, and over the places a token can be reflected.
 */
final class RedactionTest extends TestCase {

	private const TOKEN = '2.0123456789abcdef0123456789abcdef.push.1796182203.7eea59607f5ff40efd4b1e8e112cbabbeea5b5d50a398007d9f6f696c0599aea';

	/**
	 * The response headers of a one-observation run after redaction.
	 *
	 * @param array<string, string> $headers Response headers.
	 * @return array<string, string>
	 */
	private static function redacted_headers( array $headers ): array {
		$run = Runs::run( array( Runs::observation( 'klarna', false, array( 'headers' => (object) $headers ) ) ) );
		return (array) Redaction::run( $run )['observations'][0]['response']['headers'];
	}

	/**
	 * Set-Cookie values (repeated headers joined with `, `) and what is kept of them.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function cookies(): array {
		return array(
			'one cookie keeps its name and attributes'     => array( 'PHPSESSID=abc123; path=/; HttpOnly', 'PHPSESSID=[redacted]; path=/; HttpOnly' ),
			'a cookie with an Expires date'                => array( 'wfwaf-authcookie-1=s3cr3t; expires=Thu, 01 Jan 2037 00:00:00 GMT; Max-Age=60', 'wfwaf-authcookie-1=[redacted]; expires=Thu, 01 Jan 2037 00:00:00 GMT; Max-Age=60' ),
			'two cookies joined'                           => array( '__cf_bm=x.y-z; Path=/; Domain=.shop.example, cf_clearance=q; Secure', '__cf_bm=[redacted]; Path=/; Domain=.shop.example, cf_clearance=[redacted]; Secure' ),
			'a cookie without attributes'                  => array( 'a=1, b=2', 'a=[redacted], b=[redacted]' ),
			'an empty cookie value'                        => array( 'deleted=; Max-Age=0', 'deleted=[redacted]; Max-Age=0' ),
			'a value with base64 padding'                  => array( 'sucuri_cloudproxy_uuid_1=YWJj==; path=/', 'sucuri_cloudproxy_uuid_1=[redacted]; path=/' ),
		);
	}

	/**
	 * @dataProvider cookies
	 *
	 * @param string $set_cookie Header value.
	 * @param string $kept       What is kept.
	 */
	public function test_replaces_each_cookie_value_and_keeps_its_name( string $set_cookie, string $kept ): void {
		$this->assertSame( $kept, self::redacted_headers( array( 'set-cookie' => $set_cookie ) )['set-cookie'] );
	}

	public function test_a_reflected_probe_header_is_replaced_whatever_its_shape(): void {
		$headers = self::redacted_headers( array( 'x-kco-doctor-probe' => 'cut-short-' . substr( self::TOKEN, 0, 40 ) ) );

		$this->assertSame( '[redacted]', $headers['x-kco-doctor-probe'] );
	}

	public function test_a_token_is_replaced_in_bodies_headers_urls_and_errors(): void {
		$observation              = Runs::observation(
			'klarna',
			false,
			array(
				'headers' => (object) array( 'location' => 'https://shop.example/blocked?t=' . self::TOKEN ),
				'body'    => 'Blocked request with header X-KCO-Doctor-Probe: ' . self::TOKEN . ' (id 42)',
			),
			array(
				array(
					'url'      => 'https://shop.example/a?t=' . self::TOKEN,
					'status'   => 302,
					'location' => '/b?t=' . self::TOKEN,
					'followed' => true,
				),
			)
		);
		$observation['error']     = array(
			'code'    => 'other',
			'message' => 'Failed with ' . self::TOKEN,
		);
		$redacted                 = Redaction::run( Runs::run( array( $observation ) ) );

		$this->assertStringNotContainsString( self::TOKEN, (string) wp_json_encode( $redacted ) );
		$this->assertSame( 'Blocked request with header X-KCO-Doctor-Probe: [redacted] (id 42)', $redacted['observations'][0]['response']['body'] );
		$this->assertSame( '/b?t=[redacted]', $redacted['observations'][0]['redirects'][0]['location'] );
	}

	public function test_a_token_of_the_previous_format_is_replaced_too(): void {
		$old      = '1' . substr( self::TOKEN, 1 );
		$redacted = Redaction::run( Runs::run( array( Runs::observation( 'klarna', false, array( 'body' => $old ) ) ) ) );

		$this->assertSame( '[redacted]', $redacted['observations'][0]['response']['body'] );
	}

	public function test_what_only_looks_like_a_token_stays(): void {
		$body     = 'Order 0123456789abcdef0123456789abcdef, version 2.5.1, SHA ' . str_repeat( 'e', 64 );
		$redacted = Redaction::run( Runs::run( array( Runs::observation( 'klarna', false, array( 'body' => $body ) ) ) ) );

		$this->assertSame( $body, $redacted['observations'][0]['response']['body'] );
	}
}

<?php
/**
 * ResponseHeaders: what is kept of an answer's headers.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\ResponseHeaders;
use PHPUnit\Framework\TestCase;

/**
 * Headers as Requests reports them (name => values) in, types.ts ProbeResponse headers out.
 */
final class ResponseHeadersTest extends TestCase {

	/**
	 * Bytes of names and values.
	 *
	 * @param array<string, string> $headers Headers.
	 */
	private static function size( array $headers ): int {
		$bytes = 0;
		foreach ( $headers as $name => $value ) {
			$bytes += strlen( (string) $name ) + strlen( $value );
		}
		return $bytes;
	}

	public function test_names_are_lower_case_and_repeated_headers_joined(): void {
		$kept = ResponseHeaders::kept(
			array(
				'Server'     => array( 'cloudflare' ),
				'Set-Cookie' => array( 'a=1; Path=/', 'b=2; Path=/' ),
				'CF-RAY'     => '8f1e2d3c4b5a6978-ARN',
			)
		);

		$this->assertSame(
			array(
				'server'     => 'cloudflare',
				'set-cookie' => 'a=1; Path=/, b=2; Path=/',
				'cf-ray'     => '8f1e2d3c4b5a6978-ARN',
			),
			$kept
		);
	}

	public function test_keeps_at_most_8_kb_of_names_and_values_in_total(): void {
		$received = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$received[ sprintf( 'x-filler-%02d', $i ) ] = array( str_repeat( 'f', 1000 ) );
		}

		$kept = ResponseHeaders::kept( $received );

		$this->assertSame( ResponseHeaders::TOTAL_CAP, self::size( $kept ) );
		$this->assertSame( array( 'x-filler-00', 'x-filler-01' ), array_slice( array_keys( $kept ), 0, 2 ), 'the rest follow in the order they arrived' );
		$this->assertArrayNotHasKey( 'x-filler-39', $kept );
	}

	public function test_the_headers_diagnosis_needs_survive_the_cap_even_when_they_come_last(): void {
		$received = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$received[ sprintf( 'x-filler-%02d', $i ) ] = array( str_repeat( 'f', 1000 ) );
		}
		$received['Location']         = array( 'https://shop.example/en/wc-api/KCO_WC_Push/' );
		$received['Server']           = array( 'Apache' );
		$received['WWW-Authenticate'] = array( 'Basic realm="Staging"' );
		$received['Retry-After']      = array( '3600' );

		$kept = ResponseHeaders::kept( $received );

		$this->assertSame( 'https://shop.example/en/wc-api/KCO_WC_Push/', $kept['location'] );
		$this->assertSame( 'Apache', $kept['server'] );
		$this->assertSame( 'Basic realm="Staging"', $kept['www-authenticate'] );
		$this->assertSame( '3600', $kept['retry-after'] );
		$this->assertLessThanOrEqual( ResponseHeaders::TOTAL_CAP, self::size( $kept ) );
	}

	public function test_one_value_keeps_its_first_2_kb(): void {
		$kept = ResponseHeaders::kept( array( 'Content-Security-Policy' => array( str_repeat( 'c', 5000 ) ) ) );

		$this->assertSame( str_repeat( 'c', ResponseHeaders::VALUE_CAP ), $kept['content-security-policy'] );
	}

	public function test_keeps_at_most_64_headers(): void {
		$received = array();
		for ( $i = 0; $i < 100; $i++ ) {
			$received[ 'x-' . $i ] = array( 'y' );
		}

		$this->assertCount( ResponseHeaders::MAX_COUNT, ResponseHeaders::kept( $received ) );
	}

	public function test_a_value_that_is_not_utf8_becomes_valid_text(): void {
		$kept = ResponseHeaders::kept( array( 'X-Reason' => array( "Acc\xE8s refus\xE9" ) ) );

		$this->assertSame( 'Acc?s refus?', $kept['x-reason'] );
	}
}

<?php
/**
 * KlarnaOrderFingerprint: a push and the order it names meet without the id being kept.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Traffic\KlarnaOrderFingerprint;
use PHPUnit\Framework\TestCase;

/**
 * KCO stores Klarna's id through sanitize_key(); the push carries it as Klarna wrote it.
 */
final class KlarnaOrderFingerprintTest extends TestCase {

	private const ID = '8f2c1e4a-5b6d-4c7e-9f80-1a2b3c4d5e6f';

	public function test_is_a_short_hash_that_does_not_contain_the_id(): void {
		$fingerprint = KlarnaOrderFingerprint::of( self::ID );

		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', (string) $fingerprint );
		$this->assertStringNotContainsString( substr( self::ID, 0, 8 ), (string) $fingerprint );
	}

	public function test_matches_the_push_whatever_case_klarna_wrote_the_id_in(): void {
		$this->assertSame( KlarnaOrderFingerprint::of( self::ID ), KlarnaOrderFingerprint::of( strtoupper( self::ID ) ) );
	}

	public function test_tells_different_orders_apart(): void {
		$this->assertNotSame( KlarnaOrderFingerprint::of( self::ID ), KlarnaOrderFingerprint::of( '8f2c1e4a-5b6d-4c7e-9f80-1a2b3c4d5e70' ) );
	}

	public function test_refuses_values_that_cannot_be_an_order_id(): void {
		$this->assertNull( KlarnaOrderFingerprint::of( '' ) );
		$this->assertNull( KlarnaOrderFingerprint::of( '<>' ) );
		$this->assertNull( KlarnaOrderFingerprint::of( str_repeat( 'a', 65 ) ) );
	}

	public function test_reads_the_push_query(): void {
		$before                    = $_GET;
		$_GET['kco_wc_order_id'] = self::ID;
		try {
			$this->assertSame( KlarnaOrderFingerprint::of( self::ID ), KlarnaOrderFingerprint::of_push() );
			$_GET['kco_wc_order_id'] = array( 'not', 'a', 'string' );
			$this->assertNull( KlarnaOrderFingerprint::of_push() );
		} finally {
			$_GET = $before;
		}
	}
}

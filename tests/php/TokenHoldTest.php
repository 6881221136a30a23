<?php
/**
 * A held answer's wait travels inside the signed token (DESIGN.md §3.13): only the site can ask
 * the responder to wait, never for longer than Klarna's longest deadline.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Probe\Token;
use PHPUnit\Framework\TestCase;

final class TokenHoldTest extends TestCase {

	public function test_a_token_without_a_wait_keeps_the_four_signed_fields(): void {
		$token = Token::issue( 'validation' )['token'];

		$this->assertMatchesRegularExpression( '/^2\.[0-9a-f]{32}\.validation\.[0-9]{10}\.[0-9a-f]{64}$/', $token );
		$this->assertSame( 0, Token::hold_ms( $token ) );
	}

	public function test_the_signed_wait_is_read_back_and_the_token_still_redeems_once(): void {
		$issued = Token::issue( 'validation', Token::PROBE_TTL, 2500 );

		$this->assertSame( 2500, Token::hold_ms( $issued['token'] ) );
		$this->assertSame( $issued['id'], Token::redeem( $issued['token'], 'validation' ) );
		$this->assertNull( Token::redeem( $issued['token'], 'validation' ) );
	}

	public function test_a_wait_changed_after_signing_is_worth_nothing(): void {
		$token   = Token::issue( 'validation', Token::PROBE_TTL, 2500 )['token'];
		$altered = str_replace( '.h2500.', '.h9000.', $token );

		$this->assertNotSame( $token, $altered );
		$this->assertSame( 0, Token::hold_ms( $altered ) );
		$this->assertNull( Token::redeem( $altered, 'validation' ) );
	}

	public function test_a_wait_added_to_a_token_signed_without_one_is_worth_nothing(): void {
		$token  = Token::issue( 'validation' )['token'];
		$parts  = explode( '.', $token );
		$forged = implode( '.', array( $parts[0], $parts[1], $parts[2], $parts[3], 'h9000', $parts[4] ) );

		$this->assertSame( 0, Token::hold_ms( $forged ) );
		$this->assertNull( Token::redeem( $forged, 'validation' ) );
	}

	public function test_no_token_asks_for_more_than_klarnas_longest_deadline(): void {
		$token = Token::issue( 'validation', Token::PROBE_TTL, 60000 )['token'];

		$this->assertSame( Token::MAX_HOLD_MS, Token::hold_ms( $token ) );
		$this->assertSame( 10000, Token::MAX_HOLD_MS );
	}

	public function test_garbage_asks_for_no_wait(): void {
		$this->assertSame( 0, Token::hold_ms( '' ) );
		$this->assertSame( 0, Token::hold_ms( str_repeat( 'h', 300 ) ) );
		$this->assertSame( 0, Token::hold_ms( '1.abc.validation.1234567890.h2500.' . str_repeat( '0', 64 ) ) );
	}
}

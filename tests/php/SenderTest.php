<?php
/**
 * Sender: one signed exchange per probe, and what of the answer is kept.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Probe;
use KcoCallbackDoctor\Probe\Sender;
use KcoCallbackDoctor\Probe\Token;
use KcoCallbackDoctor\Tests\Fixtures\LocalServer;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fixtures/LocalServer.php';

/**
 * Real HTTP against PHP's built-in web server (tests/php/fixtures/router.php).
 */
final class SenderTest extends TestCase {

	/**
	 * The server.
	 *
	 * @var LocalServer
	 */
	private static $server;

	public static function setUpBeforeClass(): void {
		self::$server = LocalServer::start();
	}

	public static function tearDownAfterClass(): void {
		self::$server->stop();
	}

	/**
	 * The exchange of one Klarna-like POST to a path of the server.
	 *
	 * @param string $path    Path.
	 * @param float  $timeout Seconds the exchange may take.
	 * @return array<string, mixed>
	 */
	private static function exchange( string $path, float $timeout = 5.0 ): array {
		$probe = new Probe( 'push', 'klarna', 'POST', self::$server->base . $path, array( 'Content-Type' => 'application/json' ), '{"order_id":"x"}', 'APIs-Klarna' );
		return ( new Sender( $timeout ) )->send( array( 'only' => $probe ), microtime( true ) + 20 )['only'];
	}

	public function test_sends_the_probe_with_a_fresh_token_and_nothing_of_the_admins_session(): void {
		$_COOKIE['wordpress_logged_in_x'] = 'admin-session';
		$exchange                         = self::exchange( '/request' );
		unset( $_COOKIE['wordpress_logged_in_x'] );
		$arrived = json_decode( $exchange['body'], true );
		$headers = array_change_key_case( $arrived['headers'], CASE_LOWER );

		$this->assertSame( 'POST', $arrived['method'] );
		$this->assertSame( '{"order_id":"x"}', $arrived['body'] );
		$this->assertSame( 'APIs-Klarna', $headers['user-agent'] );
		$this->assertMatchesRegularExpression( '/^2\.[0-9a-f]{32}\.push\.[0-9]{10}\.[0-9a-f]{64}$/', $headers[ strtolower( Token::HEADER ) ] );
		$this->assertStringContainsString( '.' . $exchange['probeId'] . '.', $headers[ strtolower( Token::HEADER ) ] );
		$this->assertArrayNotHasKey( 'cookie', $headers );
		$this->assertArrayNotHasKey( 'referer', $headers );
		$this->assertArrayNotHasKey( 'authorization', $headers );
	}

	public function test_keeps_at_most_8_kb_of_response_headers_in_total_and_always_the_location(): void {
		$exchange = self::exchange( '/many-headers' );

		$kept = 0;
		foreach ( $exchange['headers'] as $name => $value ) {
			$kept += strlen( $name ) + strlen( $value );
		}
		$this->assertSame( 302, $exchange['status'] );
		$this->assertLessThanOrEqual( 8192, $kept );
		$this->assertGreaterThan( 4096, $kept, 'the cap keeps what fits, not nothing' );
		$this->assertSame( '/landing', $exchange['headers']['location'] );
		$this->assertSame( '/landing', $exchange['location'] );
	}

	public function test_keeps_the_first_8_kb_of_a_body_and_says_it_was_cut(): void {
		$exchange = self::exchange( '/huge-body' );

		$this->assertSame( 403, $exchange['status'] );
		$this->assertSame( Sender::BODY_CAP, strlen( $exchange['body'] ) );
		$this->assertStringStartsWith( 'blocked blocked', $exchange['body'] );
		$this->assertTrue( $exchange['truncated'] );
	}

	public function test_a_body_that_is_not_utf8_is_kept_as_valid_text(): void {
		$exchange = self::exchange( '/latin-1' );

		$this->assertTrue( wp_check_invalid_utf8( $exchange['body'] ) === $exchange['body'] );
		$this->assertStringStartsWith( 'Acc', $exchange['body'] );
		$this->assertStringEndsWith( 'refus?', $exchange['body'] );
	}

	public function test_an_exchange_slower_than_its_timeout_is_a_timeout(): void {
		$exchange = self::exchange( '/slow/2000', 0.5 );

		$this->assertNull( $exchange['status'] );
		$this->assertSame( 'timeout', $exchange['error']['code'] );
	}

	public function test_a_port_where_nothing_listens_is_a_refused_connection(): void {
		$probe    = new Probe( 'push', 'klarna', 'POST', 'http://127.0.0.1:1/', array(), '', 'APIs-Klarna' );
		$exchange = ( new Sender( 5.0 ) )->send( array( $probe ), microtime( true ) + 20 )[0];

		$this->assertNull( $exchange['status'] );
		$this->assertSame( 'connect', $exchange['error']['code'] );
	}

	public function test_a_probe_is_not_sent_when_the_run_has_no_time_left(): void {
		$probe    = new Probe( 'push', 'klarna', 'POST', self::$server->base . '/request', array(), '', 'APIs-Klarna' );
		$exchange = ( new Sender( 5.0 ) )->send( array( $probe ), microtime( true ) + 0.1 )[0];

		$this->assertNull( $exchange['probeId'] );
		$this->assertSame( 'deadline', $exchange['error']['code'] );
	}
}

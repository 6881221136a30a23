<?php
/**
 * RedirectFollower: what a probe's journey records when the site redirects it.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Probe;
use KcoCallbackDoctor\Probe\RedirectFollower;
use KcoCallbackDoctor\Probe\Sender;
use KcoCallbackDoctor\Tests\Fixtures\LocalServer;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fixtures/LocalServer.php';

/**
 * Real HTTP: the plugin's Sender and follower against PHP's built-in web server, which answers
 * with the redirects of tests/php/fixtures/router.php.
 */
final class RedirectFollowerTest extends TestCase {

	/**
	 * PHP's built-in web server answering with the redirects of fixtures/router.php.
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
	 * The journey of one POST with a body to a path of the server.
	 *
	 * @param string $path Path.
	 * @return array<string, mixed>
	 */
	private static function travel( string $path ): array {
		$probe    = new Probe( 'push', 'klarna', 'POST', self::$server->base . $path, array( 'Content-Type' => 'application/json' ), '{"order_id":"x"}', 'APIs-Klarna' );
		$follower = new RedirectFollower( new Sender( 5.0 ) );
		return $follower->travel( array( $probe ), 1, microtime( true ) + 20 )[0];
	}

	public function test_after_a_301_the_post_arrives_as_a_get_without_its_body(): void {
		$journey = self::travel( '/moved/301' );

		$this->assertSame( 2, $journey['hops'] );
		$this->assertSame( array( 'method' => 'GET', 'body' => '' ), json_decode( $journey['final']['body'], true ) );
		$this->assertSame(
			array(
				array(
					'url'      => self::$server->base . '/moved/301',
					'status'   => 301,
					'location' => '/landing',
					'followed' => true,
				),
			),
			$journey['redirects']
		);
	}

	public function test_after_a_307_the_post_arrives_with_its_body(): void {
		$journey = self::travel( '/moved/307' );

		$this->assertSame( array( 'method' => 'POST', 'body' => '{"order_id":"x"}' ), json_decode( $journey['final']['body'], true ) );
		$this->assertSame( 'POST', $journey['probe']->method );
	}

	public function test_an_endless_chain_is_followed_five_hops_and_the_sixth_is_only_recorded(): void {
		$journey = self::travel( '/loop/0' );

		$this->assertSame( RedirectFollower::MAX_HOPS + 1, $journey['hops'] );
		$this->assertSame( array( true, true, true, true, true, false ), array_column( $journey['redirects'], 'followed' ) );
		$this->assertSame( 302, $journey['final']['status'] );
	}

	/**
	 * Paths whose redirect leaves the home host or port.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function leaving(): array {
		return array(
			'to another host'             => array( '/elsewhere' ),
			'to another port of the host' => array( '/other-port' ),
		);
	}

	/**
	 * @dataProvider leaving
	 *
	 * @param string $path Path that redirects away.
	 */
	public function test_a_redirect_away_from_the_home_host_or_port_is_recorded_not_followed( string $path ): void {
		$journey = self::travel( $path );

		$this->assertSame( 1, $journey['hops'] );
		$this->assertCount( 1, $journey['redirects'] );
		$this->assertFalse( $journey['redirects'][0]['followed'] );
		$this->assertSame( 302, $journey['final']['status'] );
	}
}

<?php
/**
 * The canary: one plain, signed request per path before anything Klarna-shaped.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Canary;
use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\DispatchAnswer;
use PHPUnit\Framework\TestCase;

/**
 * docs/probe-protocol.md §12.
 */
final class CanaryTest extends TestCase {

	public function test_one_canary_per_path_guards_the_endpoints(): void {
		$probes = Canary::probes( Catalogue::ids() );

		$this->assertSame(
			array( Canary::WC_API, Canary::REST ),
			array_map(
				static function ( $probe ) {
					return $probe->endpoint;
				},
				$probes
			)
		);
		$this->assertSame( home_url( '/wc-api/kco-callback-doctor-canary/' ), $probes[0]->url );
		$this->assertSame( rest_url( 'kco-callback-doctor/v1/canary' ), $probes[1]->url );
		$this->assertSame( Canary::WC_API, Canary::for_endpoint( 'push' ) );
		$this->assertSame( Canary::REST, Canary::for_endpoint( 'block-validate' ) );
		$only_rest = Canary::probes( array( 'block-validate' ) );
		$this->assertCount( 1, $only_rest );
		$this->assertSame( Canary::REST, $only_rest[0]->endpoint );
	}

	public function test_the_canary_carries_nothing_klarna_shaped(): void {
		foreach ( Canary::probes( Catalogue::ids() ) as $probe ) {
			$this->assertSame( 'canary', $probe->variant );
			$this->assertSame( 'POST', $probe->method );
			$this->assertSame( '', $probe->body );
			$this->assertNull( $probe->order_id );
			$this->assertStringNotContainsString( '?', str_replace( '?rest_route=', '', $probe->url ) );
			$this->assertStringNotContainsString( 'Klarna', $probe->user_agent );
			$this->assertSame( home_url( '/' ), $probe->headers['Referer'] );
		}
	}

	public function test_no_kco_handler_can_serve_the_canarys_wc_api_name(): void {
		$this->assertNull( Catalogue::endpoint_for_wc_api( Canary::WC_API_NAME ) );
		$this->assertSame( array( Canary::WC_API, Canary::SITE_WC_API ), Canary::for_wc_api( 'KCO-Callback-Doctor-Canary' ) );
		$this->assertSame( array(), Canary::for_wc_api( 'KCO_WC_Push' ) );
	}

	/**
	 * Answers and whether WooCommerce's or the REST API's dispatch produced them.
	 *
	 * @return array<string, array{0: array<string, mixed>|null, 1: bool}>
	 */
	public function answers(): array {
		$rest = array(
			'content-type'                  => 'application/json; charset=UTF-8',
			'access-control-expose-headers' => 'X-WP-Total, X-WP-TotalPages, Link',
			'link'                          => '<http://shop.example/wp-json/>; rel="https://api.w.org/"',
		);
		return array(
			'WooCommerce without a handler'     => array( self::response( 400, array(), '-1' ), true ),
			'WooCommerce with a handler'        => array( self::response( 200, array(), "-1\n" ), true ),
			'the REST API'                      => array( self::response( 200, $rest, '{"recorded":true}' ), true ),
			'a firewall’s 403 page'             => array( self::response( 403, array( 'content-type' => 'text/html' ), '<h1>Forbidden</h1>' ), false ),
			'a WordPress page with a REST link' => array(
				self::response(
					404,
					array(
						'content-type' => 'text/html',
						'link'         => $rest['link'],
					),
					'<html>'
				),
				false,
			),
			'no answer'                         => array( null, false ),
		);
	}

	/**
	 * A response as Observation::of() records it.
	 *
	 * @param int                   $status  Status.
	 * @param array<string, string> $headers Lower-case headers.
	 * @param string                $body    Body.
	 * @return array<string, mixed>
	 */
	private static function response( int $status, array $headers, string $body ): array {
		return array(
			'status'  => $status,
			'headers' => (object) $headers,
			'body'    => $body,
		);
	}

	/**
	 * @dataProvider answers
	 *
	 * @param array<string, mixed>|null $response The observed response.
	 * @param bool                      $dispatch Whether it came from the dispatch.
	 */
	public function test_tells_an_answer_of_the_dispatch_from_a_blockers( ?array $response, bool $dispatch ): void {
		$this->assertSame( $dispatch, DispatchAnswer::from_dispatch( array( 'response' => $response ) ) );
	}
}

<?php
/**
 * Content isolation: variants that keep path, method and identity and neutralise Klarna's content.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\Probe;
use KcoCallbackDoctor\Probe\Variants;
use PHPUnit\Framework\TestCase;

/**
 * docs/probe-protocol.md §8.
 */
final class ContentVariantsTest extends TestCase {

	private const KCO = array(
		'version' => '2.20.9',
		'flow'    => 'classic',
	);

	/**
	 * The content variants of an endpoint's Klarna-shaped probe, by variant id.
	 *
	 * @param string $endpoint Endpoint id.
	 * @return array{0: Probe, 1: array<string, Probe>}
	 */
	private function variants_of( string $endpoint ): array {
		$probe    = Catalogue::klarna( $endpoint, self::KCO );
		$variants = array();
		foreach ( Variants::neutral_content( $probe ) as $variant ) {
			$variants[ $variant->variant ] = $variant;
		}
		return array( $probe, $variants );
	}

	public function test_the_push_gets_a_numeric_order_id_and_plain_query_values(): void {
		list( $probe, $variants ) = $this->variants_of( 'push' );

		$this->assertSame( array( 'numeric-order-id', 'plain-query' ), array_keys( $variants ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f-]{36}$/', (string) $probe->order_id );
		$numeric = $variants['numeric-order-id'];
		$this->assertMatchesRegularExpression( '#/wc-api/KCO_WC_Push/\?kco-action=push&kco_wc_order_id=[0-9]{4}$#', $numeric->url );
		$this->assertSame( 'klarna', $numeric->based_on );
		$this->assertSame( $probe->method, $numeric->method );
		$this->assertSame( $probe->user_agent, $numeric->user_agent );
		$this->assertSame( '?kco-action=push&kco_wc_order_id=' . str_replace( '-', '', (string) $probe->order_id ), strstr( $variants['plain-query']->url, '?' ) );
	}

	/**
	 * Under plain permalinks the probes go to `?wc-api=NAME` or `?rest_route=/…`: those values
	 * route the request, so the plain-query variant keeps them and changes only Klarna's content.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function routed_by_query(): array {
		return array(
			'wc-api'     => array( 'https://shop.example/?wc-api=KCO_WC_Push&kco-action=push&kco_wc_order_id=5b2f9c1e-7a3d-4e8f-9b6a-2c4d6e8f0a1b', '?wc-api=KCO_WC_Push&kco-action=push&kco_wc_order_id=5b2f9c1e7a3d4e8f9b6a2c4d6e8f0a1b' ),
			'rest_route' => array( 'https://shop.example/?rest_route=/kco-block/order/5b2f9c1e-7a3d-4e8f-9b6a-2c4d6e8f0a1b/validate', '?rest_route=/kco-block/order/5b2f9c1e-7a3d-4e8f-9b6a-2c4d6e8f0a1b/validate' ),
		);
	}

	/**
	 * @dataProvider routed_by_query
	 *
	 * @param string $url      URL of the Klarna-shaped probe.
	 * @param string $expected Query of the plain-query variant.
	 */
	public function test_plain_query_values_keep_the_parameters_that_route_the_request( string $url, string $expected ): void {
		$probe = new Probe( 'push', 'klarna', 'POST', $url, array(), '', 'APIs-Klarna' );

		$this->assertSame( $expected, strstr( $probe->with_plain_query()->url, '?' ) );
	}

	public function test_a_body_callback_gets_a_minimal_body_and_none_and_the_order_id_changes_in_the_body_too(): void {
		list( $probe, $variants ) = $this->variants_of( 'block-validate' );

		// The REST route has no query: a plain-query variant would send the same request.
		$this->assertSame( array( 'numeric-order-id', 'minimal-body', 'no-body' ), array_keys( $variants ) );
		$numeric = $variants['numeric-order-id'];
		$this->assertStringNotContainsString( (string) $probe->order_id, $numeric->url . $numeric->body );
		$this->assertMatchesRegularExpression( '#/kco-block/order/[0-9]{4}/validate$#', $numeric->url );
		$this->assertSame( strlen( $probe->body ) - 32, strlen( $numeric->body ) );
		$this->assertSame( '{"order_id":"' . $probe->order_id . '"}', $variants['minimal-body']->body );
		$this->assertSame( 'application/json', $variants['minimal-body']->headers['Content-Type'] );
		$this->assertSame( '', $variants['no-body']->body );
		$this->assertSame( '', $variants['no-body']->headers['Content-Type'] );
		$this->assertSame( 'POST', $variants['no-body']->method );
	}

	public function test_identity_variants_come_first_then_content(): void {
		$probe = Catalogue::klarna( 'notification', self::KCO );

		$this->assertSame(
			array( 'browser-user-agent', 'with-referer', 'get', 'numeric-order-id', 'plain-query', 'minimal-body', 'no-body' ),
			array_map(
				static function ( Probe $variant ): string {
					return $variant->variant;
				},
				Variants::isolating( $probe, home_url( '/' ) )
			)
		);
	}
}

<?php
/**
 * Observation: what is reported of one probe (types.ts Observation).
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\EchoSeal;
use KcoCallbackDoctor\Probe\Observation;
use KcoCallbackDoctor\Probe\Probe;
use PHPUnit\Framework\TestCase;

/**
 * Journeys as RedirectFollower::travel() returns them, observations out.
 */
final class ObservationTest extends TestCase {

	private const PROBE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

	/**
	 * A Klarna-shaped notification probe.
	 */
	private static function probe(): Probe {
		return new Probe(
			'notification',
			'klarna',
			'POST',
			'https://shop.example/wc-api/KCO_WC_Notification/?kco_wc_order_id=4f3c2a7e-9b1d-4c6e-8a2f-0d5e7b9c1a34',
			array(
				'Accept'       => 'application/json',
				'Content-Type' => 'application/json',
				'Expect'       => '',
			),
			'{"order_id":"4f3c2a7e-9b1d-4c6e-8a2f-0d5e7b9c1a34","event_type":"FRAUD_RISK_ACCEPTED"}',
			'APIs-Klarna'
		);
	}

	/**
	 * A journey whose last exchange is given.
	 *
	 * @param array<string, mixed> $final Overrides of the last exchange.
	 * @return array<string, mixed>
	 */
	private static function journey( array $final ): array {
		return array(
			'probe'     => self::probe(),
			'final'     => array_merge(
				array(
					'probeId'   => self::PROBE_ID,
					'status'    => 200,
					'reason'    => 'OK',
					'headers'   => array( 'content-type' => 'application/json; charset=UTF-8' ),
					'body'      => '',
					'rawBody'   => '',
					'truncated' => false,
					'location'  => null,
					'error'     => null,
				),
				$final
			),
			'redirects' => array(),
			'hops'      => 1,
			'alone'     => false,
			'totalMs'   => 42,
			'connectMs' => 1,
			'tlsMs'     => 7,
		);
	}

	/**
	 * An echo the responder would send for a probe.
	 *
	 * @param string $probe_id Probe id.
	 * @param string $endpoint Endpoint.
	 */
	private static function sealed( string $probe_id, string $endpoint ): string {
		return EchoSeal::seal(
			array(
				'protocol' => 1,
				'probeId'  => $probe_id,
				'endpoint' => $endpoint,
			)
		);
	}

	public function test_reports_the_echo_when_the_signed_answer_to_this_very_probe_came_back(): void {
		$body        = self::sealed( self::PROBE_ID, 'notification' );
		$observation = Observation::of( self::probe(), self::journey( array( 'rawBody' => $body, 'body' => $body ) ) );

		$this->assertSame( self::PROBE_ID, $observation['echo']['probeId'] );
		$this->assertSame( 'notification', $observation['endpoint'] );
		$this->assertSame( 'klarna', $observation['variant'] );
		$this->assertNull( $observation['basedOn'] );
	}

	/**
	 * Last exchanges that must not count as the echo.
	 *
	 * @return array<string, array{0: array<string, mixed>}>
	 */
	public function not_echoed(): array {
		$ours = self::sealed( self::PROBE_ID, 'notification' );
		return array(
			'the echo of another probe'                       => array( array( 'rawBody' => self::sealed( 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'notification' ) ) ),
			'an echo routed to another endpoint'              => array( array( 'rawBody' => self::sealed( self::PROBE_ID, 'push' ) ) ),
			'our echo, but with another status than 200'      => array( array( 'rawBody' => $ours, 'status' => 403 ) ),
			'our echo on an exchange that was never signed'   => array( array( 'rawBody' => $ours, 'probeId' => null ) ),
			'a page that answered 200'                        => array( array( 'rawBody' => '<html>Shop</html>' ) ),
		);
	}

	/**
	 * @dataProvider not_echoed
	 *
	 * @param array<string, mixed> $final Last exchange.
	 */
	public function test_anything_but_that_echo_is_reported_as_no_echo( array $final ): void {
		$this->assertNull( Observation::of( self::probe(), self::journey( $final ) )['echo'] );
	}

	public function test_reports_the_request_as_sent_without_empty_headers(): void {
		$request = Observation::of( self::probe(), self::journey( array() ) )['request'];
		$body    = self::probe()->body;

		$this->assertSame( 'POST', $request['method'] );
		$this->assertSame( self::probe()->url, $request['url'] );
		$this->assertSame(
			array(
				'User-Agent'     => 'APIs-Klarna',
				'Accept'         => 'application/json',
				'Content-Type'   => 'application/json',
				'Content-Length' => (string) strlen( $body ),
			),
			(array) $request['headers']
		);
		$this->assertSame( strlen( $body ), $request['bodyBytes'] );
		$this->assertSame( hash( 'sha256', $body ), $request['bodySha256'] );
	}

	public function test_a_get_variant_reports_no_body_and_no_content_length(): void {
		$probe   = self::probe()->derive( 'get' )->as_get();
		$request = Observation::of( $probe, self::journey( array() ) )['request'];

		$this->assertSame( 'GET', $request['method'] );
		$this->assertArrayNotHasKey( 'Content-Length', (array) $request['headers'] );
		$this->assertArrayNotHasKey( 'Content-Type', (array) $request['headers'] );
		$this->assertSame( 0, $request['bodyBytes'] );
		$this->assertSame( hash( 'sha256', '' ), $request['bodySha256'] );
	}

	public function test_a_response_is_reported_as_received(): void {
		$observation = Observation::of(
			self::probe(),
			self::journey(
				array(
					'status'    => 403,
					'reason'    => 'Forbidden',
					'headers'   => array( 'server' => 'cloudflare' ),
					'body'      => 'Sorry, you have been blocked',
					'rawBody'   => 'Sorry, you have been blocked',
					'truncated' => true,
				)
			)
		);

		$this->assertSame(
			array(
				'status'        => 403,
				'reason'        => 'Forbidden',
				'headers'       => array( 'server' => 'cloudflare' ),
				'body'          => 'Sorry, you have been blocked',
				'bodyTruncated' => true,
			),
			array_merge( $observation['response'], array( 'headers' => (array) $observation['response']['headers'] ) )
		);
		$this->assertNull( $observation['error'] );
		$this->assertSame(
			array(
				'totalMs'       => 42,
				'connectMs'     => 1,
				'tlsMs'         => 7,
				'measuredAlone' => false,
			),
			$observation['timing']
		);
	}

	public function test_an_exchange_without_an_http_answer_has_no_response_but_its_error(): void {
		$error       = array(
			'code'    => 'tls',
			'message' => 'SSL certificate problem: self-signed certificate',
		);
		$observation = Observation::of( self::probe(), self::journey( array( 'status' => null, 'error' => $error ) ) );

		$this->assertNull( $observation['response'] );
		$this->assertSame( $error, $observation['error'] );
		$this->assertNull( $observation['echo'] );
	}

	public function test_empty_header_maps_are_json_objects_not_arrays(): void {
		$observation = Observation::of( self::probe(), self::journey( array( 'status' => 204, 'headers' => array() ) ) );

		$this->assertSame( '{}', wp_json_encode( $observation['response']['headers'] ) );
	}
}

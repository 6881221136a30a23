<?php
/**
 * EchoSeal: only the signed echo for the very probe sent counts as a pass (docs/probe-protocol.md §7).
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\EchoSeal;
use PHPUnit\Framework\TestCase;

/**
 * Seals an echo as the responder does and opens it as the Runner does.
 */
final class EchoSealTest extends TestCase {

	private const PROBE_ID = '0123456789abcdef0123456789abcdef';

	/**
	 * An echo as the responder builds it (types.ts Echo).
	 *
	 * @return array<string, mixed>
	 */
	private static function echo_of_push(): array {
		return array(
			'protocol'           => 1,
			'probeId'            => self::PROBE_ID,
			'endpoint'           => 'push',
			'routedAs'           => 'wc-api/kco_wc_push',
			'method'             => 'POST',
			'bodyBytes'          => 0,
			'bodySha256'         => hash( 'sha256', '' ),
			'queryKeys'          => array( 'kco-action', 'kco_wc_order_id' ),
			'handlerRegistered'  => true,
			'clientAddressClass' => 'loopback',
			'proxyHeaders'       => array(),
		);
	}

	public function test_opens_the_echo_it_sealed_for_the_same_probe_and_endpoint(): void {
		$echo = self::echo_of_push();
		$this->assertSame( $echo, EchoSeal::open( EchoSeal::seal( $echo ), self::PROBE_ID, 'push' ) );
	}

	/**
	 * Bodies that must never count as the echo of probe PROBE_ID on push.
	 *
	 * @return array<string, array{0: callable(): string, 1: string, 2: string}>
	 */
	public function refused(): array {
		$sealed = static function (): string {
			return EchoSeal::seal( self::echo_of_push() );
		};
		return array(
			'an echo for another probe id'                      => array( $sealed, 'ffffffffffffffffffffffffffffffff', 'push' ),
			'an echo routed to another endpoint'                => array( $sealed, self::PROBE_ID, 'notification' ),
			'an echo whose content was changed after sealing'   => array(
				static function (): string {
					$body                             = json_decode( EchoSeal::seal( self::echo_of_push() ), true );
					$body['echo']['handlerRegistered'] = false;
					return (string) wp_json_encode( $body );
				},
				self::PROBE_ID,
				'push',
			),
			'an echo with a forged signature'                   => array(
				static function (): string {
					$body              = json_decode( EchoSeal::seal( self::echo_of_push() ), true );
					$body['signature'] = hash_hmac( 'sha256', (string) wp_json_encode( $body['echo'] ), 'guessed key' );
					return (string) wp_json_encode( $body );
				},
				self::PROBE_ID,
				'push',
			),
			'an echo without a signature'                       => array(
				static function (): string {
					return (string) wp_json_encode( array( 'echo' => self::echo_of_push() ) );
				},
				self::PROBE_ID,
				'push',
			),
			'a signature that is not a string'                  => array(
				static function (): string {
					return (string) wp_json_encode(
						array(
							'echo'      => self::echo_of_push(),
							'signature' => 12345,
						)
					);
				},
				self::PROBE_ID,
				'push',
			),
			'a WordPress page that answered 200'                => array(
				static function (): string {
					return '<!doctype html><html><body>Shop</body></html>';
				},
				self::PROBE_ID,
				'push',
			),
			'WooCommerce’s own wc-api answer'                   => array(
				static function (): string {
					return '-1';
				},
				self::PROBE_ID,
				'push',
			),
			'an empty body'                                     => array(
				static function (): string {
					return '';
				},
				self::PROBE_ID,
				'push',
			),
		);
	}

	/**
	 * @dataProvider refused
	 *
	 * @param callable $body     Makes the response body.
	 * @param string   $probe_id Probe the Runner sent.
	 * @param string   $endpoint Endpoint the Runner sent it to.
	 */
	public function test_refuses_anything_but_the_untouched_echo_of_that_probe( callable $body, string $probe_id, string $endpoint ): void {
		$this->assertNull( EchoSeal::open( $body(), $probe_id, $endpoint ) );
	}
}

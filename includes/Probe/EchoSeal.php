<?php
/**
 * Signs the responder's echo and verifies it on the Runner's side.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * A probe passes only when the signed echo for that very probe comes back (docs/probe-protocol.md §7):
 * a cache, a proxy or a block page that happens to answer 200 cannot fake it.
 */
final class EchoSeal {

	/**
	 * The body the responder sends: `{"echo": {...}, "signature": "hex"}`.
	 *
	 * @param array<string, mixed> $echo Echo (types.ts Echo).
	 */
	public static function seal( array $echo ): string {
		return (string) wp_json_encode(
			array(
				'echo'      => $echo,
				'signature' => self::sign( $echo ),
			)
		);
	}

	/**
	 * The echo in a response body when its signature verifies and it answers the given probe.
	 *
	 * @param string $body     Response body.
	 * @param string $probe_id Id of the token sent with the request.
	 * @param string $endpoint Endpoint the probe was sent to.
	 * @return array<string, mixed>|null
	 */
	public static function open( string $body, string $probe_id, string $endpoint ): ?array {
		$decoded = json_decode( $body, true );
		if ( ! is_array( $decoded ) || ! isset( $decoded['echo'], $decoded['signature'] ) || ! is_array( $decoded['echo'] ) || ! is_string( $decoded['signature'] ) ) {
			return null;
		}
		$echo = $decoded['echo'];
		if ( ! hash_equals( self::sign( $echo ), $decoded['signature'] ) ) {
			return null;
		}
		if ( ( $echo['probeId'] ?? null ) !== $probe_id || ( $echo['endpoint'] ?? null ) !== $endpoint ) {
			return null;
		}
		return $echo;
	}

	/**
	 * HMAC over the echo as JSON. json_decode() keeps key order and types, so the Runner's
	 * re-encoding of a decoded echo is byte-identical to what the responder signed.
	 *
	 * @param array<string, mixed> $echo Echo.
	 */
	private static function sign( array $echo ): string {
		return hash_hmac( 'sha256', (string) wp_json_encode( $echo ), self::key() );
	}

	/**
	 * A key of its own, so an echo signature can never double as a token.
	 */
	private static function key(): string {
		return hash_hmac( 'sha256', 'kco-callback-doctor/probe-echo/v1', wp_salt( 'auth' ), true );
	}
}

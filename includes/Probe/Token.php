<?php
/**
 * Signed, single-use probe tokens (DESIGN.md §3.1).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * A token is `1.{id}.{endpoint}.{expires}.{hmac}`: the responder answers only a request whose
 * token this site signed, for the endpoint the request was routed to, before it expires, once.
 */
final class Token {

	public const HEADER = 'X-KCO-Doctor-Probe';

	/**
	 * Loopback probes live for the length of a run.
	 */
	public const PROBE_TTL = 120;

	/**
	 * The external test (a signed curl command run from elsewhere) needs minutes, never more.
	 */
	public const EXTERNAL_TTL = 900;

	/**
	 * Consumed ids are remembered in rows with this option-name prefix until they expire.
	 */
	public const USED_PREFIX = 'kco_callback_doctor_used_probe_';

	private const VERSION = '1';

	private const PATTERN = '/^1\.([0-9a-f]{32})\.([a-z-]{1,32})\.([0-9]{10})\.([0-9a-f]{64})$/';

	/**
	 * Signs a new token.
	 *
	 * @param string $endpoint Endpoint id.
	 * @param int    $ttl      Seconds it stays valid, at most EXTERNAL_TTL.
	 * @return array{token: string, id: string, expires: int}
	 */
	public static function issue( string $endpoint, int $ttl = self::PROBE_TTL ): array {
		$id      = bin2hex( random_bytes( 16 ) );
		$expires = time() + max( 1, min( $ttl, self::EXTERNAL_TTL ) );
		$payload = self::VERSION . '.' . $id . '.' . $endpoint . '.' . $expires;
		return array(
			'token'   => $payload . '.' . hash_hmac( 'sha256', $payload, self::key() ),
			'id'      => $id,
			'expires' => $expires,
		);
	}

	/**
	 * Checks a token for the endpoint a request was routed to and consumes it. Returns the probe
	 * id, or null when the token is malformed, forged, expired, for another endpoint or replayed.
	 *
	 * @param string $token    Header value.
	 * @param string $endpoint Endpoint id the request was routed to.
	 */
	public static function redeem( string $token, string $endpoint ): ?string {
		if ( strlen( $token ) > 200 || 1 !== preg_match( self::PATTERN, $token, $parts ) ) {
			return null;
		}
		list( , $id, $token_endpoint, $expires, $signature ) = $parts;
		$payload = self::VERSION . '.' . $id . '.' . $token_endpoint . '.' . $expires;
		if ( ! hash_equals( hash_hmac( 'sha256', $payload, self::key() ), $signature ) ) {
			return null;
		}
		$expires = (int) $expires;
		$now     = time();
		// A signed expiry further out than any TTL we issue cannot be ours in spirit: refuse it.
		if ( $expires < $now || $expires > $now + self::EXTERNAL_TTL ) {
			return null;
		}
		if ( $token_endpoint !== $endpoint ) {
			return null;
		}
		return self::consume( $id, $expires ) ? $id : null;
	}

	/**
	 * Forgets consumed ids whose tokens have expired.
	 */
	public static function forget_expired(): void {
		global $wpdb;
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(option_value AS UNSIGNED) < %d",
				$wpdb->esc_like( self::USED_PREFIX ) . '%',
				time()
			)
		);
	}

	/**
	 * Records the id as used. INSERT IGNORE on the unique option_name makes this atomic: of two
	 * requests racing with the same token exactly one inserts the row. add_option() would not
	 * do: it writes with ON DUPLICATE KEY UPDATE, and an object cache could answer its
	 * existence check from memory.
	 *
	 * @param string $id      Probe id.
	 * @param int    $expires Expiry, kept so the row can be forgotten later.
	 */
	private static function consume( string $id, int $expires ): bool {
		global $wpdb;
		$inserted = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->prepare(
				"INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')",
				self::USED_PREFIX . $id,
				(string) $expires
			)
		);
		return 1 === $inserted;
	}

	/**
	 * HMAC key for tokens, derived from the site's salts so it never leaves the server.
	 */
	private static function key(): string {
		return hash_hmac( 'sha256', 'kco-callback-doctor/probe-token/v1', wp_salt( 'auth' ), true );
	}
}

<?php
/**
 * Signed, single-use probe tokens (docs/probe-protocol.md §4).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * A token is `2.{id}.{endpoint}.{expires}.{hmac}`: the responder answers only a request whose
 * token this site signed, for the endpoint the request was routed to, before it expires, once.
 *
 * The HMAC also covers the site the token was issued on (blog id and home host), which the token
 * does not carry: the verifier puts in its own. Every blog of a multisite network shares the
 * salts the key comes from, and a copied database (staging) shares them with production, so
 * without this a token minted on one site would be answered by another.
 *
 * A probe that tests time on the path (DESIGN.md §3.13) carries its hold in the signed part,
 * `2.{id}.{endpoint}.{expires}.h{ms}.{hmac}`, so nobody but the site can make the responder wait.
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

	/**
	 * The longest wait a token may ask for: Klarna's longest deadline (10 s, strict validation).
	 */
	public const MAX_HOLD_MS = 10000;

	private const VERSION = '2';

	private const PATTERN = '/^2\.([0-9a-f]{32})\.([a-z-]{1,32})\.([0-9]{10})(?:\.h([0-9]{1,5}))?\.([0-9a-f]{64})$/';

	/**
	 * Signs a new token.
	 *
	 * @param string $endpoint Endpoint id.
	 * @param int    $ttl      Seconds it stays valid, at most EXTERNAL_TTL.
	 * @param int    $hold_ms  Milliseconds the responder waits before answering, at most MAX_HOLD_MS.
	 * @return array{token: string, id: string, expires: int}
	 */
	public static function issue( string $endpoint, int $ttl = self::PROBE_TTL, int $hold_ms = 0 ): array {
		$id       = bin2hex( random_bytes( 16 ) );
		$expires  = time() + max( 1, min( $ttl, self::EXTERNAL_TTL ) );
		$unsigned = self::unsigned( $id, $endpoint, (string) $expires, (string) max( 0, min( $hold_ms, self::MAX_HOLD_MS ) ) );
		return array(
			'token'   => $unsigned . '.' . self::signature( $unsigned ),
			'id'      => $id,
			'expires' => $expires,
		);
	}

	/**
	 * Checks a token for the endpoint a request was routed to and consumes it. Returns the probe
	 * id, or null when the token is malformed, forged, signed on another site, expired, for
	 * another endpoint or replayed. A refused token is not consumed.
	 *
	 * @param string $token    Header value.
	 * @param string $endpoint Endpoint id the request was routed to.
	 */
	public static function redeem( string $token, string $endpoint ): ?string {
		$parts = self::verified_parts( $token );
		if ( null === $parts ) {
			return null;
		}
		list( $id, $token_endpoint, $expires ) = $parts;
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
	 * The wait a token signed by this site asks for, in ms; 0 for none or for a token that is not
	 * ours. Only the signed value counts, and never more than MAX_HOLD_MS.
	 *
	 * @param string $token Header value.
	 */
	public static function hold_ms( string $token ): int {
		$parts = self::verified_parts( $token );
		return null === $parts ? 0 : min( (int) $parts[3], self::MAX_HOLD_MS );
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
	 * The parts of a well-formed token whose signature verifies for this site: id, endpoint,
	 * expires, hold ('0' when it asks for none); null otherwise. Says nothing about expiry or reuse.
	 *
	 * @param string $token Header value.
	 * @return string[]|null
	 */
	private static function verified_parts( string $token ): ?array {
		if ( strlen( $token ) > 200 || 1 !== preg_match( self::PATTERN, $token, $parts ) ) {
			return null;
		}
		list( , $id, $endpoint, $expires, $hold, $signature ) = $parts;
		if ( ! hash_equals( self::signature( self::unsigned( $id, $endpoint, $expires, $hold ) ), $signature ) ) {
			return null;
		}
		return array( $id, $endpoint, $expires, '' === $hold ? '0' : $hold );
	}

	/**
	 * The visible, signed part of a token. A token without a wait has just the four fields.
	 *
	 * @param string $id       Probe id.
	 * @param string $endpoint Endpoint id.
	 * @param string $expires  Expiry, Unix time.
	 * @param string $hold     Wait in ms, '' or '0' for none.
	 */
	private static function unsigned( string $id, string $endpoint, string $expires, string $hold ): string {
		$unsigned = self::VERSION . '.' . $id . '.' . $endpoint . '.' . $expires;
		return '' === $hold || '0' === $hold ? $unsigned : $unsigned . '.h' . $hold;
	}

	/**
	 * The HMAC of a token's visible part together with the site it belongs to.
	 *
	 * @param string $unsigned `{version}.{id}.{endpoint}.{expires}[.h{ms}]`.
	 */
	private static function signature( string $unsigned ): string {
		return hash_hmac( 'sha256', $unsigned . '|' . self::site(), self::key() );
	}

	/**
	 * The site a token is bound to: blog id and the home URL's host, with its port when the URL
	 * names one (two sites on one host name and different ports, like two development stacks,
	 * are two sites). Read from the `home` option, not home_url(): plugins filter home_url() by
	 * request context, and the admin request that issues and the probe that redeems differ.
	 */
	private static function site(): string {
		$home = (string) get_option( 'home' );
		$host = strtolower( (string) wp_parse_url( $home, PHP_URL_HOST ) );
		$port = wp_parse_url( $home, PHP_URL_PORT );
		return get_current_blog_id() . '|' . $host . ( is_int( $port ) ? ':' . $port : '' );
	}

	/**
	 * HMAC key for tokens, derived from the site's salts so it never leaves the server.
	 */
	private static function key(): string {
		return hash_hmac( 'sha256', 'kco-callback-doctor/probe-token/v1', wp_salt( 'auth' ), true );
	}
}

<?php
/**
 * Which redirects a probe follows, and how the request changes when it does.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use WpOrg\Requests\Iri;

defined( 'ABSPATH' ) || exit;

/**
 * Only the home URL is ever probed (docs/architecture.md §5), so a redirect is followed only while it stays
 * on the home host. Every hop is recorded either way; the diagnosis reads the chain.
 */
final class RedirectRule {

	/**
	 * Statuses that redirect (RFC 9110 §15.4); 300 and 304 name no single target.
	 */
	public const STATUSES = array( 301, 302, 303, 307, 308 );

	/**
	 * Whether a status is a redirect a client follows.
	 *
	 * @param int $status HTTP status.
	 */
	public static function redirects( int $status ): bool {
		return in_array( $status, self::STATUSES, true );
	}

	/**
	 * Whether the follow-up keeps method and body: only 307 and 308 do (RFC 9110 §15.4.8–9); after
	 * 301, 302 and 303 HTTP clients repeat a POST as a bodiless GET.
	 *
	 * @param int $status HTTP status of the redirect.
	 */
	public static function keeps_method( int $status ): bool {
		return 307 === $status || 308 === $status;
	}

	/**
	 * The absolute URL a Location header points to, or null when it is no http(s) URL.
	 *
	 * @param string $base     URL that answered.
	 * @param string $location Location header.
	 */
	public static function target( string $base, string $location ): ?string {
		$absolute = Iri::absolutize( $base, $location );
		if ( false === $absolute ) {
			return null;
		}
		$url = $absolute->uri;
		return 1 === preg_match( '#^https?://#i', $url ) ? $url : null;
	}

	/**
	 * Same host and same scheme and port, with one exception: the upgrade from http to https on
	 * 443, which is how shops move to TLS and what Klarna's client would follow. Any other change
	 * of port is only recorded: a downgrade to http would send the probe (and its token) in clear
	 * text, and another port is another service on the machine, not the home URL.
	 *
	 * @param string $from URL that answered.
	 * @param string $to   Redirect target.
	 */
	public static function follows( string $from, string $to ): bool {
		$from_host = strtolower( (string) wp_parse_url( $from, PHP_URL_HOST ) );
		if ( '' === $from_host || strtolower( (string) wp_parse_url( $to, PHP_URL_HOST ) ) !== $from_host ) {
			return false;
		}
		$from_scheme = self::scheme( $from );
		$to_scheme   = self::scheme( $to );
		if ( $from_scheme === $to_scheme ) {
			return self::port( $from ) === self::port( $to );
		}
		return 'http' === $from_scheme && 'https' === $to_scheme && 443 === self::port( $to );
	}

	/**
	 * The scheme in lower case.
	 *
	 * @param string $url An http(s) URL.
	 */
	private static function scheme( string $url ): string {
		return strtolower( (string) wp_parse_url( $url, PHP_URL_SCHEME ) );
	}

	/**
	 * The port a URL connects to, explicit or implied by its scheme.
	 *
	 * @param string $url An http(s) URL.
	 */
	private static function port( string $url ): int {
		$port = wp_parse_url( $url, PHP_URL_PORT );
		return is_int( $port ) ? $port : self::default_port( $url );
	}

	/**
	 * 443 for https, 80 for http.
	 *
	 * @param string $url An http(s) URL.
	 */
	private static function default_port( string $url ): int {
		return 'https' === self::scheme( $url ) ? 443 : 80;
	}
}

<?php
/**
 * Whether the server reached its own site by a path Klarna cannot take
 * (src/diagnosis/site-address.ts).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * A public-looking name that resolves, on the server only, to a loopback or private address
 * (hosts file, split DNS): a connection failure on that path may not exist on Klarna's
 * (docs/probe-protocol.md §9). Names that can never be public (RFC 2606/6761 `.test`, `.invalid`…, `.local`
 * RFC 6762, `.home.arpa` RFC 8375, `.internal`, `.lan`) and IP literals are what they are.
 */
final class SiteAddress {

	private const LOCAL_SUFFIXES = array( '.localhost', '.local', '.test', '.invalid', '.example', '.internal', '.lan', '.home.arpa' );

	/**
	 * Whether the loopback path differs from Klarna's.
	 *
	 * @param array<string, mixed> $environment The run's environment.
	 */
	public static function loopback_path_differs( array $environment ): bool {
		$class = $environment['hostAddressClass'] ?? null;
		$host  = (string) ( $environment['host'] ?? '' );
		return null !== $class && 'public' !== $class && ! self::is_ip_literal( $host ) && null === self::local_only_suffix( $host );
	}

	/**
	 * Whether a host is an IPv4 or IPv6 literal.
	 *
	 * @param string $host Host name.
	 */
	private static function is_ip_literal( string $host ): bool {
		$name = self::normalise( $host );
		return 1 === preg_match( '/^\d{1,3}(?:\.\d{1,3}){3}$/', $name ) || false !== strpos( $name, ':' );
	}

	/**
	 * The reserved suffix that makes a name local-only, `localhost` itself, or null.
	 *
	 * @param string $host Host name.
	 */
	private static function local_only_suffix( string $host ): ?string {
		$name = self::normalise( $host );
		if ( 'localhost' === $name ) {
			return 'localhost';
		}
		$dotted = '.' . $name;
		foreach ( self::LOCAL_SUFFIXES as $suffix ) {
			if ( substr( $dotted, -strlen( $suffix ) ) === $suffix ) {
				return $suffix;
			}
		}
		return null;
	}

	/**
	 * Host without brackets, trailing dots or upper case.
	 *
	 * @param string $host Host name.
	 */
	private static function normalise( string $host ): string {
		$name = strtolower( trim( $host ) );
		$name = (string) preg_replace( '/^\[|\]$/', '', $name );
		return (string) preg_replace( '/\.+$/', '', $name );
	}
}

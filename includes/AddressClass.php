<?php
/**
 * Sorts an IP address into the classes the doctor reports (types.ts AddressClass).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * Loopback, private, reserved or public: what decides whether Klarna can reach an address and
 * whether a security plugin treats a client as "internal".
 */
final class AddressClass {

	public const LOOPBACK = 'loopback';
	public const PRIVATE  = 'private';
	public const RESERVED = 'reserved';
	public const PUBLIC   = 'public';

	/**
	 * From least to most public: the order used to pick "the least public class" of a host.
	 */
	private const ORDER = array( self::LOOPBACK, self::PRIVATE, self::RESERVED, self::PUBLIC );

	/**
	 * Classifies one address; anything that is not an IP at all counts as reserved.
	 *
	 * @param string $address IPv4 or IPv6 address.
	 */
	public static function of( string $address ): string {
		$address = trim( $address );
		// An IPv4 address mapped into IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address.
		if ( 0 === stripos( $address, '::ffff:' ) && false !== filter_var( substr( $address, 7 ), FILTER_VALIDATE_IP, FILTER_FLAG_IPV4 ) ) {
			$address = substr( $address, 7 );
		}
		if ( false === filter_var( $address, FILTER_VALIDATE_IP ) ) {
			return self::RESERVED;
		}
		if ( self::is_loopback( $address ) ) {
			return self::LOOPBACK;
		}
		// Carrier-grade NAT (100.64.0.0/10) is as unreachable from outside as RFC 1918 space,
		// but PHP's private-range flag does not cover it.
		if ( false === filter_var( $address, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE ) || self::in_ipv4_block( $address, '100.64.0.0', 10 ) ) {
			return self::PRIVATE;
		}
		if ( false === filter_var( $address, FILTER_VALIDATE_IP, FILTER_FLAG_NO_RES_RANGE ) ) {
			return self::RESERVED;
		}
		return self::PUBLIC;
	}

	/**
	 * The least public class among addresses, or null for none.
	 *
	 * @param string[] $addresses Addresses.
	 */
	public static function least_public( array $addresses ): ?string {
		$rank = null;
		foreach ( $addresses as $address ) {
			$index = array_search( self::of( $address ), self::ORDER, true );
			if ( null === $rank || $index < $rank ) {
				$rank = $index;
			}
		}
		return null === $rank ? null : self::ORDER[ $rank ];
	}

	/**
	 * 127.0.0.0/8 and ::1.
	 *
	 * @param string $address A valid IP address.
	 */
	private static function is_loopback( string $address ): bool {
		if ( false !== filter_var( $address, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4 ) ) {
			return self::in_ipv4_block( $address, '127.0.0.0', 8 );
		}
		return inet_pton( $address ) === inet_pton( '::1' );
	}

	/**
	 * Whether an IPv4 address lies in a CIDR block.
	 *
	 * @param string $address IP address (IPv6 never matches).
	 * @param string $network Network address.
	 * @param int    $bits    Prefix length.
	 */
	private static function in_ipv4_block( string $address, string $network, int $bits ): bool {
		$ip = ip2long( $address );
		if ( false === $ip ) {
			return false;
		}
		$mask = -1 << ( 32 - $bits );
		return ( $ip & $mask ) === ( ip2long( $network ) & $mask );
	}
}

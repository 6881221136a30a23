<?php
/**
 * AddressClass: which addresses Klarna could reach, and which a security plugin treats as internal.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\AddressClass;
use PHPUnit\Framework\TestCase;

/**
 * Table-driven: each row is an address and the class the echo must report for it.
 */
final class AddressClassTest extends TestCase {

	/**
	 * Addresses and their classes.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public function addresses(): array {
		return array(
			'IPv4 loopback is loopback'                          => array( '127.0.0.1', AddressClass::LOOPBACK ),
			'any address in 127/8 is loopback'                   => array( '127.45.6.7', AddressClass::LOOPBACK ),
			'IPv6 loopback is loopback'                          => array( '::1', AddressClass::LOOPBACK ),
			'IPv4-mapped IPv6 loopback is loopback'              => array( '::ffff:127.0.0.1', AddressClass::LOOPBACK ),
			'RFC 1918 10/8 is private'                           => array( '10.1.2.3', AddressClass::PRIVATE ),
			'RFC 1918 172.16/12 is private'                      => array( '172.31.255.254', AddressClass::PRIVATE ),
			'just outside 172.16/12 is public'                   => array( '172.32.0.1', AddressClass::PUBLIC ),
			'RFC 1918 192.168/16 is private'                     => array( '192.168.0.10', AddressClass::PRIVATE ),
			'carrier-grade NAT 100.64/10 is private'             => array( '100.64.0.1', AddressClass::PRIVATE ),
			'the top of carrier-grade NAT is private'            => array( '100.127.255.255', AddressClass::PRIVATE ),
			'just past carrier-grade NAT is public'              => array( '100.128.0.1', AddressClass::PUBLIC ),
			'IPv4-mapped private address is private'             => array( '::ffff:192.168.1.1', AddressClass::PRIVATE ),
			'IPv6 unique local address is private'               => array( 'fd12:3456:789a::1', AddressClass::PRIVATE ),
			'link-local 169.254/16 is reserved'                  => array( '169.254.1.1', AddressClass::RESERVED ),
			'0.0.0.0 is reserved'                                => array( '0.0.0.0', AddressClass::RESERVED ),
			'a host name is not an address, so reserved'         => array( 'shop.example', AddressClass::RESERVED ),
			'an empty string is reserved'                        => array( '', AddressClass::RESERVED ),
			'surrounding spaces are ignored'                     => array( ' 52.17.117.56 ', AddressClass::PUBLIC ),
			'Klarna’s EU callback address is public'             => array( '52.17.117.56', AddressClass::PUBLIC ),
			'a public IPv6 address is public'                    => array( '2a00:1450:4001:80b::200e', AddressClass::PUBLIC ),
		);
	}

	/**
	 * @dataProvider addresses
	 *
	 * @param string $address  Address.
	 * @param string $expected Class.
	 */
	public function test_classifies_an_address_by_who_can_reach_it( string $address, string $expected ): void {
		$this->assertSame( $expected, AddressClass::of( $address ) );
	}

	/**
	 * Lists of addresses and the least public class among them.
	 *
	 * @return array<string, array{0: string[], 1: string|null}>
	 */
	public function address_lists(): array {
		return array(
			'no address has no class'                          => array( array(), null ),
			'a public host with a loopback entry is loopback'  => array( array( '52.17.117.56', '127.0.0.1' ), AddressClass::LOOPBACK ),
			'public and private together count as private'     => array( array( '52.17.117.56', '10.0.0.5' ), AddressClass::PRIVATE ),
			'a reserved address ranks below public'            => array( array( '52.17.117.56', '169.254.0.9' ), AddressClass::RESERVED ),
			'only public addresses are public'                 => array( array( '52.17.117.56', '3.104.49.49' ), AddressClass::PUBLIC ),
		);
	}

	/**
	 * @dataProvider address_lists
	 *
	 * @param string[]    $addresses Addresses a host resolves to.
	 * @param string|null $expected  Least public class.
	 */
	public function test_a_host_is_as_reachable_as_its_least_public_address( array $addresses, ?string $expected ): void {
		$this->assertSame( $expected, AddressClass::least_public( $addresses ) );
	}
}

<?php
/**
 * ClientAddressPolicy: where each security plugin takes the client's address from, by setting.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\ClientAddressPolicy;
use PHPUnit\Framework\TestCase;

/**
 * Table-driven: a plugin, the raw value of its setting as SecurityPluginSettings reads it, and the
 * header (if any) through which a loopback can present Klarna's public address.
 */
final class ClientAddressPolicyTest extends TestCase {

	/**
	 * Plugin, settings, expected trust, expected header.
	 *
	 * @return array<string, array{0: string, 1: array<string, mixed>, 2: string, 3: string|null}>
	 */
	public function policies(): array {
		$header     = ClientAddressPolicy::HEADER;
		$connection = ClientAddressPolicy::CONNECTION;
		$unknown    = ClientAddressPolicy::UNKNOWN;
		return array(
			'Wordfence default (howGetIPs unset) takes a public X-Forwarded-For' => array( 'wordfence', array( 'howGetIPs' => false ), $header, 'X-Forwarded-For' ),
			'Wordfence default (howGetIPs empty) takes a public X-Forwarded-For' => array( 'wordfence', array( 'howGetIPs' => '' ), $header, 'X-Forwarded-For' ),
			'Wordfence set to REMOTE_ADDR trusts the connection only'            => array( 'wordfence', array( 'howGetIPs' => 'REMOTE_ADDR' ), $connection, null ),
			'Wordfence set to X-Real-IP'                                          => array( 'wordfence', array( 'howGetIPs' => 'HTTP_X_REAL_IP' ), $header, 'X-Real-IP' ),
			'Wordfence set to Cloudflare'                                         => array( 'wordfence', array( 'howGetIPs' => 'HTTP_CF_CONNECTING_IP' ), $header, 'CF-Connecting-IP' ),
			'Wordfence not loaded'                                                => array( 'wordfence', array(), $unknown, null ),
			'Solid Security default (automatic)'                                  => array( 'better-wp-security', array( 'proxy' => 'automatic' ), $header, 'X-Forwarded-For' ),
			'Solid Security manual with X-Real-IP'                                => array( 'better-wp-security', array( 'proxy' => 'manual', 'proxy_header' => 'HTTP_X_REAL_IP' ), $header, 'X-Real-IP' ),
			'Solid Security disabled trusts the connection only'                  => array( 'solid-security-pro', array( 'proxy' => 'disabled' ), $connection, null ),
			'Solid Security with Security Check is not known'                     => array( 'better-wp-security', array( 'proxy' => 'security-check' ), $unknown, null ),
			'AIOS default (0) trusts the connection only'                         => array( 'all-in-one-wp-security-and-firewall', array( 'aiowps_ip_retrieve_method' => '0' ), $connection, null ),
			'AIOS empty falls back to REMOTE_ADDR'                                => array( 'all-in-one-wp-security-and-firewall', array( 'aiowps_ip_retrieve_method' => '' ), $connection, null ),
			'AIOS method 2 is X-Forwarded-For'                                    => array( 'all-in-one-wp-security-and-firewall', array( 'aiowps_ip_retrieve_method' => 2 ), $header, 'X-Forwarded-For' ),
			'AIOS method 1 is Cloudflare'                                         => array( 'all-in-one-wp-security-and-firewall', array( 'aiowps_ip_retrieve_method' => '1' ), $header, 'CF-Connecting-IP' ),
			'AIOS with an id it does not define'                                  => array( 'all-in-one-wp-security-and-firewall', array( 'aiowps_ip_retrieve_method' => '9' ), $unknown, null ),
			'NinjaFirewall trusts the connection only'                            => array( 'ninjafirewall', array( 'htninja' => false ), $connection, null ),
			'NinjaFirewall with a .htninja may rewrite REMOTE_ADDR'               => array( 'ninjafirewall', array( 'htninja' => true ), $unknown, null ),
			'NinjaFirewall WP+ default'                                           => array( 'nfwplus', array( 'htninja' => false, 'ac_ip' => null ), $connection, null ),
			'NinjaFirewall WP+ set to X-Forwarded-For'                            => array( 'nfwplus', array( 'htninja' => false, 'ac_ip' => 2 ), $header, 'X-Forwarded-For' ),
			'NinjaFirewall WP+ with its own header'                               => array( 'nfwplus', array( 'htninja' => false, 'ac_ip' => 3, 'ac_ip_2' => 'HTTP_X_CLIENT_IP' ), $header, 'X-Client-IP' ),
			'WP Cerber default (no proxy) trusts the connection only'             => array( 'wp-cerber', array( 'ip_key' => null, 'proxy' => 0 ), $connection, null ),
			'WP Cerber behind a reverse proxy'                                    => array( 'wp-cerber', array( 'ip_key' => null, 'proxy' => 1 ), $header, 'X-Forwarded-For' ),
			'WP Cerber with CERBER_IP_KEY'                                        => array( 'wp-cerber', array( 'ip_key' => 'HTTP_TRUE_CLIENT_IP', 'proxy' => 0 ), $header, 'True-Client-IP' ),
			'MalCare without an IP header'                                        => array( 'malcare-security', array( 'configured' => true, 'ipheader' => null ), $connection, null ),
			'MalCare with the first X-Forwarded-For address'                      => array( 'malcare-security', array( 'configured' => true, 'ipheader' => array( 'hdr' => 'HTTP_X_FORWARDED_FOR', 'pos' => 0 ) ), $header, 'X-Forwarded-For' ),
			'MalCare with a later position cannot be presented by one address'   => array( 'malcare-security', array( 'configured' => true, 'ipheader' => array( 'hdr' => 'HTTP_X_FORWARDED_FOR', 'pos' => 1 ) ), $unknown, null ),
			'MalCare before its dashboard configured the firewall'                => array( 'malcare-security', array( 'configured' => false ), $unknown, null ),
			'BulletProof Security matches the connection in .htaccess'            => array( 'bulletproof-security', array(), $connection, null ),
			'Shield Security auto-detects at run time'                            => array( 'wp-simple-firewall', array(), $unknown, null ),
			'a plugin whose logic was not read'                                   => array( 'sucuri-scanner', array(), $unknown, null ),
		);
	}

	/**
	 * The policy of a plugin at a setting.
	 *
	 * @dataProvider policies
	 * @param string               $slug     Plugin folder name.
	 * @param array<string, mixed> $settings Raw settings.
	 * @param string               $trust    Expected trust.
	 * @param string|null          $header   Expected header.
	 */
	public function test_reads_where_the_plugin_takes_the_client_address_from( string $slug, array $settings, string $trust, ?string $header ): void {
		$this->assertSame(
			array(
				'trust'  => $trust,
				'header' => $header,
			),
			ClientAddressPolicy::of( $slug, $settings )
		);
	}

	/**
	 * A $_SERVER key that is no request header cannot be presented by a probe.
	 */
	public function test_names_no_header_for_a_server_key_a_client_cannot_send(): void {
		$this->assertNull( ClientAddressPolicy::header_name( 'SERVER_ADDR' ) );
		$this->assertSame( 'X-Forwarded-For', ClientAddressPolicy::header_name( 'HTTP_X_FORWARDED_FOR' ) );
		$this->assertSame( 'X-Some-Proxy-Ip', ClientAddressPolicy::header_name( 'HTTP_X_SOME_PROXY_IP' ) );
		$this->assertSame( array( 'trust' => ClientAddressPolicy::UNKNOWN, 'header' => null ), ClientAddressPolicy::of( 'wordfence', array( 'howGetIPs' => 'SERVER_ADDR' ) ) );
	}
}

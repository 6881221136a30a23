<?php
/**
 * Where each security plugin the doctor knows takes the client's address from, by its setting.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Data with its sources (DESIGN.md §3.12, docs/probe-protocol.md §10). For a plugin and the raw
 * value of its own address setting (read by SecurityPluginSettings), the answer is one of:
 * - `header`: the plugin accepts a public address from a request header even when the connection
 *   comes from the server itself, so a loopback presenting Klarna's address in that header is
 *   judged as Klarna would be;
 * - `connection`: the plugin trusts nothing but the connection's address (REMOTE_ADDR, or the
 *   web server's own view of the peer): no request from inside can look like Klarna's, only the
 *   external test can;
 * - `unknown`: the setting could not be read, or its value is chosen at run time by the plugin
 *   itself; nothing is presented and nothing is promised.
 * Pure: no WordPress call, so the table is tested as data (tests/php/ClientAddressPolicyTest.php).
 */
final class ClientAddressPolicy {

	public const HEADER     = 'header';
	public const CONNECTION = 'connection';
	public const UNKNOWN    = 'unknown';

	/**
	 * $_SERVER keys as the header a probe sends. Header names are case-insensitive; these are
	 * spelt as the proxies that set them spell them.
	 */
	private const HEADER_NAMES = array(
		'HTTP_X_FORWARDED_FOR'     => 'X-Forwarded-For',
		'HTTP_X_REAL_IP'           => 'X-Real-IP',
		'HTTP_CF_CONNECTING_IP'    => 'CF-Connecting-IP',
		'HTTP_X_FORWARDED'         => 'X-Forwarded',
		'HTTP_CLIENT_IP'           => 'Client-IP',
		'HTTP_X_CLIENT_IP'         => 'X-Client-IP',
		'HTTP_X_CLUSTER_CLIENT_IP' => 'X-Cluster-Client-IP',
		'HTTP_TRUE_CLIENT_IP'      => 'True-Client-IP',
		'HTTP_X_SUCURI_CLIENTIP'   => 'X-Sucuri-ClientIP',
		'HTTP_INCAP_CLIENT_IP'     => 'Incap-Client-IP',
	);

	/**
	 * All-In-One Security's `aiowps_ip_retrieve_method` ids (AIOS_Abstracted_Ids::get_ip_retrieve_methods(),
	 * classes/wp-security-abstract-ids.php; "the keys are merely for backward compatibility").
	 */
	private const AIOS_METHODS = array(
		'0' => 'REMOTE_ADDR',
		'1' => 'HTTP_CF_CONNECTING_IP',
		'2' => 'HTTP_X_FORWARDED_FOR',
		'3' => 'HTTP_X_FORWARDED',
		'4' => 'HTTP_CLIENT_IP',
		'5' => 'HTTP_X_REAL_IP',
		'6' => 'HTTP_X_CLUSTER_CLIENT_IP',
	);

	/**
	 * The policy of one plugin.
	 *
	 * @param string               $slug     Plugin folder name.
	 * @param array<string, mixed> $settings What SecurityPluginSettings::read() found for it.
	 * @return array{trust: string, header: string|null}
	 */
	public static function of( string $slug, array $settings ): array {
		switch ( $slug ) {
			case 'wordfence':
				return self::wordfence( $settings );
			case 'better-wp-security':
			case 'ithemes-security-pro':
			case 'solid-security-pro':
				return self::solid_security( $settings );
			case 'all-in-one-wp-security-and-firewall':
				return self::all_in_one_security( $settings );
			case 'ninjafirewall':
			case 'nfwplus':
				return self::ninjafirewall( $slug, $settings );
			case 'wp-cerber':
				return self::wp_cerber( $settings );
			case 'malcare-security':
				return self::malcare( $settings );
			case 'bulletproof-security':
				/*
				 * BulletProof Security blocks in the root .htaccess, where Apache matches the
				 * connection's own address; its PHP parts (403.php, login security) log
				 * $_SERVER['REMOTE_ADDR'] (wp-plugins/bulletproof-security). Its request-filter
				 * rules see a loopback like any request; only its address rules do not.
				 */
				return self::connection();
			case 'wp-simple-firewall':
				/*
				 * Shield Security's `visitor_address_source` defaults to AUTO_DETECT_IP: Shield
				 * asks its own service which address it saw and stores the $_SERVER key that held
				 * it (ActionRouter PluginIpDetect, FindSourceFromIp). Which key that is on a site
				 * is known only after that exchange, and where Shield keeps the setting was not
				 * read from its code here: nothing is presented.
				 */
				return self::unknown();
			default:
				return self::unknown();
		}
	}

	/**
	 * Wordfence, `howGetIPs` (lib/wfUtils.php, wfUtils::getIPAndServerVariable()). Empty, the
	 * default: the first *public* address among REMOTE_ADDR, X-Forwarded-For and X-Real-IP (after
	 * the field its proxy check recommends, if any), so a public address in X-Forwarded-For wins
	 * over a loopback connection. `REMOTE_ADDR`: the connection only. A header name: that header
	 * first, then REMOTE_ADDR, the first public one wins.
	 *
	 * @param array<string, mixed> $settings `howGetIPs`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function wordfence( array $settings ): array {
		if ( ! array_key_exists( 'howGetIPs', $settings ) ) {
			return self::unknown();
		}
		$how = $settings['howGetIPs'];
		if ( false === $how || null === $how || '' === $how ) {
			return self::header( 'HTTP_X_FORWARDED_FOR' );
		}
		if ( 'REMOTE_ADDR' === $how ) {
			return self::connection();
		}
		return is_string( $how ) ? self::header( $how ) : self::unknown();
	}

	/**
	 * Solid Security (formerly iThemes Security), global setting `proxy`, default `automatic`
	 * (core/modules/global/settings.php defaults: 'proxy' => 'automatic', 'proxy_header' =>
	 * 'HTTP_X_FORWARDED_FOR'). ITSEC_Lib_IP_Detector::build_for_type(): `automatic` checks
	 * CF-Connecting-IP, X-Forwarded-For, X-Real-IP, X-Client-IP, Client-IP, X-Cluster-Client-IP,
	 * then REMOTE_ADDR, and ITSEC_IP_Detector::get() takes the first that holds a public address
	 * before it accepts a private one; `manual` checks only `proxy_header`, then REMOTE_ADDR;
	 * `disabled` only REMOTE_ADDR. `security-check` uses the header Security Check Pro found,
	 * which is kept elsewhere: unknown.
	 *
	 * @param array<string, mixed> $settings `proxy`, `proxy_header`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function solid_security( array $settings ): array {
		$proxy = $settings['proxy'] ?? null;
		if ( null === $proxy || 'automatic' === $proxy ) {
			return array_key_exists( 'proxy', $settings ) ? self::header( 'HTTP_X_FORWARDED_FOR' ) : self::unknown();
		}
		if ( 'disabled' === $proxy ) {
			return self::connection();
		}
		if ( 'manual' === $proxy && is_string( $settings['proxy_header'] ?? null ) ) {
			return self::header( $settings['proxy_header'] );
		}
		return self::unknown();
	}

	/**
	 * All-In-One Security (AIOS), `aiowps_ip_retrieve_method`, default '0' = REMOTE_ADDR
	 * (classes/wp-security-configure-settings.php, set_default_settings(): "Default is
	 * $_SERVER['REMOTE_ADDR']"). Any other id names one $_SERVER key, read with no check of the
	 * connection (AIOWPSecurity_Utility_IP::get_user_ip_address()).
	 *
	 * @param array<string, mixed> $settings `aiowps_ip_retrieve_method`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function all_in_one_security( array $settings ): array {
		if ( ! array_key_exists( 'aiowps_ip_retrieve_method', $settings ) ) {
			return self::unknown();
		}
		$method = $settings['aiowps_ip_retrieve_method'];
		// Empty falls back to REMOTE_ADDR (`if ( ! empty( $ip_method ) )` in the same function).
		if ( null === $method || '' === $method || false === $method ) {
			return self::connection();
		}
		$key = is_scalar( $method ) ? ( self::AIOS_METHODS[ (string) $method ] ?? null ) : null;
		if ( null === $key ) {
			return self::unknown();
		}
		return 'REMOTE_ADDR' === $key ? self::connection() : self::header( $key );
	}

	/**
	 * NinjaFirewall (WP Edition) takes REMOTE_ADDR only (lib/class-ip.php,
	 * NinjaFirewall_IP::check_ip()); the WP+ Edition reads `ac_ip` from its `nfw_options`:
	 * empty or 1 REMOTE_ADDR, 2 X-Forwarded-For, 3 the $_SERVER key in `ac_ip_2`. Both run a
	 * `.htninja` file first when there is one, which may rewrite $_SERVER['REMOTE_ADDR'] from a
	 * proxy header (.htninja.sample): then what it trusts is code, not a setting.
	 *
	 * @param string               $slug     `ninjafirewall` or `nfwplus`.
	 * @param array<string, mixed> $settings `htninja` (whether the file exists), `ac_ip`, `ac_ip_2`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function ninjafirewall( string $slug, array $settings ): array {
		if ( ! empty( $settings['htninja'] ) ) {
			return self::unknown();
		}
		if ( 'ninjafirewall' === $slug ) {
			return self::connection();
		}
		$ac_ip = $settings['ac_ip'] ?? null;
		if ( empty( $ac_ip ) || 1 === (int) $ac_ip ) {
			return self::connection();
		}
		if ( 2 === (int) $ac_ip ) {
			return self::header( 'HTTP_X_FORWARDED_FOR' );
		}
		if ( 3 === (int) $ac_ip && is_string( $settings['ac_ip_2'] ?? null ) ) {
			return self::header( $settings['ac_ip_2'] );
		}
		return self::unknown();
	}

	/**
	 * WP Cerber, `proxy` ("My site is behind a reverse proxy"), default 0 (cerber-settings.php
	 * defaults). cerber_get_remote_ip() (cerber-common.php): the constant CERBER_IP_KEY names the
	 * $_SERVER key outright; with `proxy` on, the first valid address in X-Forwarded-For, then
	 * X-Real-IP; otherwise REMOTE_ADDR (other headers only when REMOTE_ADDR is empty, which an
	 * HTTP request never is).
	 *
	 * @param array<string, mixed> $settings `ip_key` (CERBER_IP_KEY or null), `proxy`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function wp_cerber( array $settings ): array {
		$ip_key = $settings['ip_key'] ?? null;
		if ( is_string( $ip_key ) && '' !== $ip_key ) {
			return 'REMOTE_ADDR' === $ip_key ? self::connection() : self::header( $ip_key );
		}
		if ( ! array_key_exists( 'proxy', $settings ) ) {
			return self::unknown();
		}
		return empty( $settings['proxy'] ) ? self::connection() : self::header( 'HTTP_X_FORWARDED_FOR' );
	}

	/**
	 * MalCare, `ipheader` of the firewall configuration its dashboard pushes (option `mcconfig`,
	 * key `protect`; protect/protect.php). Absent: REMOTE_ADDR (protect/lib/utils.php,
	 * MCProtectUtils::getIP()). Set: `hdr` is a $_SERVER key and `pos` the position of the address
	 * in its comma-separated list. A probe sends one address, so only position 0 is testable.
	 *
	 * @param array<string, mixed> $settings `configured` (whether the firewall config exists), `ipheader`.
	 * @return array{trust: string, header: string|null}
	 */
	private static function malcare( array $settings ): array {
		if ( empty( $settings['configured'] ) ) {
			return self::unknown();
		}
		$ip_header = $settings['ipheader'] ?? null;
		if ( null === $ip_header ) {
			return self::connection();
		}
		if ( is_array( $ip_header ) && is_string( $ip_header['hdr'] ?? null ) && 0 === ( $ip_header['pos'] ?? null ) ) {
			return 'REMOTE_ADDR' === $ip_header['hdr'] ? self::connection() : self::header( $ip_header['hdr'] );
		}
		return self::unknown();
	}

	/**
	 * A header trust, from the $_SERVER key the plugin reads; a key that is no request header
	 * (nothing a client can send) makes the policy unknown.
	 *
	 * @param string $server_key E.g. HTTP_X_FORWARDED_FOR.
	 * @return array{trust: string, header: string|null}
	 */
	private static function header( string $server_key ): array {
		$name = self::header_name( $server_key );
		return null === $name ? self::unknown() : array(
			'trust'  => self::HEADER,
			'header' => $name,
		);
	}

	/**
	 * The request header behind a $_SERVER key, or null when the key is not a request header.
	 *
	 * @param string $server_key E.g. HTTP_X_FORWARDED_FOR.
	 */
	public static function header_name( string $server_key ): ?string {
		$key = strtoupper( trim( $server_key ) );
		if ( isset( self::HEADER_NAMES[ $key ] ) ) {
			return self::HEADER_NAMES[ $key ];
		}
		if ( 1 !== preg_match( '/^HTTP_([A-Z0-9]+(?:_[A-Z0-9]+)*)$/', $key, $parts ) ) {
			return null;
		}
		return implode( '-', array_map( 'ucfirst', explode( '_', strtolower( $parts[1] ) ) ) );
	}

	/**
	 * The connection's address only.
	 *
	 * @return array{trust: string, header: null}
	 */
	private static function connection(): array {
		return array(
			'trust'  => self::CONNECTION,
			'header' => null,
		);
	}

	/**
	 * Not known.
	 *
	 * @return array{trust: string, header: null}
	 */
	private static function unknown(): array {
		return array(
			'trust'  => self::UNKNOWN,
			'header' => null,
		);
	}
}

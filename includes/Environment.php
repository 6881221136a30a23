<?php
/**
 * Facts about the site that decide whether Klarna's callbacks can arrive (types.ts Environment).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

use KcoCallbackDoctor\Probe\ClientAddressPolicy;
use KcoCallbackDoctor\Probe\SecurityPluginSettings;

defined( 'ABSPATH' ) || exit;

/**
 * Collects raw facts only; what they mean is the diagnosis's business.
 */
final class Environment {

	/**
	 * Where Klarna/Kustom Checkout lives. Kustom renamed the plugin in place, so the first file
	 * covers both names; the second is the folder a Kustom-branded build would use.
	 */
	private const KCO_FILES = array(
		'klarna-checkout-for-woocommerce/klarna-checkout-for-woocommerce.php',
		'kustom-checkout-for-woocommerce/kustom-checkout-for-woocommerce.php',
	);

	/**
	 * All facts, in the shape of types.ts Environment.
	 *
	 * @return array<string, mixed>
	 */
	public static function collect(): array {
		$home      = home_url( '/' );
		$host      = (string) wp_parse_url( $home, PHP_URL_HOST );
		$addresses = self::host_addresses( $host );
		$kco       = self::kco();
		$tls       = self::certificate( $home, $host );

		return array(
			'homeUrl'            => $home,
			'siteUrl'            => site_url( '/' ),
			'host'               => $host,
			'hostAddresses'      => $addresses,
			'hostAddressClass'   => AddressClass::least_public( $addresses ),
			'permalinkStructure' => (string) get_option( 'permalink_structure', '' ),
			'wordpressVersion'   => (string) get_bloginfo( 'version' ),
			'phpVersion'         => PHP_VERSION,
			'serverSoftware'     => self::server_software(),
			'woocommerce'        => array(
				'active'  => Capability::woocommerce_active(),
				'version' => self::woocommerce_version(),
			),
			'kco'                => $kco,
			'plugins'            => self::known_plugins(),
			'maintenanceFile'    => file_exists( ABSPATH . '.maintenance' ),
			'certificate'        => $tls['certificate'],
			'certificateError'   => $tls['error'],
		);
	}

	/**
	 * The request header an active security plugin trusts for the client address, if any: the
	 * Runner presents Klarna's address there (docs/probe-protocol.md §10, ClientAddressPolicy).
	 *
	 * @param array<string, mixed> $environment Result of collect().
	 */
	public static function client_address_header( array $environment ): ?string {
		foreach ( $environment['plugins'] ?? array() as $plugin ) {
			if ( 'security' === $plugin['category'] && null !== $plugin['clientAddressHeader'] ) {
				return $plugin['clientAddressHeader'];
			}
		}
		return null;
	}

	/**
	 * IPv4 addresses the host resolves to here. IPv6 (AAAA) is left out: PHP's dns_get_record()
	 * has no timeout and can stall a run for seconds on a server without a working resolver.
	 *
	 * @param string $host Home host.
	 * @return string[]
	 */
	private static function host_addresses( string $host ): array {
		if ( '' === $host ) {
			return array();
		}
		$literal = trim( $host, '[]' );
		if ( false !== filter_var( $literal, FILTER_VALIDATE_IP ) ) {
			return array( $literal );
		}
		$addresses = gethostbynamel( $host );
		return false === $addresses ? array() : array_values( array_unique( $addresses ) );
	}

	/**
	 * SERVER_SOFTWARE as plain text.
	 */
	private static function server_software(): string {
		$software = isset( $_SERVER['SERVER_SOFTWARE'] ) ? sanitize_text_field( wp_unslash( $_SERVER['SERVER_SOFTWARE'] ) ) : '';
		return substr( $software, 0, 200 );
	}

	/**
	 * WooCommerce's version when it is loaded.
	 */
	private static function woocommerce_version(): ?string {
		if ( defined( 'WC_VERSION' ) ) {
			return (string) WC_VERSION;
		}
		if ( function_exists( 'WC' ) && is_object( WC() ) && isset( WC()->version ) ) {
			return (string) WC()->version;
		}
		return null;
	}

	/**
	 * Klarna/Kustom Checkout: installed, active, version, and which checkout it serves. Public
	 * because Site Health's Info tab and the real-traffic report need these facts without the
	 * costly ones collect() gathers (DNS, TLS).
	 *
	 * @return array{active: bool, name: string|null, version: string|null, flow: string}
	 */
	public static function kco(): array {
		self::load_plugin_functions();
		foreach ( self::KCO_FILES as $file ) {
			$path = WP_PLUGIN_DIR . '/' . $file;
			if ( ! is_readable( $path ) ) {
				continue;
			}
			$data = get_plugin_data( $path, false, false );
			return array(
				'active'  => is_plugin_active( $file ),
				'name'    => '' !== $data['Name'] ? $data['Name'] : null,
				'version' => '' !== $data['Version'] ? $data['Version'] : null,
				'flow'    => self::checkout_flow(),
			);
		}
		// Loaded from an unexpected folder (or as a must-use plugin): its constant still says so.
		if ( defined( 'KCO_WC_VERSION' ) ) {
			return array(
				'active'  => true,
				'name'    => null,
				'version' => (string) KCO_WC_VERSION,
				'flow'    => self::checkout_flow(),
			);
		}
		return array(
			'active'  => false,
			'name'    => null,
			'version' => null,
			'flow'    => 'unknown',
		);
	}

	/**
	 * Blocks when the checkout page holds the checkout block, classic when it holds the
	 * shortcode: KCO then uses the block validation callbacks (REST route or wc-api) or the
	 * classic wc-api callbacks.
	 */
	private static function checkout_flow(): string {
		$page_id = function_exists( 'wc_get_page_id' ) ? (int) wc_get_page_id( 'checkout' ) : (int) get_option( 'woocommerce_checkout_page_id', 0 );
		if ( $page_id <= 0 ) {
			return 'unknown';
		}
		$page = get_post( $page_id );
		if ( ! $page instanceof \WP_Post ) {
			return 'unknown';
		}
		if ( has_block( 'woocommerce/checkout', $page ) ) {
			return 'blocks';
		}
		if ( has_shortcode( $page->post_content, 'woocommerce_checkout' ) ) {
			return 'classic';
		}
		return 'unknown';
	}

	/**
	 * Active plugins the doctor knows (KnownPlugins), as types.ts KnownPlugin.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private static function known_plugins(): array {
		self::load_plugin_functions();
		$files = (array) get_option( 'active_plugins', array() );
		if ( is_multisite() ) {
			$files = array_merge( $files, array_keys( (array) get_site_option( 'active_sitewide_plugins', array() ) ) );
		}
		$plugins = array();
		foreach ( array_unique( $files ) as $file ) {
			$slug     = strtok( (string) $file, '/' );
			$category = false === $slug ? null : KnownPlugins::category( $slug );
			if ( null === $category ) {
				continue;
			}
			$path      = WP_PLUGIN_DIR . '/' . $file;
			$data      = is_readable( $path ) ? get_plugin_data( $path, false, false ) : array();
			$policy    = 'security' === $category ? ClientAddressPolicy::of( $slug, SecurityPluginSettings::read( $slug ) ) : null;
			$plugins[] = array(
				'slug'                => $slug,
				'name'                => ! empty( $data['Name'] ) ? $data['Name'] : $slug,
				'version'             => $data['Version'] ?? '',
				'category'            => $category,
				'clientAddressHeader' => null === $policy ? null : $policy['header'],
				'clientAddressTrust'  => null === $policy ? null : $policy['trust'],
			);
		}
		return $plugins;
	}

	/**
	 * The home host's certificate when home is https.
	 *
	 * @param string $home Home URL.
	 * @param string $host Home host.
	 * @return array{certificate: array<string, mixed>|null, error: string|null}
	 */
	private static function certificate( string $home, string $host ): array {
		if ( 'https' !== wp_parse_url( $home, PHP_URL_SCHEME ) || '' === $host ) {
			return array(
				'certificate' => null,
				'error'       => null,
			);
		}
		$port = (int) wp_parse_url( $home, PHP_URL_PORT );
		return TlsCertificate::read( trim( $host, '[]' ), $port > 0 ? $port : 443 );
	}

	/**
	 * get_plugin_data() and is_plugin_active() live in an admin include that REST requests lack.
	 */
	private static function load_plugin_functions(): void {
		if ( ! function_exists( 'get_plugin_data' ) || ! function_exists( 'is_plugin_active' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
	}
}

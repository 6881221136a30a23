<?php
/**
 * Plugin Name: All-In-One Security (AIOS) – Security and Firewall
 * Description: Test stand-in (tests only, never shipped) for All-In-One Security at its default IP
 * setting, with an IP block that would catch Klarna's servers. Installed as
 * all-in-one-wp-security-and-firewall/wp-security.php by the proof suite.
 * Version: 5.4.0
 *
 * Mimics the real plugin's client-address logic and default (wp-plugins/all-in-one-wp-security-and-firewall):
 * - its settings live in the option `aio_wp_security_configs`, read through
 *   `$aio_wp_security->configs->get_value()`, which answers '' for a key that is not set
 *   (classes/wp-security-config.php, AIOWPSecurity_Config);
 * - `aiowps_ip_retrieve_method` picks the $_SERVER key the client address comes from
 *   (AIOS_Abstracted_Ids::get_ip_retrieve_methods()); activation sets it to '0', REMOTE_ADDR
 *   (classes/wp-security-configure-settings.php); with a proxy header the first address of
 *   its comma-separated list counts;
 * - so a request the server sends to itself is always judged by its loopback address.
 * The block itself is a plain 403 for any public client on Klarna's callback paths, standing in
 * for an IP or country block; no loopback can meet it at the default setting.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( 'AIOWPSecurity_Config', false ) ) {
	/**
	 * AIOS's settings store (real class name and accessor).
	 */
	class AIOWPSecurity_Config { // phpcs:ignore
		/**
		 * The stored settings.
		 *
		 * @var mixed
		 */
		public $configs;

		/**
		 * Reads the settings from their option.
		 */
		public function load_config() {
			$this->configs = get_option( 'aio_wp_security_configs' );
		}

		/**
		 * One setting, '' when unset.
		 *
		 * @param string $key Setting name.
		 * @return mixed
		 */
		public function get_value( $key ) {
			return is_array( $this->configs ) && isset( $this->configs[ $key ] ) ? $this->configs[ $key ] : '';
		}
	}
}

/**
 * The plugin's main object, as the real plugin keeps it in the global `$aio_wp_security`.
 */
$GLOBALS['aio_wp_security'] = (object) array( 'configs' => new AIOWPSecurity_Config() );
$GLOBALS['aio_wp_security']->configs->load_config();

/**
 * The client address as AIOS would see it with its current setting.
 */
function kco_standin_aios_client_ip(): string {
	$methods = array(
		'0' => 'REMOTE_ADDR',
		'1' => 'HTTP_CF_CONNECTING_IP',
		'2' => 'HTTP_X_FORWARDED_FOR',
		'3' => 'HTTP_X_FORWARDED',
		'4' => 'HTTP_CLIENT_IP',
		'5' => 'HTTP_X_REAL_IP',
		'6' => 'HTTP_X_CLUSTER_CLIENT_IP',
	);
	$method = (string) $GLOBALS['aio_wp_security']->configs->get_value( 'aiowps_ip_retrieve_method' );
	$key    = $methods[ $method ] ?? 'REMOTE_ADDR';
	$value  = isset( $_SERVER[ $key ] ) && is_string( $_SERVER[ $key ] ) ? sanitize_text_field( wp_unslash( $_SERVER[ $key ] ) ) : '';
	if ( '' === $value && isset( $_SERVER['REMOTE_ADDR'] ) ) {
		$value = sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) );
	}
	$first = explode( ',', $value );
	return trim( (string) $first[0] );
}

( static function () {
	$ip = kco_standin_aios_client_ip();
	if ( false === filter_var( $ip, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE ) ) {
		return;
	}
	$uri = isset( $_SERVER['REQUEST_URI'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '';
	if ( false === strpos( $uri, '/wc-api/' ) && false === strpos( $uri, 'kco-block/' ) ) {
		return;
	}
	status_header( 403 );
	nocache_headers();
	header( 'Content-Type: text/plain; charset=UTF-8' );
	echo 'Forbidden';
	exit;
} )();

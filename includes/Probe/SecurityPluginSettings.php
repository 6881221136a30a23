<?php
/**
 * Reads, from each security plugin's own store, the setting that says where it takes the client's
 * address from (ClientAddressPolicy says what the value means).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Called only while a doctor run collects its environment, never on an ordinary request. Each
 * plugin is read through its own accessor where it has one (it is active, so it is loaded), and a
 * key is left out when the value cannot be read: the policy then says `unknown`.
 */
final class SecurityPluginSettings {

	/**
	 * Raw settings for one plugin.
	 *
	 * @param string $slug Plugin folder name.
	 * @return array<string, mixed>
	 */
	public static function read( string $slug ): array {
		switch ( $slug ) {
			case 'wordfence':
				return self::wordfence();
			case 'better-wp-security':
			case 'ithemes-security-pro':
			case 'solid-security-pro':
				return self::solid_security();
			case 'all-in-one-wp-security-and-firewall':
				return self::all_in_one_security();
			case 'ninjafirewall':
			case 'nfwplus':
				return self::ninjafirewall();
			case 'wp-cerber':
				return self::wp_cerber();
			case 'malcare-security':
				return self::malcare();
			default:
				return array();
		}
	}

	/**
	 * Wordfence's `howGetIPs` through wfConfig::get() (lib/wfConfig.php), false when unset.
	 *
	 * @return array<string, mixed>
	 */
	private static function wordfence(): array {
		if ( ! class_exists( 'wfConfig', false ) || ! is_callable( array( 'wfConfig', 'get' ) ) ) {
			return array();
		}
		return array( 'howGetIPs' => \wfConfig::get( 'howGetIPs', false ) );
	}

	/**
	 * Solid Security's global `proxy` and `proxy_header` through ITSEC_Modules::get_setting().
	 *
	 * @return array<string, mixed>
	 */
	private static function solid_security(): array {
		if ( ! class_exists( 'ITSEC_Modules', false ) || ! is_callable( array( 'ITSEC_Modules', 'get_setting' ) ) ) {
			return array();
		}
		return array(
			'proxy'        => \ITSEC_Modules::get_setting( 'global', 'proxy' ),
			'proxy_header' => \ITSEC_Modules::get_setting( 'global', 'proxy_header' ),
		);
	}

	/**
	 * AIOS's `aiowps_ip_retrieve_method`, through its config object when loaded, else from the
	 * option that object keeps (`aio_wp_security_configs`).
	 *
	 * @return array<string, mixed>
	 */
	private static function all_in_one_security(): array {
		global $aio_wp_security;
		if ( is_object( $aio_wp_security ) && isset( $aio_wp_security->configs ) && is_object( $aio_wp_security->configs ) && is_callable( array( $aio_wp_security->configs, 'get_value' ) ) ) {
			return array( 'aiowps_ip_retrieve_method' => $aio_wp_security->configs->get_value( 'aiowps_ip_retrieve_method' ) );
		}
		$configs = get_option( 'aio_wp_security_configs' );
		if ( ! is_array( $configs ) ) {
			return array();
		}
		return array( 'aiowps_ip_retrieve_method' => $configs['aiowps_ip_retrieve_method'] ?? '' );
	}

	/**
	 * NinjaFirewall: whether a `.htninja` exists where the firewall looks for it (beside
	 * wp-config.php's folder or one above: NinjaFirewall's help, ".htninja"), and WP+'s `ac_ip`.
	 *
	 * @return array<string, mixed>
	 */
	private static function ninjafirewall(): array {
		$options = get_option( 'nfw_options' );
		return array(
			'htninja' => file_exists( ABSPATH . '.htninja' ) || file_exists( dirname( ABSPATH ) . '/.htninja' ),
			'ac_ip'   => is_array( $options ) ? ( $options['ac_ip'] ?? null ) : null,
			'ac_ip_2' => is_array( $options ) ? ( $options['ac_ip_2'] ?? null ) : null,
		);
	}

	/**
	 * WP Cerber's CERBER_IP_KEY and its `proxy` setting through crb_get_settings().
	 *
	 * @return array<string, mixed>
	 */
	private static function wp_cerber(): array {
		$settings = array( 'ip_key' => defined( 'CERBER_IP_KEY' ) ? constant( 'CERBER_IP_KEY' ) : null );
		if ( function_exists( 'crb_get_settings' ) ) {
			$settings['proxy'] = crb_get_settings( 'proxy' );
		}
		return $settings;
	}

	/**
	 * MalCare's firewall configuration (`mcconfig`, key `protect`), as its settings class reads it
	 * (wp_settings.php getOption(): the network option first).
	 *
	 * @return array<string, mixed>
	 */
	private static function malcare(): array {
		$config = get_site_option( 'mcconfig', false );
		if ( false === $config ) {
			$config = get_option( 'mcconfig', false );
		}
		$protect = is_array( $config ) ? ( $config['protect'] ?? null ) : null;
		if ( ! is_array( $protect ) ) {
			return array( 'configured' => false );
		}
		return array(
			'configured' => true,
			'ipheader'   => $protect['ipheader'] ?? null,
		);
	}
}

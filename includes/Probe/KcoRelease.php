<?php
/**
 * The KCO release whose request a Klarna callback echoes: its version, its checkout and the
 * shop's KCO settings.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use KcoCallbackDoctor\Verdict\KcoVersion;

defined( 'ABSPATH' ) || exit;

/**
 * Klarna's callback bodies are the checkout order as KCO created and updated it, so what a body
 * holds depends on the KCO version, on the checkout it serves (the checkout block overrides parts
 * of the request: blocks/src/Overrides.php) and on KCO's own settings (the option
 * `woocommerce_kco_settings`, classes/class-kco-fields.php). Every fact below was read in
 * krokedil/klarna-checkout-for-woocommerce at the tags named.
 */
final class KcoRelease {

	/**
	 * The newest KCO release the body builders were checked against. Without KCO installed the
	 * doctor shapes its probes like this release.
	 */
	public const NEWEST_KNOWN = '2.20.9';

	/**
	 * The last release that still handed Klarna a validation URL (2.0.2 removed it:
	 * classes/requests/helpers/class-kco-merchant-urls.php, get_urls()).
	 */
	private const LAST_WITH_VALIDATION = '2.0.1';

	/**
	 * The last release that still handed Klarna a shipping-option-update URL (2.5.0 removed it).
	 */
	private const LAST_WITH_SHIPPING_UPDATE = '2.4.3';

	/**
	 * The first release with checkout block support (blocks/src/ appears at tag 2.16.0).
	 */
	public const FIRST_WITH_BLOCKS = '2.16.0';

	public const CLASSIC = 'classic';
	public const BLOCKS  = 'blocks';

	/**
	 * Version, e.g. 2.20.9.
	 *
	 * @var string
	 */
	public $version;

	/**
	 * `classic` (shortcode checkout) or `blocks` (checkout block).
	 *
	 * @var string
	 */
	public $flow;

	/**
	 * KCO's settings as stored by KCO (empty when KCO never saved them).
	 *
	 * @var array<string, mixed>
	 */
	public $settings;

	/**
	 * Builds a release.
	 *
	 * @param string               $version  Version.
	 * @param string               $flow     `classic` or `blocks`.
	 * @param array<string, mixed> $settings KCO settings.
	 */
	public function __construct( string $version, string $flow, array $settings = array() ) {
		$this->version  = $version;
		$this->flow     = $flow;
		$this->settings = $settings;
	}

	/**
	 * The release whose request Klarna echoes to this endpoint. The two retired callbacks are
	 * only ever called with bodies of the releases that used them; the block validation only by
	 * the checkout block; every other one by the installed release (or the newest known).
	 *
	 * @param string               $endpoint Endpoint id.
	 * @param array<string, mixed> $kco      Environment's `kco` facts (version, flow).
	 */
	public static function for_endpoint( string $endpoint, array $kco ): self {
		$installed = isset( $kco['version'] ) && is_string( $kco['version'] ) && '' !== $kco['version'] ? $kco['version'] : self::NEWEST_KNOWN;
		$settings  = self::settings();
		switch ( $endpoint ) {
			case 'validation':
				return new self( self::LAST_WITH_VALIDATION, self::CLASSIC, $settings );
			case 'shipping-option-update':
				return new self( self::LAST_WITH_SHIPPING_UPDATE, self::CLASSIC, $settings );
			case 'block-validate':
			case 'block-validation':
				return new self( KcoVersion::is_at_least( $installed, self::FIRST_WITH_BLOCKS ) ? $installed : self::NEWEST_KNOWN, self::BLOCKS, $settings );
			default:
				return new self( $installed, self::BLOCKS === ( $kco['flow'] ?? '' ) ? self::BLOCKS : self::CLASSIC, $settings );
		}
	}

	/**
	 * Whether this release is at least the given version.
	 *
	 * @param string $version Version to compare with.
	 */
	public function is_at_least( string $version ): bool {
		// Numeric parts only, as the verdict compares versions: `2.20` counts as 2.20.0.
		return KcoVersion::is_at_least( $this->version, $version );
	}

	/**
	 * Whether the checkout block serves the checkout.
	 */
	public function is_blocks(): bool {
		return self::BLOCKS === $this->flow;
	}

	/**
	 * A checkbox setting of KCO: `yes`/`no`, or its default when never saved.
	 *
	 * @param string $key     Setting key.
	 * @param bool   $default Default of the field (class-kco-fields.php).
	 */
	public function setting_on( string $key, bool $default = false ): bool {
		if ( ! array_key_exists( $key, $this->settings ) ) {
			return $default;
		}
		return 'yes' === $this->settings[ $key ];
	}

	/**
	 * A text setting of KCO, '' when unset.
	 *
	 * @param string $key Setting key.
	 */
	public function setting_text( string $key ): string {
		$value = $this->settings[ $key ] ?? '';
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * KCO's settings, read the way KCO reads them.
	 *
	 * @return array<string, mixed>
	 */
	private static function settings(): array {
		$settings = get_option( 'woocommerce_kco_settings', array() );
		return is_array( $settings ) ? $settings : array();
	}
}

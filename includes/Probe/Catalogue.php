<?php
/**
 * The callback endpoints KCO makes Klarna call, and the Klarna-shaped probe for each.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use KcoCallbackDoctor\Environment;
use KcoCallbackDoctor\Verdict\KcoVersion;

defined( 'ABSPATH' ) || exit;

/**
 * Paths and queries follow what KCO builds (krokedil/klarna-checkout-for-woocommerce,
 * classes/requests/helpers/class-kco-merchant-urls.php: home_url( '/wc-api/KCO_WC_…/?…' ) with
 * `{checkout.order.id}`, which Klarna replaces by the order's UUID; the checkout block's
 * validation route is Blocks/Api/Controllers/OrderController.php, rest_url(
 * 'kco-block/order/{checkout.order.id}/validate' ), POST). Version ranges: docs/probe-protocol.md §2 and
 * KCO's changelog (2.0.2 "removed … the validation callback url", 2.5.0 reworked shipping, 2.6.4
 * "removed old code related to the shipping option callback").
 *
 * KCO forces https onto the validation and shipping-option-update URLs it hands Klarna. The probe
 * uses the home URL's own scheme instead, so an http-only site shows the https finding from the
 * environment rather than a TLS error on two endpoints only.
 *
 * `block-validation`: a wc-api validation URL for the checkout block (merchant_urls.validation =
 * site_url( '/wc-api/kco-block-validation' ) plus `kco_validation=yes&kco_order_id=…`, no
 * trailing slash, handled on `woocommerce_api_kco-block-validation`). It existed only in KCO's
 * development commits before 2.16.0 (blocks/src/ValidationCallback.php, replaced by the REST
 * route in "Move from deprecated wc-api to wp-json endpoint for validation callback"); no
 * release hands it to Klarna, so it is probed but never counted as used.
 *
 * Which callbacks a release hands Klarna: MerchantUrls. KCO 2.20.9's classic checkout hands it
 * only the push (class-kco-merchant-urls.php get_urls()); its checkout block also the REST
 * validation route (blocks/src/Overrides.php override_merchant_urls()).
 */
final class Catalogue {

	public const KLARNA_USER_AGENT = 'APIs-Klarna';

	/**
	 * Endpoint id => facts. `wc_api` is the wc-api name; `query` lists the parameters in KCO's
	 * order, `{id}` and `{sid}` standing for the order id and the WooCommerce session id.
	 */
	private const ENDPOINTS = array(
		'push'                   => array(
			'wc_api'   => 'KCO_WC_Push',
			'query'    => 'kco-action=push&kco_wc_order_id={id}',
			'body'     => 'none',
			'deadline' => null,
			'strict'   => null,
			'versions' => 'all',
		),
		'notification'           => array(
			'wc_api'   => 'KCO_WC_Notification',
			'query'    => 'kco_wc_order_id={id}',
			'body'     => 'notification',
			'deadline' => null,
			'strict'   => null,
			'versions' => '≤2.19',
		),
		'validation'             => array(
			'wc_api'   => 'KCO_WC_Validation',
			'query'    => 'kco-action=validation&kco_wc_order_id={id}&kco_session_id={sid}',
			'body'     => 'order',
			'deadline' => 3000,
			'strict'   => 10000,
			'versions' => '≤2.0.1',
		),
		'shipping-option-update' => array(
			'wc_api'   => 'KCO_WC_Shipping_Option_Update',
			'query'    => '',
			'body'     => 'order',
			'deadline' => null,
			'strict'   => null,
			'versions' => '≤2.4',
		),
		'block-validate'         => array(
			'wc_api'   => null,
			'query'    => '',
			'body'     => 'order',
			'deadline' => 3000,
			'strict'   => 10000,
			'versions' => '≥2.16 (checkout block)',
		),
		'block-validation'       => array(
			'wc_api'   => 'kco-block-validation',
			'query'    => 'kco_validation=yes&kco_order_id={id}',
			'body'     => 'order',
			'deadline' => 3000,
			'strict'   => 10000,
			'versions' => '2.16 development builds',
		),
	);

	/**
	 * The REST route KCO registers for the checkout block's validation, as WordPress reports it.
	 */
	public const BLOCK_VALIDATE_ROUTE = '#^/kco-block/order/[^/]+/validate$#';

	/**
	 * Every endpoint id, in catalogue order.
	 *
	 * @return string[]
	 */
	public static function ids(): array {
		return array_keys( self::ENDPOINTS );
	}

	/**
	 * The endpoint a wc-api name belongs to (WooCommerce lowercases the name it dispatches).
	 *
	 * @param string $name wc-api name as dispatched.
	 */
	public static function endpoint_for_wc_api( string $name ): ?string {
		foreach ( self::ENDPOINTS as $id => $endpoint ) {
			if ( null !== $endpoint['wc_api'] && 0 === strcasecmp( $endpoint['wc_api'], $name ) ) {
				return $id;
			}
		}
		return null;
	}

	/**
	 * Klarna's deadline for an endpoint in ms, or null.
	 *
	 * @param string $id Endpoint id.
	 */
	public static function deadline_ms( string $id ): ?int {
		return self::ENDPOINTS[ $id ]['deadline'] ?? null;
	}

	/**
	 * The longest Klarna waits for an endpoint in ms (its strict-validation deadline where there
	 * is one), or null where Klarna sets no deadline.
	 *
	 * @param string $id Endpoint id.
	 */
	public static function longest_deadline_ms( string $id ): ?int {
		return self::ENDPOINTS[ $id ]['strict'] ?? self::deadline_ms( $id );
	}

	/**
	 * Descriptors of the given endpoints (types.ts EndpointDescriptor).
	 *
	 * @param string[]             $ids Endpoint ids.
	 * @param array<string, mixed> $kco Environment's `kco` facts.
	 * @return array<int, array<string, mixed>>
	 */
	public static function descriptors( array $ids, array $kco ): array {
		$descriptors = array();
		foreach ( $ids as $id ) {
			$endpoint      = self::ENDPOINTS[ $id ];
			$descriptors[] = array(
				'id'                 => $id,
				'label'              => self::label( $id ),
				'method'             => 'POST',
				'path'               => self::relative_path( $id ),
				'deadlineMs'         => $endpoint['deadline'],
				'strictDeadlineMs'   => $endpoint['strict'],
				'kcoVersions'        => self::versions_label( $endpoint['versions'] ),
				'usedByInstalledKco' => self::used_by( $id, $kco ),
				'canary'             => Canary::for_endpoint( $id ),
			);
		}
		return $descriptors;
	}

	/**
	 * The Klarna-shaped probes of an endpoint: `klarna`, and for push also `klarna-session`
	 * (the query KCO 2.0–2.18.3 built, with the WooCommerce session id).
	 *
	 * @param string                    $id  Endpoint id.
	 * @param array<string, mixed>|null $kco Environment's `kco` facts; null reads them.
	 * @return Probe[]
	 */
	public static function klarna_probes( string $id, ?array $kco = null ): array {
		$probes = array( self::klarna( $id, $kco ) );
		if ( 'push' === $id ) {
			$probes[] = self::klarna_probe( $id, 'klarna-session', self::ENDPOINTS[ $id ]['query'] . '&kco_session_id={sid}', $kco );
		}
		return $probes;
	}

	/**
	 * The `klarna` probe of an endpoint alone: the request the current KCO makes Klarna send. The
	 * external test (a signed curl command) sends exactly this, so it must come from here too.
	 *
	 * @param string                    $id  Endpoint id.
	 * @param array<string, mixed>|null $kco Environment's `kco` facts; null reads them.
	 */
	public static function klarna( string $id, ?array $kco = null ): Probe {
		return self::klarna_probe( $id, 'klarna', self::ENDPOINTS[ $id ]['query'], $kco );
	}

	/**
	 * The KCO versions that use an endpoint, as the owner reads them: the words in them translated.
	 *
	 * @param string $versions The catalogue's `versions`.
	 */
	private static function versions_label( string $versions ): string {
		switch ( $versions ) {
			case 'all':
				/* translators: which KCO versions make Klarna call a callback: every one of them. */
				return _x( 'all', 'KCO versions', 'kco-callback-doctor' );
			case '≥2.16 (checkout block)':
				/* translators: KCO versions that make Klarna call a callback; keep "≥2.16". */
				return __( '≥2.16 (checkout block)', 'kco-callback-doctor' );
			case '2.16 development builds':
				/* translators: KCO versions that make Klarna call a callback: builds made while 2.16 was being developed, never released; keep "2.16". */
				return __( '2.16 development builds', 'kco-callback-doctor' );
			default:
				return $versions;
		}
	}

	/**
	 * Human name of an endpoint.
	 *
	 * @param string $id Endpoint id.
	 */
	private static function label( string $id ): string {
		switch ( $id ) {
			case 'push':
				return __( 'Push', 'kco-callback-doctor' );
			case 'notification':
				return __( 'Notification', 'kco-callback-doctor' );
			case 'validation':
				return __( 'Validation', 'kco-callback-doctor' );
			case 'shipping-option-update':
				return __( 'Shipping option update', 'kco-callback-doctor' );
			case 'block-validation':
				return __( 'Checkout block validation (wc-api)', 'kco-callback-doctor' );
			default:
				return __( 'Checkout block validation', 'kco-callback-doctor' );
		}
	}

	/**
	 * Whether the installed KCO makes Klarna call the endpoint; null without KCO.
	 *
	 * @param string               $id  Endpoint id.
	 * @param array<string, mixed> $kco Environment's `kco` facts.
	 */
	private static function used_by( string $id, array $kco ): ?bool {
		$version = $kco['version'] ?? null;
		if ( null === $version ) {
			return null;
		}
		switch ( $id ) {
			case 'push':
				return true;
			// KcoVersion, not version_compare(): a pre-release such as 2.20-rc1 already ships
			// the release's callbacks, and the verdict and the page compare versions this way.
			case 'notification':
				return ! KcoVersion::is_at_least( $version, '2.20' );
			case 'validation':
				return ! KcoVersion::is_at_least( $version, '2.0.2' );
			case 'shipping-option-update':
				return ! KcoVersion::is_at_least( $version, '2.5' );
			case 'block-validate':
				return KcoVersion::is_at_least( $version, KcoRelease::FIRST_WITH_BLOCKS ) && 'blocks' === ( $kco['flow'] ?? '' );
			// Only development builds before 2.16.0 handed Klarna the wc-api block validation URL.
			default:
				return false;
		}
	}

	/**
	 * Path and query relative to the home URL, with `{id}` (and `{sid}`) left in.
	 *
	 * @param string $id Endpoint id.
	 */
	private static function relative_path( string $id ): string {
		$url  = self::url( $id, self::ENDPOINTS[ $id ]['query'], '{id}', '{sid}' );
		$home = untrailingslashit( home_url() );
		return 0 === strpos( $url, $home ) ? substr( $url, strlen( $home ) ) : $url;
	}

	/**
	 * The URL KCO would hand Klarna, with the placeholders filled in.
	 *
	 * @param string $id         Endpoint id.
	 * @param string $query      Query template.
	 * @param string $order_id   Klarna order id.
	 * @param string $session_id WooCommerce session id.
	 */
	private static function url( string $id, string $query, string $order_id, string $session_id ): string {
		if ( 'block-validate' === $id ) {
			return rest_url( 'kco-block/order/' . $order_id . '/validate' );
		}
		if ( 'block-validation' === $id ) {
			// KCO builds this one from site_url(), without the trailing slash.
			return site_url( '/wc-api/' . self::ENDPOINTS[ $id ]['wc_api'] . '?' . str_replace( '{id}', $order_id, $query ) );
		}
		$path = '/wc-api/' . self::ENDPOINTS[ $id ]['wc_api'] . '/';
		if ( '' !== $query ) {
			$path .= '?' . str_replace( array( '{id}', '{sid}' ), array( $order_id, $session_id ), $query );
		}
		return home_url( $path );
	}

	/**
	 * One Klarna-shaped probe with a fresh order id and session id.
	 *
	 * @param string                    $id      Endpoint id.
	 * @param string                    $variant `klarna` or `klarna-session`.
	 * @param string                    $query   Query template.
	 * @param array<string, mixed>|null $kco     Environment's `kco` facts; null reads them.
	 */
	private static function klarna_probe( string $id, string $variant, string $query, ?array $kco ): Probe {
		$order_id   = wp_generate_uuid4();
		$session_id = self::session_id();
		$headers    = array( 'Accept' => 'application/json' );
		$body       = '';
		switch ( self::ENDPOINTS[ $id ]['body'] ) {
			case 'notification':
				$body = (string) wp_json_encode(
					array(
						'order_id'   => $order_id,
						'event_type' => 'FRAUD_RISK_ACCEPTED',
					)
				);
				break;
			case 'order':
				$release = KcoRelease::for_endpoint( $id, null === $kco ? Environment::kco() : $kco );
				$body    = KlarnaOrder::json( $order_id, $release, $session_id, 'block-validation' === $id );
				break;
		}
		// A push has no body, and curl would otherwise add a form Content-Type to the empty POST.
		$headers['Content-Type'] = '' !== $body ? 'application/json' : '';
		$probe                   = new Probe( $id, $variant, 'POST', self::url( $id, $query, $order_id, $session_id ), $headers, $body, self::KLARNA_USER_AGENT );
		$probe->order_id         = $order_id;
		return $probe;
	}

	/**
	 * A WooCommerce guest session key as KCO read it from the session cookie: `t_` and 30 hex
	 * digits (WC_Session_Handler::generate_customer_id()).
	 */
	private static function session_id(): string {
		return 't_' . substr( bin2hex( random_bytes( 16 ) ), 0, 30 );
	}
}

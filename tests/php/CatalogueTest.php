<?php
/**
 * Catalogue: which callbacks each KCO version makes Klarna call, and the Klarna-shaped probes.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Catalogue;
use PHPUnit\Framework\TestCase;

/**
 * Version ranges from docs/probe-protocol.md §2 and KCO's changelog, as Catalogue.php cites them.
 */
final class CatalogueTest extends TestCase {

	/**
	 * Installed KCO (version, flow), endpoint, and whether that KCO makes Klarna call it.
	 *
	 * @return array<string, array{0: string|null, 1: string, 2: string, 3: bool|null}>
	 */
	public function versions(): array {
		return array(
			'without KCO nothing is known about push'                       => array( null, 'unknown', 'push', null ),
			'without KCO nothing is known about validation'                 => array( null, 'unknown', 'validation', null ),
			'every KCO uses push'                                           => array( '2.0.0', 'classic', 'push', true ),
			'the newest KCO uses push'                                      => array( '3.9.1', 'blocks', 'push', true ),
			'KCO 2.0.1 still sends the classic validation callback'         => array( '2.0.1', 'classic', 'validation', true ),
			'KCO 2.0.2 removed the classic validation callback'             => array( '2.0.2', 'classic', 'validation', false ),
			'KCO 2.19.9 still sends notifications'                          => array( '2.19.9', 'classic', 'notification', true ),
			'KCO 2.20 no longer sends notifications'                        => array( '2.20', 'classic', 'notification', false ),
			'a 2.20 release candidate already ends notifications'           => array( '2.20-rc1', 'classic', 'notification', false ),
			'a 2.0.2 beta already drops the classic validation'             => array( '2.0.2-beta', 'classic', 'validation', false ),
			'a 2.5 beta already reworked shipping'                          => array( '2.5-beta', 'classic', 'shipping-option-update', false ),
			'a version without numbers is not ranked past any release'      => array( 'dev', 'classic', 'notification', true ),
			'KCO 2.4.9 still sends shipping option updates'                 => array( '2.4.9', 'classic', 'shipping-option-update', true ),
			'KCO 2.5 reworked shipping: no shipping option update'          => array( '2.5.0', 'classic', 'shipping-option-update', false ),
			'the checkout block on KCO 2.16 validates through REST'         => array( '2.16', 'blocks', 'block-validate', true ),
			'no KCO release validates the block through wc-api'            => array( '2.16', 'blocks', 'block-validation', false ),
			'the classic checkout never uses the block validation'          => array( '3.0.0', 'classic', 'block-validate', false ),
			'an unknown flow is not counted as the checkout block'          => array( '3.0.0', 'unknown', 'block-validation', false ),
			'KCO before 2.16 has no checkout block validation'              => array( '2.15.9', 'blocks', 'block-validate', false ),
		);
	}

	/**
	 * @dataProvider versions
	 *
	 * @param string|null $version  Installed KCO version.
	 * @param string      $flow     classic, blocks or unknown.
	 * @param string      $endpoint Endpoint id.
	 * @param bool|null   $used     Expected usedByInstalledKco.
	 */
	public function test_says_whether_the_installed_kco_makes_klarna_call_an_endpoint( ?string $version, string $flow, string $endpoint, ?bool $used ): void {
		$descriptors = Catalogue::descriptors(
			array( $endpoint ),
			array(
				'active'  => null !== $version,
				'name'    => null === $version ? null : 'Klarna Checkout for WooCommerce',
				'version' => $version,
				'flow'    => $flow,
			)
		);
		$this->assertCount( 1, $descriptors );
		$this->assertSame( $endpoint, $descriptors[0]['id'] );
		$this->assertSame( $used, $descriptors[0]['usedByInstalledKco'] );
	}

	public function test_describes_every_endpoint_with_its_path_and_klarna_deadline(): void {
		$descriptors = Catalogue::descriptors( Catalogue::ids(), array( 'version' => null ) );
		$by_id       = array_column( $descriptors, null, 'id' );

		$this->assertSame( array( 'push', 'notification', 'validation', 'shipping-option-update', 'block-validate', 'block-validation' ), array_keys( $by_id ) );
		$this->assertSame( '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id={id}', $by_id['push']['path'] );
		$this->assertSame( '/wc-api/KCO_WC_Validation/?kco-action=validation&kco_wc_order_id={id}&kco_session_id={sid}', $by_id['validation']['path'] );
		$this->assertSame( '/wc-api/kco-block-validation?kco_validation=yes&kco_order_id={id}', $by_id['block-validation']['path'] );
		$this->assertStringEndsWith( 'kco-block/order/{id}/validate', $by_id['block-validate']['path'] );
		// Klarna waits 3 s for a validation answer (10 s with strict validation); push has no deadline.
		$this->assertSame( 3000, $by_id['validation']['deadlineMs'] );
		$this->assertSame( 10000, $by_id['block-validate']['strictDeadlineMs'] );
		$this->assertNull( $by_id['push']['deadlineMs'] );
		foreach ( $descriptors as $descriptor ) {
			$this->assertSame( 'POST', $descriptor['method'] );
		}
	}

	/**
	 * WooCommerce lowercases the wc-api name it dispatches; the REST route has no wc-api name.
	 *
	 * @return array<string, array{0: string, 1: string|null}>
	 */
	public function wc_api_names(): array {
		return array(
			'push as KCO names it'                      => array( 'KCO_WC_Push', 'push' ),
			'push as WooCommerce dispatches it'         => array( 'kco_wc_push', 'push' ),
			'shipping option update in lower case'      => array( 'kco_wc_shipping_option_update', 'shipping-option-update' ),
			'the checkout block’s wc-api validation'    => array( 'kco-block-validation', 'block-validation' ),
			'another plugin’s wc-api name'              => array( 'WC_Gateway_Paypal', null ),
			'a prefix of a KCO name is not that name'   => array( 'KCO_WC_Pus', null ),
		);
	}

	/**
	 * @dataProvider wc_api_names
	 *
	 * @param string      $name     wc-api name.
	 * @param string|null $endpoint Expected endpoint id.
	 */
	public function test_maps_a_dispatched_wc_api_name_to_its_endpoint( string $name, ?string $endpoint ): void {
		$this->assertSame( $endpoint, Catalogue::endpoint_for_wc_api( $name ) );
	}

	public function test_push_is_probed_as_current_kco_sends_it_and_as_older_kco_did_with_the_session_id(): void {
		$probes = Catalogue::klarna_probes( 'push' );

		$this->assertSame( array( 'klarna', 'klarna-session' ), array_map( static function ( $probe ) {
			return $probe->variant;
		}, $probes ) );
		parse_str( (string) wp_parse_url( $probes[0]->url, PHP_URL_QUERY ), $current );
		parse_str( (string) wp_parse_url( $probes[1]->url, PHP_URL_QUERY ), $older );
		$this->assertSame( array( 'kco-action', 'kco_wc_order_id' ), array_keys( $current ) );
		$this->assertSame( array( 'kco-action', 'kco_wc_order_id', 'kco_session_id' ), array_keys( $older ) );
		// Klarna's order id is a UUID and the session id a WooCommerce guest key: shapes WAF rules react to.
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $current['kco_wc_order_id'] );
		$this->assertMatchesRegularExpression( '/^t_[0-9a-f]{30}$/', $older['kco_session_id'] );
		$this->assertSame( '', $probes[0]->body );
	}

	/**
	 * Every endpoint's Klarna-shaped probe: method, where it goes, and what body it carries.
	 *
	 * @return array<string, array{0: string, 1: string, 2: string}>
	 */
	public function klarna_shapes(): array {
		return array(
			'push has no body'                                 => array( 'push', '#/wc-api/KCO_WC_Push/\?kco-action=push&kco_wc_order_id=#', 'none' ),
			'notification carries the fraud-risk event'        => array( 'notification', '#/wc-api/KCO_WC_Notification/\?kco_wc_order_id=#', 'notification' ),
			'classic validation carries the full order'        => array( 'validation', '#/wc-api/KCO_WC_Validation/\?kco-action=validation&#', 'order' ),
			'shipping option update carries the full order'    => array( 'shipping-option-update', '#/wc-api/KCO_WC_Shipping_Option_Update/$#', 'order' ),
			'block validation (REST) carries the full order'   => array( 'block-validate', '#kco-block/order/[0-9a-f-]{36}/validate$#', 'order' ),
			'block validation (wc-api) carries the full order' => array( 'block-validation', '#/wc-api/kco-block-validation\?kco_validation=yes&kco_order_id=#', 'order' ),
		);
	}

	/**
	 * @dataProvider klarna_shapes
	 *
	 * @param string $endpoint Endpoint id.
	 * @param string $url      Pattern the URL matches.
	 * @param string $body     none, notification or order.
	 */
	public function test_the_klarna_shaped_probe_is_sent_like_klarna_sends_the_callback( string $endpoint, string $url, string $body ): void {
		$probe = Catalogue::klarna( $endpoint );

		$this->assertSame( 'POST', $probe->method );
		$this->assertSame( 'APIs-Klarna', $probe->user_agent );
		$this->assertStringStartsWith( untrailingslashit( home_url() ), $probe->url );
		$this->assertMatchesRegularExpression( $url, $probe->url );
		$this->assertArrayNotHasKey( 'Referer', $probe->headers );
		if ( 'none' === $body ) {
			$this->assertSame( '', $probe->body );
			// An empty value tells cURL to leave out the form Content-Type it would add.
			$this->assertSame( '', $probe->headers['Content-Type'] );
			return;
		}
		$this->assertSame( 'application/json', $probe->headers['Content-Type'] );
		$decoded = json_decode( $probe->body, true );
		$this->assertIsArray( $decoded );
		if ( 'notification' === $body ) {
			$this->assertSame( 'FRAUD_RISK_ACCEPTED', $decoded['event_type'] );
			return;
		}
		$this->assertArrayHasKey( 'order_lines', $decoded );
		$this->assertArrayHasKey( 'merchant_urls', $decoded );
		// KCO puts merchant_data in as a JSON string, not an object (class-kco-request-merchant-data.php).
		$this->assertIsString( $decoded['merchant_data'] );
	}

	/**
	 * Every `versions` value of the catalogue is shown on the page, so each one with words must
	 * reach the translation functions; a label that falls through to the raw value stays English.
	 */
	public function test_every_kco_versions_label_is_translatable(): void {
		$mark         = static function ( $translation, $text, $domain ) {
			return 'kco-callback-doctor' === $domain ? '[t]' . $translation : $translation;
		};
		$mark_context = static function ( $translation, $text, $context, $domain ) use ( $mark ) {
			return $mark( $translation, $text, $domain );
		};
		add_filter( 'gettext', $mark, 10, 3 );
		add_filter( 'gettext_with_context', $mark_context, 10, 4 );
		try {
			$descriptors = Catalogue::descriptors( Catalogue::ids(), array( 'version' => null ) );
		} finally {
			remove_filter( 'gettext', $mark, 10 );
			remove_filter( 'gettext_with_context', $mark_context, 10 );
		}
		foreach ( $descriptors as $descriptor ) {
			// A bare range such as "≤2.19" has no words to translate.
			if ( 1 === preg_match( '/[a-z]/i', $descriptor['kcoVersions'] ) ) {
				$this->assertStringStartsWith( '[t]', $descriptor['kcoVersions'], $descriptor['id'] );
			}
		}
	}

	public function test_each_probe_gets_a_fresh_order_id(): void {
		$this->assertNotSame( Catalogue::klarna( 'push' )->url, Catalogue::klarna( 'push' )->url );
	}
}

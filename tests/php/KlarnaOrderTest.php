<?php
/**
 * The order body Klarna posts carries exactly what the KCO release put into it.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\KcoRelease;
use KcoCallbackDoctor\Probe\KlarnaOrder;
use PHPUnit\Framework\TestCase;

/**
 * Facts from krokedil/klarna-checkout-for-woocommerce at the tags KlarnaOrder.php names.
 */
final class KlarnaOrderTest extends TestCase {

	private const UUID = '5b2f9c1e-7a3d-4e8f-9b6a-2c4d6e8f0a1b';

	private const SESSION = 't_0123456789abcdef0123456789abcd';

	/**
	 * The order of a release, decoded.
	 *
	 * @param string               $version  KCO version.
	 * @param string               $flow     classic or blocks.
	 * @param array<string, mixed> $settings KCO settings.
	 * @return array<string, mixed>
	 */
	private function order( string $version, string $flow, array $settings = array() ): array {
		$json = KlarnaOrder::json( self::UUID, new KcoRelease( $version, $flow, $settings ), self::SESSION );
		$this->assertJson( $json );
		return json_decode( $json, true );
	}

	public function test_merchant_data_is_a_json_string_with_the_signing_key_from_kco_2_20(): void {
		$order = $this->order( '2.20.9', KcoRelease::CLASSIC );

		$this->assertIsString( $order['merchant_data'] );
		$data = json_decode( $order['merchant_data'], true );
		$this->assertSame( array( 'is_user_logged_in', 'signing_key' ), array_keys( $data ) );
		$this->assertFalse( $data['is_user_logged_in'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $data['signing_key'] );
	}

	public function test_merchant_data_before_kco_2_20_holds_only_is_user_logged_in(): void {
		$order = $this->order( '2.19.1', KcoRelease::CLASSIC );

		$this->assertSame( '{"is_user_logged_in":false}', $order['merchant_data'] );
	}

	public function test_the_checkout_block_adds_cart_hashes_token_and_nonce_to_merchant_data(): void {
		$data = json_decode( $this->order( '2.20.9', KcoRelease::BLOCKS )['merchant_data'], true );

		$this->assertSame(
			array( 'is_user_logged_in', 'signing_key', 'wc_cart_hash', 'wc_shipping_hash', 'wc_fees_hash', 'wc_coupons_hash', 'wc_taxes_hash', 'wc_cart_token', 'wc_nonce', 'wp_logged_in_cookie' ),
			array_keys( $data )
		);
		$this->assertSame( md5( '[]' ), $data['wc_fees_hash'] );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/', $data['wc_cart_token'] );
		$payload = json_decode( base64_decode( strtr( explode( '.', $data['wc_cart_token'] )[1], '-_', '+/' ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
		$this->assertSame( self::SESSION, $payload['user_id'] );
		$this->assertSame( 'wc/store/v1', $payload['iss'] );
		$this->assertNull( $data['wp_logged_in_cookie'] );
	}

	public function test_order_lines_carry_no_product_identifiers_and_no_quantity_unit(): void {
		$order = $this->order( '2.20.9', KcoRelease::CLASSIC );

		foreach ( $order['order_lines'] as $line ) {
			$this->assertArrayNotHasKey( 'product_identifiers', $line );
			$this->assertArrayNotHasKey( 'quantity_unit', $line );
		}
		$this->assertSame( array( 'physical', 'physical', 'physical', 'shipping_fee' ), array_column( $order['order_lines'], 'type' ) );
		$this->assertSame( array_sum( array_column( $order['order_lines'], 'total_amount' ) ), $order['order_amount'] );
		$this->assertSame( array_sum( array_column( $order['order_lines'], 'total_tax_amount' ) ), $order['order_tax_amount'] );
	}

	public function test_product_urls_follow_kcos_send_product_urls_setting(): void {
		$default = $this->order( '2.20.9', KcoRelease::CLASSIC );
		$off     = $this->order( '2.20.9', KcoRelease::CLASSIC, array( 'send_product_urls' => 'no' ) );

		$this->assertArrayHasKey( 'product_url', $default['order_lines'][0] );
		$this->assertArrayHasKey( 'image_url', $default['order_lines'][0] );
		$this->assertArrayNotHasKey( 'product_url', $off['order_lines'][0] );
		$this->assertArrayNotHasKey( 'image_url', $off['order_lines'][0] );
	}

	/**
	 * KCO adds the EMD attachment, `recurring` and an order line's `subscription` only for a cart
	 * with a subscription in it (class-kco-subscription.php, class-kco-request-cart.php), not
	 * because WooCommerce Subscriptions is active. Runs in its own process: the stand-in class
	 * must not leak into other tests.
	 *
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_an_ordinary_order_has_no_subscription_fields_even_with_woocommerce_subscriptions_active(): void {
		if ( ! class_exists( 'WC_Subscriptions', false ) ) {
			class_alias( get_class( new class() {} ), 'WC_Subscriptions' );
		}
		foreach ( array( KcoRelease::CLASSIC, KcoRelease::BLOCKS ) as $flow ) {
			$order = $this->order( '2.20.9', $flow );

			$this->assertArrayNotHasKey( 'attachment', $order, $flow );
			$this->assertArrayNotHasKey( 'recurring', $order, $flow );
			foreach ( $order['order_lines'] as $line ) {
				$this->assertArrayNotHasKey( 'subscription', $line, $flow );
			}
		}
	}

	public function test_shipping_chosen_in_klarnas_iframe_sends_options_instead_of_a_shipping_line(): void {
		$order = $this->order( '2.20.9', KcoRelease::CLASSIC, array( 'shipping_methods_in_iframe' => 'yes' ) );

		$this->assertNotContains( 'shipping_fee', array_column( $order['order_lines'], 'type' ) );
		$this->assertSame( array( 'id', 'name', 'price', 'tax_amount', 'tax_rate', 'preselected' ), array_keys( $order['shipping_options'][0] ) );
		$this->assertSame( $order['shipping_options'][0], $order['selected_shipping_option'] );
	}

	public function test_kco_2_20_9_hands_klarna_only_the_push_on_the_classic_checkout(): void {
		$urls = $this->order( '2.20.9', KcoRelease::CLASSIC )['merchant_urls'];

		$this->assertSame( array( 'terms', 'checkout', 'confirmation', 'push' ), array_keys( $urls ) );
		$this->assertSame( home_url( '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id={checkout.order.id}' ), $urls['push'] );
	}

	public function test_the_checkout_block_adds_its_rest_validation_url_and_the_draft_order(): void {
		$order = $this->order( '2.20.9', KcoRelease::BLOCKS );

		$this->assertSame( array( 'terms', 'checkout', 'confirmation', 'push', 'validation' ), array_keys( $order['merchant_urls'] ) );
		$this->assertSame( rest_url( 'kco-block/order/{checkout.order.id}/validate' ), $order['merchant_urls']['validation'] );
		$this->assertStringContainsString( 'order_id=' . KlarnaOrder::DRAFT_ORDER_ID, $order['merchant_urls']['confirmation'] );
		$this->assertSame( KlarnaOrder::DRAFT_ORDER_ID, $order['merchant_reference1'] );
		$this->assertFalse( $order['options']['require_client_validation'] );
		$this->assertTrue( $order['options']['require_validate_callback_success'] );
	}

	/**
	 * A release and the merchant_urls keys it hands Klarna (class-kco-merchant-urls.php get_urls()).
	 *
	 * @return array<string, array{0: string, 1: string[], 2: bool}>
	 */
	public function releases(): array {
		return array(
			'2.0.1: validation, shipping and notification' => array( '2.0.1', array( 'terms', 'checkout', 'confirmation', 'push', 'validation', 'shipping_option_update', 'notification' ), true ),
			'2.4.3: shipping option update still there'   => array( '2.4.3', array( 'terms', 'checkout', 'confirmation', 'push', 'shipping_option_update', 'notification' ), true ),
			'2.18.3: push still with the session id'       => array( '2.18.3', array( 'terms', 'checkout', 'confirmation', 'push', 'notification' ), true ),
			'2.18.4: push without the session id'          => array( '2.18.4', array( 'terms', 'checkout', 'confirmation', 'push', 'notification' ), false ),
			'2.20.0: the notification is gone'             => array( '2.20.0', array( 'terms', 'checkout', 'confirmation', 'push' ), false ),
		);
	}

	/**
	 * @dataProvider releases
	 *
	 * @param string   $version      KCO version.
	 * @param string[] $keys         merchant_urls keys in KCO's order.
	 * @param bool     $session_push Whether the push URL carries kco_session_id.
	 */
	public function test_merchant_urls_are_those_of_the_release( string $version, array $keys, bool $session_push ): void {
		$urls = $this->order( $version, KcoRelease::CLASSIC )['merchant_urls'];

		$this->assertSame( $keys, array_keys( $urls ) );
		$this->assertSame( $session_push, false !== strpos( $urls['push'], 'kco_session_id=' . self::SESSION ) );
		if ( isset( $urls['shipping_option_update'] ) ) {
			$this->assertStringStartsWith( 'https:', $urls['shipping_option_update'] );
		}
	}

	public function test_options_follow_the_release(): void {
		$old = $this->order( '2.0.1', KcoRelease::CLASSIC )['options'];
		$new = $this->order( '2.20.9', KcoRelease::CLASSIC, array( 'shipping_details' => 'Leverans inom 2–4 dagar' ) )['options'];

		$this->assertArrayNotHasKey( 'verify_national_identification_number', $old );
		$this->assertArrayNotHasKey( 'show_subtotal_detail', $old );
		$this->assertArrayHasKey( 'verify_national_identification_number', $new );
		$this->assertArrayHasKey( 'show_subtotal_detail', $new );
		$this->assertSame( 'Leverans inom 2–4 dagar', $new['shipping_details'] );
		$this->assertArrayNotHasKey( 'require_validate_callback_success', $new );
	}

	public function test_the_body_is_raw_utf8_with_unescaped_slashes(): void {
		$json = KlarnaOrder::json( self::UUID, new KcoRelease( '2.20.9', KcoRelease::CLASSIC ), self::SESSION );

		$this->assertStringContainsString( 'Åsa', $json );
		$this->assertStringContainsString( '"order_id":"' . self::UUID . '"', $json );
		$this->assertStringNotContainsString( '\\/', $json );
		// merchant_data is JSON inside JSON: its quotes are escaped in the body.
		$this->assertMatchesRegularExpression( '/"merchant_data":"\{\\\\"is_user_logged_in\\\\":false,\\\\"signing_key\\\\":\\\\"[0-9a-f]{64}\\\\"\}"/', $json );
	}

	public function test_each_endpoint_gets_the_body_of_the_release_that_calls_it(): void {
		$newest = array(
			'version' => '2.20.9',
			'flow'    => 'classic',
		);

		$this->assertSame( '2.0.1', KcoRelease::for_endpoint( 'validation', $newest )->version );
		$this->assertSame( '2.4.3', KcoRelease::for_endpoint( 'shipping-option-update', $newest )->version );
		$this->assertSame( KcoRelease::BLOCKS, KcoRelease::for_endpoint( 'block-validate', $newest )->flow );
		$this->assertSame( '2.20.9', KcoRelease::for_endpoint( 'block-validate', $newest )->version );
		$this->assertSame( KcoRelease::NEWEST_KNOWN, KcoRelease::for_endpoint( 'block-validate', array( 'version' => '2.10.0' ) )->version );
		$this->assertSame( KcoRelease::NEWEST_KNOWN, KcoRelease::for_endpoint( 'push', array( 'version' => null ) )->version );
	}
}

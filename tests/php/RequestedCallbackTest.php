<?php
/**
 * RequestedCallback: which KCO callback a request's address names.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Traffic\RequestedCallback;
use PHPUnit\Framework\TestCase;

/**
 * The addresses are those KCO hands Klarna (Catalogue.php), in every form WooCommerce and the
 * REST API accept them; nothing else is a callback.
 */
final class RequestedCallbackTest extends TestCase {

	/**
	 * Request URI and the callback it names.
	 *
	 * @return array<string, array{0: string, 1: string|null}>
	 */
	public function addresses(): array {
		return array(
			'the push KCO builds'                                 => array( '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=8f2c1e4a-5b6d-4c7e-9f80-1a2b3c4d5e6f', 'push' ),
			'the push of KCO 2.0-2.18, with the session id'       => array( '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=x&kco_session_id=t_1', 'push' ),
			'the push in the case WooCommerce dispatches it'      => array( '/wc-api/kco_wc_push/', 'push' ),
			'the push as ?wc-api='                                => array( '/?wc-api=KCO_WC_Push&kco_wc_order_id=x', 'push' ),
			'the push below a language prefix'                    => array( '/en/wc-api/KCO_WC_Push/', 'push' ),
			'the push in a sub-directory install'                 => array( '/shop/index.php/wc-api/KCO_WC_Push/?kco_wc_order_id=x', 'push' ),
			'the notification'                                    => array( '/wc-api/KCO_WC_Notification/?kco_wc_order_id=x', 'notification' ),
			'the classic validation'                              => array( '/wc-api/KCO_WC_Validation/?kco-action=validation', 'validation' ),
			'the shipping option update'                          => array( '/wc-api/KCO_WC_Shipping_Option_Update/', 'shipping-option-update' ),
			'the checkout block wc-api validation, no slash'      => array( '/wc-api/kco-block-validation?kco_validation=yes&kco_order_id=x', 'block-validation' ),
			'the checkout block REST validation'                  => array( '/wp-json/kco-block/order/8f2c1e4a-5b6d-4c7e-9f80-1a2b3c4d5e6f/validate', 'block-validate' ),
			'the checkout block REST validation under ?rest_route' => array( '/?rest_route=/kco-block/order/abc/validate', 'block-validate' ),
			'the REST validation with an encoded route'           => array( '/?rest_route=%2Fkco-block%2Forder%2Fabc%2Fvalidate', 'block-validate' ),
			'another gateway’s wc-api name'                       => array( '/wc-api/WC_Gateway_Paypal/', null ),
			'a KCO-like name KCO does not use'                    => array( '/wc-api/kco_wc_address_update/', null ),
			'another route of the kco-block namespace'            => array( '/wp-json/kco-block/order/abc', null ),
			'a shop page'                                         => array( '/product/kco-block-chair/', null ),
			'nothing'                                             => array( '', null ),
		);
	}

	/**
	 * @dataProvider addresses
	 *
	 * @param string      $uri      Request URI.
	 * @param string|null $expected Catalogue id, or null.
	 */
	public function test_names_the_callback_an_address_asks_for( string $uri, ?string $expected ): void {
		$this->assertSame( $expected, RequestedCallback::from_uri( $uri ) );
	}
}

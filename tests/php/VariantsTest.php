<?php
/**
 * The follow-up probes that decide a cause: the plain-permalink form of a callback, and the two
 * requests that ask whether the server has a worker to spare.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\Probe;
use KcoCallbackDoctor\Probe\Variants;
use PHPUnit\Framework\TestCase;

final class VariantsTest extends TestCase {

	public function test_the_push_in_plain_permalink_form_keeps_method_query_and_body(): void {
		$push = Catalogue::klarna( 'push' );
		$form = Variants::plain_permalink_form( $push );

		$this->assertNotNull( $form );
		$this->assertSame( 'wc-api-query', $form->variant );
		$this->assertSame( 'klarna', $form->based_on );
		$this->assertSame( 'POST', $form->method );
		$this->assertSame( $push->body, $form->body );
		$this->assertStringStartsWith( untrailingslashit( home_url() ) . '/?wc-api=KCO_WC_Push&kco-action=push&kco_wc_order_id=', $form->url );
		$this->assertStringNotContainsString( '/wc-api/', $form->url );
	}

	public function test_a_callback_without_trailing_slash_or_query_gets_the_same_form(): void {
		$validation = Variants::plain_permalink_form( Catalogue::klarna( 'block-validation' ) );
		$shipping   = Variants::plain_permalink_form( Catalogue::klarna( 'shipping-option-update' ) );

		$this->assertNotNull( $validation );
		$this->assertMatchesRegularExpression( '#/\?wc-api=kco-block-validation&kco_validation=yes&kco_order_id=[0-9a-f-]{36}$#', $validation->url );
		$this->assertNotNull( $shipping );
		$this->assertSame( untrailingslashit( home_url() ) . '/?wc-api=KCO_WC_Shipping_Option_Update', $shipping->url );
	}

	public function test_a_wordpress_in_a_subdirectory_keeps_its_path(): void {
		$probe = new Probe( 'push', 'klarna', 'POST', 'https://shop.example/store/wc-api/KCO_WC_Push/?kco-action=push', array(), '', 'APIs-Klarna' );

		$this->assertSame( 'https://shop.example/store/?wc-api=KCO_WC_Push&kco-action=push', Variants::plain_permalink_form( $probe )->url );
	}

	public function test_the_rest_route_has_no_plain_permalink_form(): void {
		$this->assertNull( Variants::plain_permalink_form( Catalogue::klarna( 'block-validate' ) ) );
	}

	public function test_the_capacity_requests_are_bodiless_gets_of_the_sites_own_files(): void {
		list( $static, $php ) = Variants::capacity( Catalogue::klarna( 'validation' ), 10.0 );

		$this->assertSame( array( 'static-file', 'php-page' ), array( $static->variant, $php->variant ) );
		$this->assertSame( site_url( '/wp-includes/images/blank.gif' ), $static->url );
		$this->assertSame( site_url( '/wp-admin/admin-ajax.php' ), $php->url );
		foreach ( array( $static, $php ) as $probe ) {
			$this->assertSame( 'GET', $probe->method );
			$this->assertSame( '', $probe->body );
			$this->assertSame( 0, $probe->hold_ms );
			$this->assertSame( 10.0, $probe->timeout_s );
		}
	}

	public function test_a_held_answer_is_the_same_request_with_a_wait(): void {
		$validation = Catalogue::klarna( 'validation' );
		$held       = Variants::held_answer( $validation, 2500 );

		$this->assertSame( 'held-answer', $held->variant );
		$this->assertSame( 2500, $held->hold_ms );
		$this->assertSame( array( $validation->url, $validation->body ), array( $held->url, $held->body ) );
		$this->assertSame( 0, $validation->hold_ms );
	}
}

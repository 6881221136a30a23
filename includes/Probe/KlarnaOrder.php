<?php
/**
 * The checkout order Klarna posts to validation-type callbacks, as the installed KCO built it.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Klarna's callback body is the checkout order: what KCO put into it when it created and updated
 * the order, plus what Klarna adds (its order id and status, the timestamps, the addresses the
 * customer typed). WAF content rules react to exact bytes, so a field KCO never sends is a false
 * fail and a missing one a false pass (docs/probe-protocol.md §2): every field here is one KCO
 * sends for the release and settings given, or one Klarna adds, and says where it comes from.
 *
 * KCO sources (krokedil/klarna-checkout-for-woocommerce, read at tags 2.0.1, 2.4.3, 2.16.0,
 * 2.20.0 and 2.20.9): classes/requests/checkout/post/class-kco-request-create.php and
 * class-kco-request-update.php get_body(); classes/requests/helpers/class-kco-request-cart.php
 * (order lines), class-kco-request-options.php (options), class-kco-request-merchant-data.php
 * (merchant_data), class-kco-request-countries.php, class-kco-request-shipping-options.php;
 * blocks/src/Overrides.php (the checkout block's changes). classes/class-kco-subscription.php
 * adds an EMD attachment and `recurring` only for carts with a subscription, which these
 * ordinary orders never are.
 *
 * The customer is fictitious, like Klarna's Swedish test persons: names and streets with å/ä/ö
 * and +46 phones, which matter to WAF rules that count or decode characters.
 */
final class KlarnaOrder {

	/**
	 * The draft order the checkout block created for this checkout (merchant references).
	 */
	public const DRAFT_ORDER_ID = '1042';

	private const JSON_FLAGS = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES;

	/**
	 * The order as JSON.
	 *
	 * @param string     $order_id     Klarna order id (a random UUID).
	 * @param KcoRelease $release      The KCO release whose order Klarna echoes.
	 * @param string     $session_id   The WooCommerce session key (in older push URLs).
	 * @param bool       $wc_api_block Whether the block validation URL is the wc-api one.
	 */
	public static function json( string $order_id, KcoRelease $release, string $session_id, bool $wc_api_block = false ): string {
		// Raw UTF-8 and unescaped slashes, as a JSON serializer on Klarna's side writes them: byte
		// patterns are what WAF body rules match.
		return (string) wp_json_encode( self::build( $order_id, $release, $session_id, $wc_api_block ), self::JSON_FLAGS );
	}

	/**
	 * The order as an array.
	 *
	 * @param string     $order_id     Klarna order id.
	 * @param KcoRelease $release      The KCO release.
	 * @param string     $session_id   WooCommerce session key.
	 * @param bool       $wc_api_block Whether the block validation URL is the wc-api one.
	 * @return array<string, mixed>
	 */
	public static function build( string $order_id, KcoRelease $release, string $session_id, bool $wc_api_block = false ): array {
		$in_iframe = $release->setting_on( 'shipping_methods_in_iframe' );
		$lines     = OrderLines::of( $release, ! $in_iframe );
		$now       = time();
		$order     = array(
			// Klarna's own fields.
			'order_id'           => $order_id,
			'status'             => 'checkout_incomplete',
			'started_at'         => gmdate( 'Y-m-d\TH:i:s\Z', $now - 187 ),
			'last_modified_at'   => gmdate( 'Y-m-d\TH:i:s\Z', $now - 2 ),
			// KCO get_body().
			'purchase_country'   => self::base_country(),
			'purchase_currency'  => function_exists( 'get_woocommerce_currency' ) ? (string) get_woocommerce_currency() : 'SEK',
			'locale'             => substr( str_replace( '_', '-', get_locale() ), 0, 5 ),
			'billing_address'    => self::billing_address(),
			'shipping_address'   => self::shipping_address(),
			'order_amount'       => OrderLines::total( $lines, 'total_amount' ),
			'order_tax_amount'   => OrderLines::total( $lines, 'total_tax_amount' ),
			'order_lines'        => $lines,
			'customer'           => array( 'type' => in_array( $release->setting_text( 'allowed_customer_types' ), array( 'B2B', 'B2BC' ), true ) ? 'organization' : 'person' ),
			'merchant_urls'      => MerchantUrls::of( $release, $session_id, self::DRAFT_ORDER_ID, $wc_api_block ),
			'billing_countries'  => self::countries( 'get_allowed_countries' ),
			'shipping_countries' => self::countries( 'get_shipping_countries' ),
			'merchant_data'      => MerchantData::of( $release, $session_id ),
			'options'            => self::options( $release ),
		);
		if ( $in_iframe ) {
			// class-kco-request-shipping-options.php; Klarna adds the customer's choice.
			$order['shipping_options']         = OrderLines::shipping_options();
			$order['selected_shipping_option'] = $order['shipping_options'][0];
		}
		if ( $release->is_blocks() ) {
			// Overrides::set_merchant_reference(): the block checkout's draft order.
			$order['merchant_reference1'] = self::DRAFT_ORDER_ID;
			$order['merchant_reference2'] = (int) self::DRAFT_ORDER_ID;
		}
		// No `attachment` and no `recurring`: KCO adds them (class-kco-subscription.php,
		// create_extra_merchant_data() and set_recurring()) only when the cart holds a subscription,
		// never merely because WooCommerce Subscriptions is active. The probe stands for an ordinary
		// order; a subscription checkout's body is outside what the doctor probes.
		return $order;
	}

	/**
	 * KCO_Request_Options::get_options() of the release, with the checkout block's overrides.
	 *
	 * @param KcoRelease $release The release.
	 * @return array<string, mixed>
	 */
	private static function options( KcoRelease $release ): array {
		$options = array(
			'title_mandatory'                          => $release->setting_on( 'title_mandatory' ),
			'allow_separate_shipping_address'          => $release->setting_on( 'allow_separate_shipping' ),
			'date_of_birth_mandatory'                  => $release->setting_on( 'dob_mandatory' ),
			'national_identification_number_mandatory' => $release->setting_on( 'dob_mandatory' ),
		);
		if ( $release->is_at_least( '2.4.0' ) ) {
			$options['verify_national_identification_number'] = $release->setting_on( 'nin_validation_mandatory' );
		}
		$options['allowed_customer_types']                      = self::customer_types( $release->setting_text( 'allowed_customer_types' ) );
		$options['require_client_validation']                   = true;
		$options['require_client_validation_callback_response'] = true;
		$options['phone_mandatory']                             = 'required' === get_option( 'woocommerce_checkout_phone_field', 'required' );
		if ( $release->is_at_least( '2.5.0' ) ) {
			$options['show_subtotal_detail'] = in_array( $release->setting_text( 'show_subtotal_detail' ), array( 'iframe', 'both' ), true );
		}
		foreach ( array( 'color_button', 'color_button_text', 'color_checkbox', 'color_checkbox_checkmark', 'color_header', 'color_link' ) as $color ) {
			if ( '' !== $release->setting_text( $color ) ) {
				$options[ $color ] = '#' . str_replace( '#', '', $release->setting_text( $color ) );
			}
		}
		if ( '' !== $release->setting_text( 'radius_border' ) ) {
			$options['radius_border'] = $release->setting_text( 'radius_border' );
		}
		if ( '' !== $release->setting_text( 'shipping_details' ) ) {
			$options['shipping_details'] = $release->setting_text( 'shipping_details' );
		}
		if ( $release->is_at_least( '2.4.3' ) && $release->setting_on( 'add_terms_and_conditions_checkbox' ) && function_exists( 'wc_get_terms_and_conditions_checkbox_text' ) ) {
			$options['additional_checkboxes'] = array(
				array(
					'id'       => 'terms_and_conditions',
					'text'     => wc_replace_policy_page_link_placeholders( wc_get_terms_and_conditions_checkbox_text() ),
					'checked'  => false,
					'required' => true,
				),
			);
		}
		if ( $release->is_blocks() ) {
			// Overrides::override_options(): the block validates on Klarna's callback, not in the browser.
			$options['require_client_validation']                   = false;
			$options['require_client_validation_callback_response'] = false;
			$options['require_validate_callback_success']           = true;
		}
		return $options;
	}

	/**
	 * KCO_Request_Options::get_allowed_customer_types().
	 *
	 * @param string $setting The `allowed_customer_types` setting.
	 * @return string[]
	 */
	private static function customer_types( string $setting ): array {
		switch ( $setting ) {
			case 'B2B':
				return array( 'organization' );
			case 'B2BC':
			case 'B2CB':
				return array( 'person', 'organization' );
			default:
				return array( 'person' );
		}
	}

	/**
	 * The shop's base country, which KCO sends unless the customer chose another.
	 */
	private static function base_country(): string {
		if ( function_exists( 'wc_get_base_location' ) ) {
			$location = wc_get_base_location();
			if ( ! empty( $location['country'] ) ) {
				return (string) $location['country'];
			}
		}
		return 'SE';
	}

	/**
	 * KCO_Request_Countries: the country codes WooCommerce sells (or ships) to.
	 *
	 * @param string $method WC_Countries method: get_allowed_countries or get_shipping_countries.
	 * @return string[]
	 */
	private static function countries( string $method ): array {
		if ( ! function_exists( 'WC' ) || ! WC()->countries instanceof \WC_Countries ) {
			return array( 'SE' );
		}
		$codes = array_keys( (array) WC()->countries->$method() );
		return empty( $codes ) ? array( 'SE' ) : array_values( array_map( 'strval', $codes ) );
	}

	/**
	 * The billing address the customer typed in Klarna's checkout.
	 *
	 * @return array<string, string>
	 */
	private static function billing_address(): array {
		return array(
			'given_name'     => 'Testperson-se',
			'family_name'    => 'Approved',
			'email'          => 'testperson-se.approved@example.com',
			'street_address' => 'Stårgatan 1',
			'postal_code'    => '12345',
			'city'           => 'Ankeborg',
			'phone'          => '+46765260000',
			'country'        => 'SE',
		);
	}

	/**
	 * A separate shipping address.
	 *
	 * @return array<string, string>
	 */
	private static function shipping_address(): array {
		return array(
			'given_name'      => 'Åsa',
			'family_name'     => 'Öberg',
			'email'           => 'asa.oberg@example.se',
			'street_address'  => 'Hälsingegatan 49 lgh 1102',
			'street_address2' => 'c/o Ängström',
			'postal_code'     => '11331',
			'city'            => 'Stockholm',
			'phone'           => '+46701740615',
			'country'         => 'SE',
		);
	}
}

<?php
/**
 * A realistic Klarna checkout order, the body Klarna posts to validation-type callbacks.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the order object as Klarna's Checkout API documents it (docs.klarna.com/api/checkout,
 * "order" schema: every top-level field a checkout_incomplete order carries when Klarna calls the
 * merchant), filled like Klarna's Swedish test persons. WAF content rules inspect JSON bodies and
 * count special characters, so a stub body could pass where Klarna's real call is blocked
 * (DESIGN.md §2). The values are fictitious; none matches a real order or person.
 */
final class KlarnaOrder {

	/**
	 * Swedish VAT in Klarna's notation (25.00 %).
	 */
	private const TAX_RATE = 2500;

	private const JSON_FLAGS = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES;

	/**
	 * The order as JSON.
	 *
	 * @param string                $order_id      Klarna order id (a random UUID).
	 * @param array<string, string> $merchant_urls The shop's own callback and page URLs.
	 */
	public static function json( string $order_id, array $merchant_urls ): string {
		// Raw UTF-8 and unescaped slashes, as a JSON serializer on Klarna's side writes them: byte
		// patterns are what WAF body rules match.
		return (string) wp_json_encode( self::build( $order_id, $merchant_urls ), self::JSON_FLAGS );
	}

	/**
	 * The order as an array.
	 *
	 * @param string                $order_id      Klarna order id.
	 * @param array<string, string> $merchant_urls Merchant URLs.
	 * @return array<string, mixed>
	 */
	public static function build( string $order_id, array $merchant_urls ): array {
		$lines    = self::order_lines();
		$amount   = 0;
		$tax      = 0;
		$shipping = self::shipping_options();
		foreach ( $lines as $line ) {
			$amount += $line['total_amount'];
			$tax    += $line['total_tax_amount'];
		}
		$now = time();

		return array(
			'order_id'                 => $order_id,
			'name'                     => wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES ),
			'purchase_country'         => 'SE',
			'purchase_currency'        => 'SEK',
			'locale'                   => 'sv-SE',
			'status'                   => 'checkout_incomplete',
			'billing_address'          => array(
				'given_name'      => 'Testperson-se',
				'family_name'     => 'Approved',
				'email'           => 'testperson-se.approved@example.com',
				'title'           => '',
				'street_address'  => 'Stårgatan 1',
				'street_address2' => '',
				'postal_code'     => '123 45',
				'city'            => 'Ankeborg',
				'phone'           => '+46765260000',
				'country'         => 'se',
			),
			'shipping_address'         => array(
				'given_name'      => 'Åsa',
				'family_name'     => 'Öberg',
				'email'           => 'asa.oberg@example.se',
				'title'           => '',
				'street_address'  => 'Hälsingegatan 49 lgh 1102',
				'street_address2' => 'c/o Ängström',
				'postal_code'     => '113 31',
				'city'            => 'Stockholm',
				'phone'           => '+46701740615',
				'country'         => 'se',
			),
			'order_amount'             => $amount,
			'order_tax_amount'         => $tax,
			'order_lines'              => $lines,
			'customer'                 => array(
				'date_of_birth' => '1941-03-21',
				'type'          => 'person',
				'gender'        => 'male',
			),
			'merchant_urls'            => $merchant_urls,
			'merchant_reference1'      => '1042',
			'merchant_reference2'      => '1042',
			'started_at'               => gmdate( 'Y-m-d\TH:i:s\Z', $now - 187 ),
			'last_modified_at'         => gmdate( 'Y-m-d\TH:i:s\Z', $now - 2 ),
			'options'                  => array(
				'acquiring_channel'                       => 'ECOMMERCE',
				'allow_separate_shipping_address'         => true,
				'allowed_customer_types'                  => array( 'person' ),
				'date_of_birth_mandatory'                 => false,
				'national_identification_number_mandatory' => false,
				'phone_mandatory'                         => true,
				'require_validate_callback_success'       => true,
				'show_subtotal_detail'                    => false,
				'title_mandatory'                         => false,
				'vat_removed'                             => false,
				'verify_national_identification_number'   => false,
				'shipping_details'                        => 'Leverans inom 2–4 arbetsdagar',
			),
			'attachment'               => array(
				'content_type' => 'application/vnd.klarna.internal.emd-v2+json',
				'body'         => (string) wp_json_encode(
					array(
						'customer_account_info' => array(
							array(
								'unique_account_identifier' => 'asa.oberg@example.se',
								'account_registration_date' => '2023-05-14T09:12:31Z',
								'account_last_modified'     => '2025-01-08T17:45:02Z',
							),
						),
					),
					self::JSON_FLAGS
				),
			),
			'external_payment_methods' => array(),
			'external_checkouts'       => array(),
			'shipping_countries'       => array( 'SE', 'NO', 'FI', 'DK' ),
			'billing_countries'        => array( 'SE' ),
			'shipping_options'         => $shipping,
			'selected_shipping_option' => $shipping[0],
			'merchant_data'            => (string) wp_json_encode( array( 'is_user_logged_in' => false ), self::JSON_FLAGS ),
			'gui'                      => array( 'options' => array( 'disable_autofocus' ) ),
			'merchant_requested'       => array( 'additional_checkbox' => false ),
			'recurring'                => false,
		);
	}

	/**
	 * Three products and the shipping fee, with totals as Klarna computes them (minor units, tax
	 * included, tax = total × rate / (10000 + rate)).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private static function order_lines(): array {
		$shop  = untrailingslashit( home_url( '/' ) );
		$items = array(
			array( 'physical', 'UL-ARE-3P', 'Ullsockor Åre, 3-pack', 2, 24900, 'produkt/ullsockor-are-3-pack', 'Kläder > Strumpor' ),
			array( 'physical', 'KK-GBG-STG', 'Kaffekopp Göteborg, stengods 30 cl', 4, 14900, 'produkt/kaffekopp-goteborg', 'Hem > Kök > Koppar' ),
			array( 'physical', 'LS-OLAND-4', 'Linneservetter Öland, 4-pack', 1, 19900, 'produkt/linneservetter-oland', 'Hem > Textil' ),
			array( 'shipping_fee', 'flat_rate:2', 'PostNord MyPack Collect', 1, 4900, '', '' ),
		);
		$lines = array();
		foreach ( $items as $item ) {
			list( $type, $reference, $name, $quantity, $unit_price, $path, $category ) = $item;
			$total = $quantity * $unit_price;
			$line  = array(
				'type'                  => $type,
				'reference'             => $reference,
				'name'                  => $name,
				'quantity'              => $quantity,
				'quantity_unit'         => 'st',
				'unit_price'            => $unit_price,
				'tax_rate'              => self::TAX_RATE,
				'total_amount'          => $total,
				'total_discount_amount' => 0,
				'total_tax_amount'      => intdiv( $total * self::TAX_RATE, 10000 + self::TAX_RATE ),
			);
			if ( '' !== $path ) {
				$line['product_url']         = $shop . '/' . $path . '/';
				$line['image_url']           = $shop . '/wp-content/uploads/2024/11/' . strtolower( $reference ) . '-600x600.jpg';
				$line['product_identifiers'] = array(
					'category_path' => $category,
					'brand'         => 'Nordisk Form',
				);
			}
			$lines[] = $line;
		}
		return $lines;
	}

	/**
	 * Shipping options as Klarna shows them in the checkout when shipping is chosen there.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private static function shipping_options(): array {
		return array(
			array(
				'id'              => 'flat_rate:2',
				'name'            => 'PostNord MyPack Collect',
				'description'     => 'Hämta ditt paket hos ett ombud nära dig',
				'promo'           => '',
				'price'           => 4900,
				'tax_amount'      => 980,
				'tax_rate'        => self::TAX_RATE,
				'preselected'     => true,
				'shipping_method' => 'PickUpPoint',
			),
			array(
				'id'              => 'flat_rate:3',
				'name'            => 'PostNord Hemleverans',
				'description'     => 'Leverans till dörren, kvällstid',
				'promo'           => '',
				'price'           => 7900,
				'tax_amount'      => 1580,
				'tax_rate'        => self::TAX_RATE,
				'preselected'     => false,
				'shipping_method' => 'Home',
			),
		);
	}
}

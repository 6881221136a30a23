<?php
/**
 * The order lines and shipping options KCO builds from a cart, for the probe's order body.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Source: krokedil/klarna-checkout-for-woocommerce, classes/requests/helpers/
 * class-kco-request-cart.php (process_cart(), process_shipping()) and
 * class-kco-request-shipping-options.php. A product line has reference, name, quantity,
 * unit_price, tax_rate, total_amount, total_tax_amount, total_discount_amount and type; with the
 * `send_product_urls` setting (default on) also product_url and image_url (the `shop_single`
 * image); a subscription product also a `subscription` object. KCO sends no
 * `product_identifiers` and no `quantity_unit`. The shipping line, sent only when shipping is
 * not chosen in Klarna's iframe, has no discount field.
 */
final class OrderLines {

	/**
	 * Swedish VAT in Klarna's notation (25.00 %).
	 */
	private const TAX_RATE = 2500;

	/**
	 * Three products (minor units, tax included), as a small Nordic shop sells them.
	 */
	private const PRODUCTS = array(
		array( 'UL-ARE-3P', 'Ullsockor Åre, 3-pack', 2, 24900, 'ullsockor-are-3-pack' ),
		array( 'KK-GBG-STG', 'Kaffekopp Göteborg, stengods 30 cl', 4, 14900, 'kaffekopp-goteborg' ),
		array( 'LS-OLAND-4', 'Linneservetter Öland, 4-pack', 1, 19900, 'linneservetter-oland' ),
	);

	/**
	 * The order lines of the cart.
	 *
	 * @param KcoRelease $release       The release (its settings decide the URLs).
	 * @param bool       $shipping_line Whether the chosen shipping is a line of its own.
	 * @return array<int, array<string, mixed>>
	 */
	public static function of( KcoRelease $release, bool $shipping_line ): array {
		$with_urls = $release->setting_on( 'send_product_urls', true );
		$lines     = array();
		foreach ( self::PRODUCTS as $product ) {
			list( $reference, $name, $quantity, $unit_price, $slug ) = $product;
			$total = $quantity * $unit_price;
			$line  = array(
				'reference'             => $reference,
				'name'                  => $name,
				'quantity'              => $quantity,
				'unit_price'            => $unit_price,
				'tax_rate'              => self::TAX_RATE,
				'total_amount'          => $total,
				'total_tax_amount'      => self::tax_of( $total ),
				'total_discount_amount' => 0,
			);
			// No `subscription` object: KCO adds one only to a line whose product is a subscription
			// (class-kco-request-cart.php process_cart()), and these products are ordinary ones.
			$line['type'] = 'physical';
			if ( $with_urls ) {
				$line['product_url'] = home_url( '/product/' . $slug . '/' );
				$line['image_url']   = home_url( '/wp-content/uploads/2024/11/' . $slug . '-600x600.jpg' );
			}
			$lines[] = $line;
		}
		if ( $shipping_line ) {
			$lines[] = array(
				'type'             => 'shipping_fee',
				'reference'        => 'flat_rate:2',
				'name'             => 'PostNord MyPack Collect',
				'quantity'         => 1,
				'unit_price'       => 4900,
				'tax_rate'         => self::TAX_RATE,
				'total_amount'     => 4900,
				'total_tax_amount' => self::tax_of( 4900 ),
			);
		}
		return $lines;
	}

	/**
	 * The shipping options KCO offers in Klarna's iframe (get_shipping_options()).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function shipping_options(): array {
		return array(
			array(
				'id'          => 'flat_rate:2',
				'name'        => 'PostNord MyPack Collect',
				'price'       => 4900,
				'tax_amount'  => self::tax_of( 4900 ),
				'tax_rate'    => self::TAX_RATE,
				'preselected' => true,
			),
			array(
				'id'          => 'flat_rate:3',
				'name'        => 'PostNord Hemleverans',
				'price'       => 7900,
				'tax_amount'  => self::tax_of( 7900 ),
				'tax_rate'    => self::TAX_RATE,
				'preselected' => false,
			),
		);
	}

	/**
	 * The sum of one amount field over the lines.
	 *
	 * @param array<int, array<string, mixed>> $lines Order lines.
	 * @param string                           $field total_amount or total_tax_amount.
	 */
	public static function total( array $lines, string $field ): int {
		return (int) array_sum( array_column( $lines, $field ) );
	}

	/**
	 * The tax included in an amount, as Klarna computes it: total × rate / (10000 + rate).
	 *
	 * @param int $total Amount with tax, minor units.
	 */
	private static function tax_of( int $total ): int {
		return intdiv( $total * self::TAX_RATE, 10000 + self::TAX_RATE );
	}
}

<?php
/**
 * Klarna orders left in Pending payment that no recorded push has reached.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * KCO saves Klarna's order id on the WooCommerce order when the customer completes the Klarna
 * checkout (meta `_wc_klarna_order_id`, krokedil/klarna-checkout-for-woocommerce
 * src/CheckoutFlow/CheckoutFlow.php save_order_metadata()); the order is finalised when Klarna's
 * push arrives (classes/class-kco-api-callbacks.php push_cb(): payment_complete() or on-hold).
 * The gateway's id is `kco` (classes/class-kco-gateway.php). So an order paid with `kco`, with a
 * Klarna order id, still in Pending payment well after it was placed, and with no push recorded
 * for it, is an order whose push never got through.
 *
 * The search goes through wc_get_orders(), which serves both WooCommerce's order tables (HPOS)
 * and the posts tables, and is bounded (newest first, at most LIMIT, last LOOK_BACK_DAYS days),
 * so it uses the stores' type/status/date indexes and stays fast on a large shop.
 */
final class StuckOrders {

	/**
	 * KCO's payment gateway id.
	 */
	public const GATEWAY_ID = 'kco';

	/**
	 * Where KCO keeps Klarna's order id on the order.
	 */
	public const KLARNA_ORDER_ID_META = '_wc_klarna_order_id';

	/**
	 * At most this many orders are listed, newest first.
	 */
	public const LIMIT = 50;

	/**
	 * Orders placed longer ago than this are not searched.
	 */
	public const LOOK_BACK_DAYS = 30;

	/**
	 * Minutes an order may wait for its push before it counts as stuck, by default. Klarna attempts
	 * the push about two minutes after the purchase (docs.klarna.com, Klarna Checkout, "Confirm
	 * purchase"), so half an hour without one is well past any normal delay.
	 */
	public const DEFAULT_THRESHOLD_MINUTES = 30;

	/**
	 * Minutes an order may wait for its push (filter `kco_callback_doctor_stuck_order_minutes`).
	 */
	public static function threshold_minutes(): int {
		/**
		 * Filters how long a Klarna order may stay in Pending payment without a push before the
		 * doctor lists it as stuck.
		 *
		 * @param int $minutes Minutes; 30 by default.
		 */
		$minutes = apply_filters( 'kco_callback_doctor_stuck_order_minutes', self::DEFAULT_THRESHOLD_MINUTES );
		return is_numeric( $minutes ) ? max( 1, (int) $minutes ) : self::DEFAULT_THRESHOLD_MINUTES;
	}

	/**
	 * The stuck orders, newest first.
	 *
	 * @param int      $threshold_minutes How long an order may wait for its push.
	 * @param string[] $pushed            Fingerprints of the orders the log recorded pushes for.
	 * @param int      $now               Unix time to measure from.
	 * @return array{searched: bool, orders: array<int, array<string, mixed>>, more: bool}
	 */
	public static function find( int $threshold_minutes, array $pushed, int $now ): array {
		if ( ! function_exists( 'wc_get_orders' ) ) {
			return array(
				'searched' => false,
				'orders'   => array(),
				'more'     => false,
			);
		}
		$candidates = wc_get_orders(
			array(
				'type'           => 'shop_order',
				'status'         => array( 'pending' ),
				'payment_method' => self::GATEWAY_ID,
				'date_created'   => ( $now - self::LOOK_BACK_DAYS * DAY_IN_SECONDS ) . '...' . ( $now - $threshold_minutes * MINUTE_IN_SECONDS ),
				// The shortcut meta arguments, which both order stores accept (meta_query is
				// HPOS only): a non-empty Klarna order id.
				'meta_key'       => self::KLARNA_ORDER_ID_META, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'meta_value'     => '', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
				'meta_compare'   => '!=',
				'orderby'        => 'date',
				'order'          => 'DESC',
				// One more than shown tells whether there are more.
				'limit'          => self::LIMIT + 1,
			)
		);
		$candidates = is_array( $candidates ) ? $candidates : array();
		$found      = array();
		foreach ( $candidates as $order ) {
			if ( ! $order instanceof \WC_Order ) {
				continue;
			}
			$klarna_order_id = (string) $order->get_meta( self::KLARNA_ORDER_ID_META, true );
			$fingerprint     = KlarnaOrderFingerprint::of( $klarna_order_id );
			if ( null !== $fingerprint ) {
				$found[ $fingerprint ] = array( $order, $klarna_order_id );
			}
		}
		// Pushes counted between two writes are known to the object cache only.
		$pushed = array_flip( array_merge( $pushed, BetweenWrites::pushed( array_keys( $found ) ) ) );
		$orders = array();
		foreach ( $found as $fingerprint => list( $order, $klarna_order_id ) ) {
			if ( isset( $pushed[ $fingerprint ] ) ) {
				continue;
			}
			$created  = $order->get_date_created();
			$orders[] = array(
				'id'            => $order->get_id(),
				'number'        => (string) $order->get_order_number(),
				'editUrl'       => $order->get_edit_order_url(),
				'createdAt'     => null !== $created ? gmdate( 'Y-m-d\TH:i:s\Z', $created->getTimestamp() ) : null,
				// Shown to the shop's managers so they can find the order in Klarna's portal; read
				// from the order each time, never stored by the doctor.
				'klarnaOrderId' => sanitize_key( $klarna_order_id ),
			);
		}
		return array(
			'searched' => true,
			'orders'   => array_slice( $orders, 0, self::LIMIT ),
			'more'     => count( $candidates ) > self::LIMIT,
		);
	}
}

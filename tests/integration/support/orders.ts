/**
 * Real WooCommerce orders for tests, made with WooCommerce's own API through WP-CLI, and the
 * order storage switched the way WooCommerce's own CLI does it (wp wc hpos …), which refuses
 * to switch while orders are waiting to be synchronised.
 */
import { wpCli, wpEval } from './stack';

export type OrderStorage = 'hpos' | 'posts';

/** The order storage WooCommerce uses now. */
export function orderStorage(): OrderStorage {
	return wpEval(
		"echo \\Automattic\\WooCommerce\\Utilities\\OrderUtil::custom_orders_table_usage_is_enabled() ? 'hpos' : 'posts';"
	).trim() === 'hpos'
		? 'hpos'
		: 'posts';
}

/**
 * Makes WooCommerce keep orders in its order tables (HPOS) or in the posts tables: first
 * synchronises whatever is pending (WooCommerce's CustomOrdersTableController will not switch
 * otherwise), then switches with `wp wc hpos enable|disable`, which creates the order tables
 * when they are missing.
 * @param storage The storage to use.
 */
export function switchOrderStorage( storage: OrderStorage ): void {
	if ( orderStorage() === storage ) {
		return;
	}
	const tablesExist =
		wpEval(
			"global $wpdb; echo $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . 'wc_orders' ) ) ? 'yes' : 'no';"
		).trim() === 'yes';
	if ( tablesExist ) {
		wpCli( 'wc', 'hpos', 'sync' );
	}
	wpCli( 'wc', 'hpos', storage === 'hpos' ? 'enable' : 'disable' );
	if ( orderStorage() !== storage ) {
		throw new Error(
			`WooCommerce did not switch its order storage to ${ storage }`
		);
	}
}

export interface OrderSpec {
	/** Payment method id; KCO's is `kco`. */
	paymentMethod?: string;
	/** Order status without the `wc-` prefix. */
	status?: string;
	/** Klarna's order id in `_wc_klarna_order_id`, as KCO saves it; none when null. */
	klarnaOrderId?: string | null;
	/** How long ago the order was placed. */
	minutesAgo: number;
}

/**
 * Creates orders with wc_create_order(), all in one WP-CLI call, and returns their ids in order.
 * @param specs What each order looks like.
 */
export function createOrders( specs: OrderSpec[] ): number[] {
	const input = JSON.stringify(
		JSON.stringify(
			specs.map( ( spec ) => ( {
				paymentMethod: spec.paymentMethod ?? 'kco',
				status: spec.status ?? 'pending',
				klarnaOrderId: spec.klarnaOrderId ?? null,
				minutesAgo: spec.minutesAgo,
			} ) )
		)
	);
	const output = wpEval(
		`$ids = array();
foreach ( json_decode( ${ input }, true ) as $spec ) {
	$order = wc_create_order( array( 'status' => $spec['status'] ) );
	$order->set_payment_method( $spec['paymentMethod'] );
	$order->set_payment_method_title( 'Klarna Checkout' );
	$order->set_billing_email( 'test.person@example.com' );
	$order->set_total( '499.00' );
	if ( null !== $spec['klarnaOrderId'] ) {
		$order->update_meta_data( '_wc_klarna_order_id', $spec['klarnaOrderId'] );
	}
	$order->set_date_created( time() - 60 * (int) $spec['minutesAgo'] );
	$order->save();
	$ids[] = $order->get_id();
}
echo wp_json_encode( $ids );`
	).trim();
	const ids: unknown = JSON.parse( output.split( '\n' ).pop() ?? '' );
	if (
		! Array.isArray( ids ) ||
		ids.length !== specs.length ||
		! ids.every( ( id ) => typeof id === 'number' )
	) {
		throw new Error( `Creating orders failed: ${ output }` );
	}
	return ids as number[];
}

/**
 * Deletes orders for good.
 * @param ids Order ids.
 */
export function deleteOrders( ids: number[] ): void {
	if ( ids.length === 0 ) {
		return;
	}
	wpEval(
		`foreach ( array( ${ ids.join( ', ' ) } ) as $id ) { $order = wc_get_order( $id ); if ( $order ) { $order->delete( true ); } }`
	);
}

/**
 * Orders left stuck, against real WooCommerce orders in both order storages: a KCO order (payment
 * method `kco`, Klarna's order id in `_wc_klarna_order_id`) left in Pending payment past the
 * threshold is listed with a working edit link until a push for it arrives; other orders never
 * are. WP-CLI's `wp kco-doctor traffic` reports the same.
 */
import { randomUUID } from 'node:crypto';

import { muPlugin, withScenario } from '../e2e/support/scenarios';
import {
	createOrders,
	deleteOrders,
	orderStorage,
	switchOrderStorage,
	type OrderSpec,
	type OrderStorage,
} from './support/orders';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, wpCli } from './support/stack';
import { readTraffic, resetTraffic, sendPush } from './support/traffic';

let admin: Session;
let storageBefore: OrderStorage;
let created: number[] = [];

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	storageBefore = orderStorage();
} );

afterAll( () => {
	switchOrderStorage( storageBefore );
}, 240_000 );

beforeEach( () => {
	resetTraffic();
	debugLog.clear();
} );

afterEach( () => {
	deleteOrders( created );
	created = [];
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

function orders( specs: OrderSpec[] ): number[] {
	const ids = createOrders( specs );
	created.push( ...ids );
	return ids;
}

async function stuckIds(): Promise< number[] > {
	return ( await readTraffic( admin ) ).stuckOrders.orders.map(
		( stuck ) => stuck.id
	);
}

// WP-CLI boots WordPress for every order operation; on a busy machine that takes a while.
jest.setTimeout( 240_000 );

describe.each< OrderStorage >( [ 'hpos', 'posts' ] )(
	'with orders stored in %s',
	( storage ) => {
		beforeAll( () => {
			switchOrderStorage( storage );
		}, 240_000 );

		it( 'lists a KCO order left in Pending payment past the threshold, until a push for it arrives', async () => {
			const klarnaOrderId = randomUUID();
			const [ id ] = orders( [ { klarnaOrderId, minutesAgo: 120 } ] );

			const before = await readTraffic( admin );
			const stuck = before.stuckOrders.orders.find(
				( o ) => o.id === id
			);

			expect( stuck ).toMatchObject( {
				number: String( id ),
				klarnaOrderId,
			} );
			expect( before.stuckOrders.thresholdMinutes ).toBe( 30 );
			expect( before.stuckOrders.count ).toBe( 1 );
			const placed = Date.parse( stuck?.createdAt ?? '' );
			expect( Date.now() - placed ).toBeGreaterThan( 119 * 60_000 );
			// The edit link is the one for this storage, and it opens the order.
			const editUrl = new URL( stuck?.editUrl ?? '' );
			if ( storage === 'hpos' ) {
				expect( editUrl.searchParams.get( 'page' ) ).toBe(
					'wc-orders'
				);
				expect( editUrl.searchParams.get( 'id' ) ).toBe( String( id ) );
			} else {
				expect( editUrl.pathname ).toMatch( /\/post\.php$/ );
				expect( editUrl.searchParams.get( 'post' ) ).toBe(
					String( id )
				);
			}
			const editPage = await fetch( editUrl, {
				headers: { Cookie: admin.cookie },
			} );
			expect( editPage.status ).toBe( 200 );
			expect( await editPage.text() ).toContain( `#${ id }` );

			// Klarna sends the id as it made it; KCO stored it lower-cased (sanitize_key).
			expect( await sendPush( klarnaOrderId.toUpperCase() ) ).toBe( 200 );

			expect( await stuckIds() ).not.toContain( id );
		} );

		it( 'does not list orders that are not waiting for a push', async () => {
			const [
				recent,
				paid,
				otherGateway,
				withoutKlarnaOrder,
				tooOld,
				stuck,
			] = orders( [
				{ klarnaOrderId: randomUUID(), minutesAgo: 10 },
				{
					klarnaOrderId: randomUUID(),
					minutesAgo: 120,
					status: 'processing',
				},
				{
					klarnaOrderId: randomUUID(),
					minutesAgo: 120,
					paymentMethod: 'bacs',
				},
				{ klarnaOrderId: null, minutesAgo: 120 },
				{ klarnaOrderId: randomUUID(), minutesAgo: 31 * 24 * 60 },
				{ klarnaOrderId: randomUUID(), minutesAgo: 45 },
			] );

			const ids = await stuckIds();

			expect( ids ).toContain( stuck );
			for ( const id of [
				recent,
				paid,
				otherGateway,
				withoutKlarnaOrder,
				tooOld,
			] ) {
				expect( ids ).not.toContain( id );
			}
		} );

		it( 'takes its threshold from the kco_callback_doctor_stuck_order_minutes filter', async () => {
			const [ id ] = orders( [
				{ klarnaOrderId: randomUUID(), minutesAgo: 10 },
			] );
			const fiveMinutes = muPlugin(
				'stuck-order-threshold',
				"add_filter( 'kco_callback_doctor_stuck_order_minutes', static function () { return 5; } );"
			);

			const filtered = await withScenario(
				fiveMinutes,
				async () => ( await readTraffic( admin ) ).stuckOrders
			);

			expect( filtered.thresholdMinutes ).toBe( 5 );
			expect( filtered.orders.map( ( o ) => o.id ) ).toContain( id );
			expect( await stuckIds() ).not.toContain( id );
		} );

		it( 'reports the same through wp kco-doctor traffic', async () => {
			const klarnaOrderId = randomUUID();
			const [ id ] = orders( [ { klarnaOrderId, minutesAgo: 60 } ] );

			const json = JSON.parse(
				wpCli( 'kco-doctor', 'traffic', '--format=json' )
			) as { stuckOrders: { orders: Array< { id: number } > } };
			const table = wpCli( 'kco-doctor', 'traffic' );

			expect( json.stuckOrders.orders.map( ( o ) => o.id ) ).toContain(
				id
			);
			expect( table ).toContain( klarnaOrderId );
		} );
	}
);

/**
 * Real traffic where the verdict goes, on the real stack: after an unsigned Klarna-shaped push
 * and with a KCO order left stuck, Site Health's Info tab and WooCommerce → Status show the
 * push's last real call and the stuck order, without the order's number or Klarna's id.
 */
import { randomUUID } from 'node:crypto';

import { createOrders, deleteOrders } from './support/orders';
import { phpValue } from './support/php';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog } from './support/stack';
import { resetTraffic, sendPush } from './support/traffic';

// WP-CLI boots WordPress and WooCommerce for every call; on a busy machine that takes a while.
jest.setTimeout( 240_000 );

interface DebugField {
	label: string;
	value: string;
	debug?: string;
}

const klarnaOrderId = randomUUID();
let admin: Session;
let orderIds: number[] = [];

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	resetTraffic();
	expect( await sendPush() ).toBe( 200 );
	orderIds = createOrders( [ { klarnaOrderId, minutesAgo: 90 } ] );
} );

afterAll( () => {
	deleteOrders( orderIds );
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	// The stack is offline: WooCommerce's status screen asks WordPress.org about updates, which
	// warns; nothing else may.
	expect(
		debugLog
			.phpProblems()
			.filter( ( line ) => ! /WordPress\.org/.test( line ) )
	).toEqual( [] );
} );

describe( 'real traffic on the server-side surfaces', () => {
	it( 'is on Site Health’s Info tab, without order numbers or Klarna ids', () => {
		const fields = phpValue< Record< string, DebugField > >(
			`WP_Debug_Data::debug_data()['kco-callback-doctor']['fields']`,
			`require_once ABSPATH . 'wp-admin/includes/class-wp-debug-data.php'; require_once ABSPATH . 'wp-admin/includes/update.php'; require_once ABSPATH . 'wp-admin/includes/misc.php';`
		);

		expect( fields.real_call_push?.value ).toMatch(
			/^HTTP 200 in \d+ ms – /
		);
		expect( fields.stuck_orders?.value ).toBe(
			'1 in Pending payment for over 30 minutes without a push'
		);
		const everything = JSON.stringify( fields );
		expect( everything ).not.toContain( klarnaOrderId );
		expect( everything ).not.toContain( `#${ orderIds[ 0 ] }` );
	} );

	it( 'is in WooCommerce → Status, marked as WooCommerce marks its own rows', async () => {
		const response = await fetch(
			`${ BASE_URL }/wp-admin/admin.php?page=wc-status`,
			{ headers: { Cookie: admin.cookie } }
		);
		expect( response.status ).toBe( 200 );
		const page = await response.text();
		const row = ( label: string ) =>
			new RegExp(
				`<tr><td data-export-label="${ label }">[\\s\\S]*?<td>(<mark class="([a-z]+)">)?([\\s\\S]*?)</td></tr>`
			).exec( page );

		const push = row( 'Last real call push' );
		const stuck = row( 'Stuck Klarna orders' );

		expect( push?.[ 2 ] ).toBe( 'yes' );
		expect( push?.[ 3 ] ).toMatch( /HTTP 200 in \d+ ms/ );
		expect( stuck?.[ 2 ] ).toBe( 'error' );
		expect( stuck?.[ 3 ] ).toContain(
			'1 in Pending payment for over 30 minutes without a push'
		);
	} );
} );

/**
 * A Klarna order left stuck raises the same alert as a failing callback: with the next stored
 * run (the daily scheduled check, or any other), the admin notice, the WooCommerce Inbox note and
 * the once-a-day e-mail name the stuck orders; when the order's push arrives, the next run says
 * it is over, without a second e-mail the same day.
 */
import { randomUUID } from 'node:crypto';

import { muPlugin } from '../e2e/support/scenarios';
import { createOrders, deleteOrders } from './support/orders';
import { adminNotice, inboxNotes, mails } from './support/schedule';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, wpEval } from './support/stack';
import { resetTraffic, sendPush } from './support/traffic';

// WP-CLI boots WordPress and WooCommerce for every call; on a busy machine that takes a while.
jest.setTimeout( 300_000 );

/** A run's probes may wait as long as a busy machine needs: alerts are what is tested. */
const patientProbes = muPlugin(
	'patient-probes-traffic',
	`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return 45; } );
add_filter( 'kco_callback_doctor_run_deadline', static function () { return 120; } );`
);

let admin: Session;
let orderIds: number[] = [];

function resetAlerts(): void {
	wpEval(
		"delete_option( 'kco_callback_doctor_alerts' ); delete_metadata( 'user', 0, 'kco_callback_doctor_dismissed_alert', '', true ); if ( class_exists( 'Automattic\\WooCommerce\\Admin\\Notes\\Notes' ) ) { Automattic\\WooCommerce\\Admin\\Notes\\Notes::delete_notes_with_name( 'kco-callback-doctor-callbacks' ); }"
	);
	mails.clear();
}

/** Stores a run of the push alone, as any run (the daily scheduled one too) would be. */
async function storeRun(): Promise< void > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( { endpoints: [ 'push' ] } ),
	} );
	expect( response.status ).toBe( 200 );
}

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	patientProbes.apply();
	resetTraffic();
	resetAlerts();
} );

afterAll( () => {
	deleteOrders( orderIds );
	patientProbes.revert();
	resetAlerts();
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

describe( 'the alert for Klarna orders left stuck', () => {
	const klarnaOrderId = randomUUID();

	it( 'names the stuck orders in the notice, the Inbox and one e-mail', async () => {
		orderIds = createOrders( [ { klarnaOrderId, minutesAgo: 120 } ] );

		await storeRun();

		const notice = await adminNotice( admin );
		expect( notice?.text ).toContain(
			'Klarna orders are stuck in Pending payment'
		);
		expect( notice?.text ).toMatch(
			/1 has waited over 30 minutes for a push from Klarna/
		);
		expect(
			inboxNotes().filter( ( note ) => note.status === 'unactioned' )
		).toHaveLength( 1 );
		const sent = mails.all();
		expect( sent ).toHaveLength( 1 );
		expect( sent[ 0 ]?.subject ).toContain(
			'Klarna orders are stuck in Pending payment'
		);
		// The alert speaks of orders, never of an order's number or Klarna's id.
		expect( sent[ 0 ]?.message ).not.toContain( klarnaOrderId );
	} );

	it( 'does not announce the same stuck orders again with the next run', async () => {
		await storeRun();

		expect( mails.all() ).toHaveLength( 1 );
		expect(
			inboxNotes().filter( ( note ) => note.status === 'unactioned' )
		).toHaveLength( 1 );
	} );

	it( 'says it is over once the push arrives, without a second e-mail the same day', async () => {
		resetTraffic();
		expect( await sendPush( klarnaOrderId ) ).toBe( 200 );

		await storeRun();

		const notice = await adminNotice( admin );
		expect( notice?.text ).toContain(
			'No Klarna order is stuck in Pending payment any more.'
		);
		expect( mails.all() ).toHaveLength( 1 );
	} );
} );

/**
 * Proof suite: remediation a person can act on. Each fault runs on the real stack and the card is
 * read in the real browser: what it names, what it says to do, and what it says does not help.
 * Klarna Checkout's handlers (the recorder) see no call at all.
 */
import { recorder } from '../integration/support/stack';
import { cloudflareManagedChallenge, maintenanceMode } from './support/faults';
import { withScenario } from './support/scenarios';
import { adminSession, cardText, runChecks, statusOf } from './support/proof';

const admin = adminSession();

beforeEach( () => recorder.clear() );

it( 'names WordPress’s own maintenance mode and says what to do about a stuck update', async () => {
	await withScenario( maintenanceMode, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /WordPress maintenance mode/ );
		expect( text ).toMatch(
			/delete[^\n]*\.maintenance[^\n]*WordPress folder/i
		);
		// A push is sent again; a validation is part of the purchase.
		expect( text ).toMatch( /push[^\n]*again/i );
		expect( text ).toMatch( /validation[^\n]*purchase fail/i );
		expect( text ).toMatch( /off-peak/i );
		expect( recorder.calls() ).toEqual( [] );
	} );
} );

it( 'says Klarna can never solve Cloudflare’s managed challenge, and gives the skip rule', async () => {
	await withScenario( cloudflareManagedChallenge, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /Blocked by: Cloudflare/ );
		expect( text ).toMatch( /challenge/i );
		expect( text ).toMatch( /never (solve|pass)/i );
		expect( text ).toMatch( /lowering[^\n]*does not help/i );
		// The product's skip rule, for the callback paths.
		expect( text ).toMatch( /action “Skip”/ );
		expect( text ).toContain( '/wc-api/' );
		expect( recorder.calls() ).toEqual( [] );
	} );
} );

/**
 * Proof suite, part 1: causes that live in WordPress itself — run in the real browser against
 * the real stack with each fault switched on, asserting the card the owner would read.
 */
import { recorder } from '../integration/support/stack';
import {
	languageRedirect,
	maintenanceMode,
	plainPermalinks,
	wordfenceStandIn,
} from './support/faults';
import { withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	cardText,
	adminSession,
	runChecks,
	statusOf,
	statuses,
} from './support/proof';

const admin = adminSession();

it( 'passes every endpoint on the healthy stack and fails the public URL with the local-development advice', async () => {
	await runChecks( admin.page );

	const shown = await statuses( admin.page );
	for ( const endpoint of ENDPOINTS ) {
		expect( shown[ `endpoint:${ endpoint }` ] ).toBe( 'pass' );
	}
	expect( shown[ 'requirement:public-url' ] ).toBe( 'fail' );
	expect( await cardText( admin.page, 'requirement:public-url' ) ).toMatch(
		/ngrok/i
	);
	// On the healthy stack not even an unsigned call happened.
	expect( recorder.calls() ).toEqual( [] );
} );

it( 'names plain permalinks as the reason callbacks get a 404', async () => {
	await withScenario( plainPermalinks, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		expect( await statusOf( admin.page, 'requirement:permalinks' ) ).toBe(
			'fail'
		);
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /plain permalinks/i );
		expect( text ).toMatch( /Settings → Permalinks|Settings > Permalinks/ );
		expect( text ).toContain( '404' );
	} );
} );

it( 'names a language redirect to /en/wc-api/ and explains the lost POST body', async () => {
	await withScenario( languageRedirect, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /language/i );
		expect( text ).toContain( '/en/wc-api/KCO_WC_Push/' );
		expect( text ).toMatch( /GET/ );
		expect( text ).toMatch( /body/i );
	} );
} );

it( 'names maintenance mode from the 503 with Retry-After', async () => {
	await withScenario( maintenanceMode, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /maintenance/i );
		expect( text ).toContain( '503' );
		expect( text ).toMatch( /Retry-After/i );
	} );
} );

it( 'names Wordfence when it blocks the public address it reads from X-Forwarded-For', async () => {
	await withScenario(
		wordfenceStandIn( 'HTTP_X_FORWARDED_FOR' ),
		async () => {
			await runChecks( admin.page );

			expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe(
				'fail'
			);
			const text = await cardText( admin.page, 'endpoint:push' );
			expect( text ).toMatch( /Blocked by: Wordfence/ );
			// Named from its own block admin.page, not only from the list of active plugins.
			expect( text ).toMatch(
				/Identified by\s+Wordfence, recognised from/
			);
			expect( text ).toMatch( /Allowlisted URLs|allowlist/i );
			expect(
				await statusOf( admin.page, 'requirement:security-plugins' )
			).not.toBe( 'pass' );
		}
	);
} );

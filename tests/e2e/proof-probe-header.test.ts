/**
 * Proof suite: the probes' own safety. A web server that strips the doctor's probe header would
 * turn every probe into a real Klarna callback handled by KCO; the canary must see it first, the
 * run must send nothing Klarna-shaped, and the card must say why (docs/probe-protocol.md §12).
 */
import { recorder } from '../integration/support/stack';
import { probeHeaderStripped } from './support/faults';
import { withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	adminSession,
	cardText,
	runChecks,
	statusOf,
} from './support/proof';

const admin = adminSession();

it( 'sends nothing Klarna-shaped where Apache strips the probe header, and names the cause', async () => {
	recorder.clear();
	await withScenario( probeHeaderStripped, async () => {
		const run = await runChecks( admin.page );

		// Only the canaries travelled, and WordPress answered them without the echo.
		expect( run.observations.length ).toBeGreaterThan( 0 );
		expect(
			run.observations.filter(
				( observation ) => observation.variant !== 'canary'
			)
		).toEqual( [] );
		expect(
			run.observations.every( ( observation ) => ! observation.echo )
		).toBe( true );

		for ( const endpoint of ENDPOINTS ) {
			expect(
				await statusOf( admin.page, `endpoint:${ endpoint }` )
			).toBe( 'warn' );
		}
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch(
			/Cause: the path removes the doctor’s probe header/
		);
		expect( text ).toMatch( /X-KCO-Doctor-Probe/ );
		expect( text ).toMatch( /handled by Klarna Checkout itself/ );
		expect( text ).toMatch(
			/Let the X-KCO-Doctor-Probe request header through/
		);
		// No external test recommended: its Klarna-shaped request would cross this very path.
		expect( text ).toMatch( /proves the header now arrives/ );
		expect( text ).not.toMatch( /Test from outside your server/ );
	} );

	// Not one call reached a KCO handler, with the header or without it.
	expect( recorder.calls() ).toEqual( [] );
} );

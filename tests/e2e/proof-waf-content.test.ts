/**
 * Proof suite: real web application firewalls against Klarna's real content. Debian's OWASP
 * CRS 3 lets Klarna's order JSON through at paranoia level 1 and blocks it at level 2 (the JSON
 * inside merchant_data); OWASP CRS 2.2.9 in traditional mode blocks Klarna's UUID order id with
 * rule 981173. The card must name the content that matched, not the web server
 * (docs/probe-protocol.md §2 and §8).
 */
import { recorder } from '../integration/support/stack';
import { owaspCrs229, owaspCrs3, patientDoctor } from './support/faults';
import { combined, withScenario } from './support/scenarios';
import { card, isRunPost, runFrom } from './support/doctor';
import {
	ENDPOINTS,
	adminSession,
	cardText,
	runChecks,
	statusOf,
} from './support/proof';
import type { Observation, Run } from '../../src/api/types';

const admin = adminSession();

/** A run through a rule set that inspects every request takes its time on a busy machine. */
const RUN_THROUGH_FIREWALL_MS = 150000;

beforeEach( () => recorder.clear() );

afterEach( () => {
	// No probe and no variant reached KCO, with the header or without it.
	expect( recorder.calls() ).toEqual( [] );
} );

/**
 * The last word on one variant of an endpoint (a re-try sent alone outranks the crowded one).
 * @param run      The run.
 * @param endpoint Endpoint id.
 * @param variant  Variant id.
 */
function decisive(
	run: Run,
	endpoint: string,
	variant: string
): Observation | undefined {
	return run.observations
		.filter(
			( observation ) =>
				observation.endpoint === endpoint &&
				observation.variant === variant
		)
		.at( -1 );
}

it(
	'passes Klarna’s order body through CRS 3 at paranoia level 1 and names the body when level 2 blocks it',
	async () => {
		await withScenario(
			combined( 'crs3-pl1', [ patientDoctor, owaspCrs3( 1 ) ] ),
			async () => {
				const run = await runChecks( admin.page );

				// Every Klarna-shaped probe, order bodies included, reached WordPress. (A card may
				// still warn that a busy machine answered slower than Klarna's deadline.)
				for ( const endpoint of ENDPOINTS ) {
					expect( decisive( run, endpoint, 'klarna' )?.echo ).toEqual(
						expect.objectContaining( { endpoint } )
					);
					expect(
						await statusOf( admin.page, `endpoint:${ endpoint }` )
					).not.toBe( 'fail' );
				}
			}
		);

		// The owner raises the paranoia level and checks the block checkout's callback again.
		await withScenario(
			combined( 'crs3-pl2', [ patientDoctor, owaspCrs3( 2 ) ] ),
			async () => {
				const posted = await Promise.all( [
					admin.page.waitForResponse(
						( candidate ) =>
							isRunPost(
								candidate.request().method(),
								candidate.url()
							),
						{ timeout: RUN_THROUGH_FIREWALL_MS }
					),
					runFrom(
						admin.page,
						card( admin.page, 'endpoint:block-validate' ).getByRole(
							'button',
							{ name: 'Run again' }
						)
					),
				] );
				const run = ( await posted[ 0 ].json() ) as Run;

				expect(
					decisive( run, 'block-validate', 'klarna' )?.response
						?.status
				).toBe( 403 );
				// The same request with a minimal body got through: the order data is the trigger.
				expect(
					decisive( run, 'block-validate', 'minimal-body' )?.echo
				).not.toBeNull();
				expect(
					await statusOf( admin.page, 'endpoint:block-validate' )
				).toBe( 'fail' );
				const text = await cardText(
					admin.page,
					'endpoint:block-validate'
				);
				expect( text ).toMatch(
					/because of the order data Klarna posts/
				);
				expect( text ).toMatch( /merchant_data/ );
				expect( text ).toMatch(
					/Blocked by: a web application firewall \(most likely ModSecurity on Apache\)/
				);
				expect( text ).not.toMatch( /lets GET through/ );
			}
		);
	},
	2 * RUN_THROUGH_FIREWALL_MS
);

it(
	'names rule 981173 on Klarna’s order id when OWASP CRS 2.2.9 blocks the push, not Apache',
	async () => {
		await withScenario(
			combined( 'crs-2.2.9', [ patientDoctor, owaspCrs229 ] ),
			async () => {
				const run = await runChecks( admin.page );

				expect(
					decisive( run, 'push', 'klarna' )?.response?.status
				).toBe( 403 );
				expect(
					decisive( run, 'push', 'numeric-order-id' )?.echo
				).not.toBeNull();
				expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe(
					'fail'
				);
				const text = await cardText( admin.page, 'endpoint:push' );
				expect( text ).toMatch( /because of Klarna’s order id/ );
				expect( text ).toMatch( /981173/ );
				expect( text ).toMatch(
					/Blocked by: a web application firewall \(most likely ModSecurity on Apache\)/
				);
				expect( text ).toMatch( /stock “Forbidden” page/ );
				expect( text ).not.toMatch( /blocks every request/ );
				expect( text ).toMatch( /ruleRemoveById=981173/ );
			}
		);
	},
	RUN_THROUGH_FIREWALL_MS
);

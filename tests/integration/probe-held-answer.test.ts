/**
 * Time on the path (DESIGN.md §3.13): a run sends, for each callback Klarna gives a deadline, the
 * same Klarna-shaped probe with its answer held back until just under that deadline. The wait is
 * signed into the token, so nobody else can make the site sleep; a quick run leaves it out.
 */
import { randomUUID } from 'node:crypto';
import type { Echo, Run } from '../../src/api/types';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog, recorder, wpEval } from './support/stack';

const HEADER = 'X-KCO-Doctor-Probe';
const DEADLINE_ENDPOINTS = [
	'validation',
	'block-validate',
	'block-validation',
];

let admin: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
} );

beforeEach( () => {
	recorder.clear();
	debugLog.clear();
} );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
	expect( recorder.calls().filter( ( call ) => call.probeHeader ) ).toEqual(
		[]
	);
} );

/**
 * A token signed by the site, as the Runner signs a held answer's.
 * @param endpoint Endpoint id.
 * @param holdMs   The wait to sign in.
 */
function mint( endpoint: string, holdMs: number ): string {
	return wpEval(
		`echo KcoCallbackDoctor\\Probe\\Token::issue( ${ JSON.stringify(
			endpoint
		) }, 120, ${ holdMs } )['token'];`
	).trim();
}

async function echoOf( response: Response ): Promise< Echo | null > {
	try {
		const parsed = JSON.parse( await response.text() ) as { echo?: Echo };
		return parsed.echo ?? null;
	} catch {
		return null;
	}
}

function post( url: string, token: string, body = '' ): Promise< Response > {
	return fetch( url, {
		method: 'POST',
		body,
		headers: {
			'User-Agent': 'APIs-Klarna',
			'Content-Type': 'application/json',
			[ HEADER ]: token,
		},
	} );
}

async function run( body: object ): Promise< Run > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( body ),
	} );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as Run;
}

describe( 'the responder', () => {
	it( 'holds a validation answer for the signed wait and says so in the echo', async () => {
		const response = await post(
			`${ BASE_URL }/wc-api/KCO_WC_Validation/?kco-action=validation&kco_wc_order_id=${ randomUUID() }`,
			mint( 'validation', 300 ),
			'{}'
		);

		expect( response.status ).toBe( 200 );
		expect( ( await echoOf( response ) )?.heldMs ).toBe( 300 );
	} );

	it( 'never waits on a callback Klarna gives no deadline, whatever the token asks', async () => {
		const response = await post(
			`${ BASE_URL }/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=${ randomUUID() }`,
			mint( 'push', 9000 )
		);

		expect( ( await echoOf( response ) )?.heldMs ).toBe( 0 );
	} );

	it( 'ignores a token whose wait was changed, so the request goes on to KCO unanswered', async () => {
		const altered = mint( 'validation', 300 ).replace(
			'.h300.',
			'.h9000.'
		);
		const response = await post(
			`${ BASE_URL }/wc-api/KCO_WC_Validation/?kco-action=validation&kco_wc_order_id=${ randomUUID() }`,
			altered,
			'{}'
		);

		expect( await echoOf( response ) ).toBeNull();
		const reached = recorder.calls();
		expect( reached.map( ( call ) => call.handler ) ).toEqual( [
			'kco_wc_validation',
		] );
		// This request was meant to reach KCO: it proves the altered token counted for nothing.
		recorder.clear();
	} );
} );

describe( 'POST /runs', () => {
	it( 'holds one answer per callback with a Klarna deadline until just under it', async () => {
		const observed = await run( {} );
		const held = observed.observations.filter(
			( observation ) => observation.variant === 'held-answer'
		);

		expect( held.map( ( observation ) => observation.endpoint ) ).toEqual(
			DEADLINE_ENDPOINTS
		);
		for ( const observation of held ) {
			// Klarna waits 3 s for validation; the default holds 500 ms less.
			expect( observation.echo?.heldMs ).toBe( 2500 );
			expect( observation.basedOn ).toBe( 'klarna' );
		}
	} );

	it( 'holds as long as the hold filter says', async () => {
		await withScenario(
			muPlugin(
				'hold-700-ms',
				`add_filter( 'kco_callback_doctor_hold_ms', static function () { return 700; } );`
			),
			async () => {
				const observed = await run( {
					endpoints: [ 'block-validate' ],
				} );
				const held = observed.observations.find(
					( observation ) => observation.variant === 'held-answer'
				);
				expect( held?.echo?.heldMs ).toBe( 700 );
			}
		);
	} );

	it( 'leaves held answers out of a quick run', async () => {
		const observed = await run( { quick: true } );

		expect(
			observed.observations.filter(
				( observation ) => observation.variant === 'held-answer'
			)
		).toEqual( [] );
		// Every callback was still probed as Klarna sends it (some maybe again, alone).
		expect(
			new Set(
				observed.observations
					.filter(
						( observation ) => observation.variant === 'klarna'
					)
					.map( ( observation ) => observation.endpoint )
			).size
		).toBe( 6 );
	} );

	it( 'refuses a quick flag that is not a boolean with 400 naming it', async () => {
		const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { quick: 'soon' } ),
		} );
		const error = ( await response.json() ) as {
			code: string;
			data: { params?: Record< string, string > };
		};

		expect( response.status ).toBe( 400 );
		expect( error.code ).toBe( 'rest_invalid_param' );
		expect( Object.keys( error.data.params ?? {} ) ).toEqual( [ 'quick' ] );
	} );
} );

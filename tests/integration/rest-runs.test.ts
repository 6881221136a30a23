/**
 * POST /runs refuses bad input with a 400 that names the problem, runs one at a time per site,
 * and GET /runs keeps the last 20 runs without autoloading any of them.
 */
import type { Run, RunSummary } from '../../src/api/types';
import { slowCallbacks } from '../e2e/support/faults';
import { withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { dbQuery, debugLog, wpEval } from './support/stack';
import { waitUntil } from './support/wait';

let admin: Session;
let shopManager: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	shopManager = await logIn( USERS.shopManager );
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

function postRun(
	body: string,
	session: Session = admin
): Promise< Response > {
	return session.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body,
	} );
}

interface RestError {
	code: string;
	message: string;
	data: { status: number; params?: Record< string, string > };
}

describe( 'bad input', () => {
	it.each( [
		[
			'an unknown endpoint id',
			{ endpoints: [ 'push', 'refund' ] },
			/not one of push, notification/,
		],
		[
			'a string instead of an array',
			{ endpoints: 'push' },
			/must be an array of endpoint ids/,
		],
		[
			'an object instead of an array',
			{ endpoints: { first: 'push' } },
			/must be an array of endpoint ids/,
		],
		[ 'a number', { endpoints: 5 }, /must be an array of endpoint ids/ ],
		[ 'an empty array', { endpoints: [] }, /at least 1 item/ ],
		[
			'a repeated id',
			{ endpoints: [ 'push', 'push' ] },
			/duplicate items/,
		],
		[
			'10 000 ids',
			{ endpoints: Array.from( { length: 10000 }, () => 'push' ) },
			/at most 6 items/,
		],
	] )(
		'refuses %s with 400 naming the parameter',
		async ( _name, body, detail ) => {
			const response = await postRun( JSON.stringify( body ) );
			const error = ( await response.json() ) as RestError;

			expect( response.status ).toBe( 400 );
			expect( error.code ).toBe( 'rest_invalid_param' );
			expect( error.message ).toContain( 'endpoints' );
			expect( error.data.params?.endpoints ).toMatch( detail );
		}
	);

	it( 'refuses a 1 MB body with 400', async () => {
		const response = await postRun(
			JSON.stringify( { note: 'x'.repeat( 1024 * 1024 ) } )
		);
		const error = ( await response.json() ) as RestError;

		expect( response.status ).toBe( 400 );
		expect( error.code ).toBe( 'kco_callback_doctor_body_too_large' );
		expect( error.message ).toMatch( /at most 8192 are accepted/ );
	} );

	it( 'refuses a body that is not JSON with 400', async () => {
		const response = await postRun( '{"endpoints": [' );

		expect( response.status ).toBe( 400 );
		expect( ( ( await response.json() ) as RestError ).code ).toBe(
			'rest_invalid_json'
		);
	} );
} );

describe( 'one run at a time', () => {
	it( 'answers a second concurrent run with 409, then runs again once the first is done', async () => {
		// Callbacks slow enough that the first run surely still holds the lock when the second asks.
		await withScenario( slowCallbacks( 3000 ), async () => {
			const first = postRun(
				JSON.stringify( { endpoints: [ 'notification' ] } )
			);
			await waitUntil(
				() =>
					dbQuery(
						"SELECT 1 FROM wp_options WHERE option_name = 'kco_callback_doctor_run_lock'"
					).length > 0,
				{ what: 'the first run holds the run lock' }
			);
			const second = await postRun(
				JSON.stringify( { endpoints: [ 'push' ] } ),
				shopManager
			);
			const error = ( await second.json() ) as RestError;

			expect( second.status ).toBe( 409 );
			expect( error.code ).toBe( 'kco_callback_doctor_run_in_progress' );
			expect( error.message ).toMatch(
				/Another Callback Doctor run is in progress/
			);
			expect( ( await first ).status ).toBe( 200 );
		} );
		expect(
			( await postRun( JSON.stringify( { endpoints: [ 'push' ] } ) ) )
				.status
		).toBe( 200 );
	} );

	it( 'is not blocked for long by the lock of a run that crashed', async () => {
		const setLock = ( expiresIn: number ) =>
			wpEval(
				`global $wpdb; $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES ('kco_callback_doctor_run_lock', %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)", ( time() + ${ expiresIn } ) . ':crashed' ) );`
			);
		try {
			setLock( 60 );
			expect( ( await postRun( '{}' ) ).status ).toBe( 409 );
			setLock( -1 );
			expect(
				( await postRun( JSON.stringify( { endpoints: [ 'push' ] } ) ) )
					.status
			).toBe( 200 );
		} finally {
			wpEval(
				`global $wpdb; $wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name = 'kco_callback_doctor_run_lock' AND option_value LIKE '%:crashed'" );`
			);
		}
	} );
} );

describe( 'history', () => {
	it( 'keeps the last 20 runs, newest first, and serves each by id', async () => {
		const ids: string[] = [];
		for ( let i = 0; i < 21; i++ ) {
			const response = await postRun(
				JSON.stringify( { endpoints: [ 'push' ] } )
			);
			ids.push( ( ( await response.json() ) as Run ).id );
		}

		const list = ( await (
			await admin.rest( 'kco-callback-doctor/v1/runs' )
		).json() ) as RunSummary[];
		expect( list.map( ( summary ) => summary.id ) ).toEqual(
			ids.slice( 1 ).reverse()
		);
		// The row states the verdict (verdict.ts), the one the push card shows.
		expect( list[ 0 ] ).toMatchObject( {
			source: 'page',
			endpointIds: [ 'push' ],
			overall: 'ok',
			verdicts: [ { id: 'push', state: 'passed', used: true } ],
		} );

		const newest = await admin.rest(
			`kco-callback-doctor/v1/runs/${ ids[ 20 ] }`
		);
		expect( newest.status ).toBe( 200 );
		expect(
			( ( await newest.json() ) as Run ).observations.length
		).toBeGreaterThanOrEqual( 2 );

		const dropped = await admin.rest(
			`kco-callback-doctor/v1/runs/${ ids[ 0 ] }`
		);
		expect( dropped.status ).toBe( 404 );
		expect( ( ( await dropped.json() ) as RestError ).code ).toBe(
			'kco_callback_doctor_run_not_found'
		);
	} );

	it( 'autoloads none of its options', () => {
		const autoloaded = wpEval(
			`global $wpdb; echo (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE 'kco\\\\_callback\\\\_doctor\\\\_%' AND autoload IN ('yes', 'on', 'auto-on', 'auto')" );`
		);
		const stored = wpEval(
			`global $wpdb; echo (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE 'kco\\\\_callback\\\\_doctor\\\\_run\\\\_%'" );`
		);

		expect( autoloaded.trim() ).toBe( '0' );
		expect( Number( stored ) ).toBeGreaterThanOrEqual( 20 );
	} );
} );

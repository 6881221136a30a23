/**
 * POST /runs/{id}/digest keeps the page's diagnosis with the run, as ids, and refuses anything
 * else with a 400 that says what is wrong; an unknown run is a 404.
 */
import type { DigestEntry, Run } from '../../src/api/types';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, wpEval } from './support/stack';

let admin: Session;
let run: Run;

const PUSH_BLOCKED: DigestEntry = {
	findingId: 'endpoint:push',
	status: 'fail',
	causeId: 'blocked-by-product',
	productId: 'cloudflare',
	productName: 'Cloudflare',
};

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( { endpoints: [ 'push' ] } ),
	} );
	run = ( await response.json() ) as Run;
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

function postDigest( id: string, body: string ): Promise< Response > {
	return admin.rest( `kco-callback-doctor/v1/runs/${ id }/digest`, {
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

describe( 'storing a digest', () => {
	it( 'keeps it with the run, and the server-side verdict names the blocker from it', async () => {
		const response = await postDigest(
			run.id,
			JSON.stringify( {
				digest: [
					{
						findingId: 'requirement:https',
						status: 'warn',
						causeId: null,
						productId: null,
					},
					PUSH_BLOCKED,
				],
			} )
		);
		expect( response.status ).toBe( 200 );

		const stored = ( await (
			await admin.rest( `kco-callback-doctor/v1/runs/${ run.id }` )
		).json() ) as Run;
		expect( stored.digest ).toEqual( [
			{
				findingId: 'requirement:https',
				status: 'warn',
				causeId: null,
				productId: null,
				productName: null,
			},
			PUSH_BLOCKED,
		] );
		expect( Date.parse( stored.diagnosedAt ?? '' ) ).not.toBeNaN();

		const verdict = JSON.parse(
			wpEval(
				`echo wp_json_encode( KcoCallbackDoctor\\Verdict\\RunVerdict::of( KcoCallbackDoctor\\RunHistory::find( '${ run.id }' ) ) );`
			)
		) as { endpoints: Array< { id: string; blocker: unknown } > };
		expect( verdict.endpoints[ 0 ]?.blocker ).toEqual( {
			causeId: 'blocked-by-product',
			productId: 'cloudflare',
			productName: 'Cloudflare',
		} );
	} );

	it( 'answers 404 for a run that is not kept', async () => {
		const response = await postDigest(
			'0f8c7a52-3d1e-4b6a-9c2f-7e5d4a3b2c1d',
			JSON.stringify( { digest: [ PUSH_BLOCKED ] } )
		);

		expect( response.status ).toBe( 404 );
		expect( ( ( await response.json() ) as RestError ).code ).toBe(
			'kco_callback_doctor_run_not_found'
		);
		// Refusing it created nothing either.
		expect(
			wpEval(
				`var_export( false === get_option( 'kco_callback_doctor_run_0f8c7a52-3d1e-4b6a-9c2f-7e5d4a3b2c1d' ) );`
			)
		).toBe( 'true' );
	} );
} );

describe( 'bad input', () => {
	it.each( [
		[ 'no digest', {}, /Missing parameter\(s\): digest/ ],
		[ 'a string', { digest: 'push blocked' }, /must be an array/ ],
		[
			'an unknown status',
			{ digest: [ { ...PUSH_BLOCKED, status: 'broken' } ] },
			/digest\[0\]\[status\] is not one of pass, warn, fail/,
		],
		[
			'a finding id that is not one',
			{ digest: [ { ...PUSH_BLOCKED, findingId: '<script>' } ] },
			/digest\[0\]\[findingId\] does not match pattern/,
		],
		[
			'a text as cause id',
			{
				digest: [
					{ ...PUSH_BLOCKED, causeId: 'Cloudflare blocked it' },
				],
			},
			/digest\[0\]\[causeId\] does not match pattern/,
		],
		[
			'markup as product name',
			{
				digest: [
					{ ...PUSH_BLOCKED, productName: '<b>Cloudflare</b>' },
				],
			},
			/productName must be a product name in plain text/,
		],
		[
			'a product name of 101 characters',
			{ digest: [ { ...PUSH_BLOCKED, productName: 'x'.repeat( 101 ) } ] },
			/digest\[0\]\[productName\] must be at most 100 characters/,
		],
		[
			'a field no digest has',
			{
				digest: [
					{ ...PUSH_BLOCKED, summary: 'Blocked by Cloudflare.' },
				],
			},
			/summary is not a valid property/,
		],
		[
			'a missing cause id',
			{
				digest: [
					{
						findingId: 'endpoint:push',
						status: 'fail',
						productId: null,
					},
				],
			},
			/causeId is a required property/,
		],
		[
			'the same finding twice',
			{ digest: [ PUSH_BLOCKED, PUSH_BLOCKED ] },
			/repeats the finding endpoint:push/,
		],
		[
			'65 findings',
			{
				digest: Array.from( { length: 65 }, ( _, index ) => ( {
					...PUSH_BLOCKED,
					findingId: `requirement:r${ index }`,
				} ) ),
			},
			/at most 64 items/,
		],
	] )(
		'refuses %s with 400 naming the problem',
		async ( _name, body, detail ) => {
			const response = await postDigest( run.id, JSON.stringify( body ) );
			const error = ( await response.json() ) as RestError;

			expect( response.status ).toBe( 400 );
			expect(
				`${ error.message } ${ Object.values(
					error.data.params ?? {}
				).join( ' ' ) }`
			).toMatch( detail );
		}
	);

	it( 'refuses a body over 16 KB with 400', async () => {
		const response = await postDigest(
			run.id,
			JSON.stringify( {
				digest: [ PUSH_BLOCKED ],
				padding: 'x'.repeat( 20000 ),
			} )
		);
		const error = ( await response.json() ) as RestError;

		expect( response.status ).toBe( 400 );
		expect( error.code ).toBe( 'kco_callback_doctor_body_too_large' );
	} );
} );

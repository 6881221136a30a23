/**
 * The REST client: one function per route, answers narrowed to the contract, and every way a
 * request fails turned into an ApiError the page can act on, with the server's own words kept.
 */
import apiFetch from '@wordpress/api-fetch';

import {
	ApiError,
	createExternalProbe,
	fetchEnvironment,
	fetchRun,
	fetchRunHistory,
	startRun,
	toApiError,
} from '../../../src/api/client';
import { aRun, aRunSummary, anEnvironment, anExternalProbe } from './fixtures';
import { restError, serve } from './restDouble';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

beforeEach( () => {
	jest.clearAllMocks();
} );

describe( 'the REST client', () => {
	it( 'calls each route of kco-callback-doctor/v1 with the right method and body', async () => {
		serve( {
			'GET /environment': () => anEnvironment(),
			'POST /runs': () => aRun(),
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => aRun(),
			'POST /external-probes': () => anExternalProbe(),
		} );

		await expect( fetchEnvironment() ).resolves.toEqual( anEnvironment() );
		await expect( startRun() ).resolves.toEqual( aRun() );
		await expect( startRun( [ 'push' ] ) ).resolves.toEqual( aRun() );
		await expect( fetchRunHistory() ).resolves.toEqual( [ aRunSummary() ] );
		await expect( fetchRun( 'run-1' ) ).resolves.toEqual( aRun() );
		await expect( createExternalProbe( 'push' ) ).resolves.toEqual(
			anExternalProbe()
		);

		const sent = jest
			.mocked( apiFetch )
			.mock.calls.map( ( [ options ] ) => [
				options.method,
				options.path,
				options.data,
			] );
		expect( sent ).toEqual( [
			[ 'GET', '/kco-callback-doctor/v1/environment', undefined ],
			[ 'POST', '/kco-callback-doctor/v1/runs', {} ],
			[
				'POST',
				'/kco-callback-doctor/v1/runs',
				{ endpoints: [ 'push' ] },
			],
			[ 'GET', '/kco-callback-doctor/v1/runs', undefined ],
			[ 'GET', '/kco-callback-doctor/v1/runs/run-1', undefined ],
			[
				'POST',
				'/kco-callback-doctor/v1/external-probes',
				{ endpoint: 'push' },
			],
		] );
	} );

	it( 'rejects an answer that does not fit the contract, naming the field', async () => {
		serve( {
			'GET /runs/run-1': () => ( {
				...aRun(),
				observations: [ { endpoint: 'checkout' } ],
			} ),
		} );

		const failure = await fetchRun( 'run-1' ).catch(
			( reason: unknown ) => reason
		);

		expect( failure ).toBeInstanceOf( ApiError );
		expect( failure ).toMatchObject( {
			kind: 'invalid-response',
			message: expect.stringContaining( 'run.observations[0].endpoint' ),
		} );
	} );
} );

describe( 'toApiError', () => {
	it.each( [
		[
			'a run in progress',
			restError( 'kco_callback_doctor_run_in_progress', 'Busy.', 409 ),
			'run-in-progress',
		],
		[
			'an expired nonce',
			restError(
				'rest_cookie_invalid_nonce',
				'Cookie check failed',
				403
			),
			'permission',
		],
		[
			'a lost capability',
			restError(
				'rest_forbidden',
				'Sorry, you are not allowed to do that.',
				403
			),
			'permission',
		],
		[
			'a logged-out user',
			restError(
				'rest_not_logged_in',
				'You are not currently logged in.',
				401
			),
			'permission',
		],
		[
			'a gateway timeout',
			restError( 'gateway_timeout', 'Gateway Timeout', 504 ),
			'timeout',
		],
		[
			'no answer at all',
			restError(
				'fetch_error',
				'Could not get a valid response from the server.'
			),
			'network',
		],
		[
			'an offline browser',
			restError( 'offline_error', 'Unable to connect.' ),
			'network',
		],
		[
			'an HTML error page',
			restError(
				'invalid_json',
				'The response is not a valid JSON response.'
			),
			'invalid-response',
		],
		[
			'a bad request',
			restError(
				'rest_invalid_param',
				'Invalid parameter(s): endpoints',
				400
			),
			'server',
		],
		[
			'a fatal error',
			restError(
				'internal_server_error',
				'There has been a critical error.',
				500
			),
			'server',
		],
	] )( 'classifies %s', ( _, reason, kind ) => {
		const error = toApiError( reason );

		expect( error.kind ).toBe( kind );
		expect( error.message ).toBe( reason.message );
		expect( error.code ).toBe( reason.code );
		expect( error.status ).toBe( reason.data?.status ?? null );
	} );

	it( 'calls an abort by our own deadline a timeout', () => {
		expect(
			toApiError( new DOMException( 'aborted', 'AbortError' ), true ).kind
		).toBe( 'timeout' );
	} );

	it( 'keeps something readable from a rejection that is neither an Error nor a REST error', () => {
		expect( toApiError( 'boom' ) ).toMatchObject( {
			kind: 'server',
			message: 'boom',
		} );
	} );
} );

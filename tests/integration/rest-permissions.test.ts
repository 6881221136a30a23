/**
 * Who may use which route: shop managers and administrators, with the REST nonce; nobody else.
 */
import { logIn, restUrl, USERS, type Session } from './support/session';
import { debugLog } from './support/stack';

type Caller =
	| 'anonymous'
	| 'cookie without nonce'
	| 'subscriber'
	| 'shop manager'
	| 'administrator';

const sessions: Partial< Record< Caller, Session > > = {};
let runId = '';

beforeAll( async () => {
	sessions.subscriber = await logIn( USERS.subscriber );
	sessions[ 'shop manager' ] = await logIn( USERS.shopManager );
	sessions.administrator = await logIn( USERS.administrator );
	const response = await sessions.administrator.rest(
		'kco-callback-doctor/v1/runs',
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoints: [ 'push' ] } ),
		}
	);
	runId = ( ( await response.json() ) as { id: string } ).id;
	debugLog.clear();
} );

afterAll( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

function call(
	caller: Caller,
	route: string,
	init: RequestInit
): Promise< Response > {
	if ( caller === 'anonymous' ) {
		return fetch( restUrl( route ), init );
	}
	if ( caller === 'cookie without nonce' ) {
		// A logged-in cookie alone is not enough: WordPress treats it as logged out (CSRF guard).
		return fetch( restUrl( route ), {
			...init,
			headers: {
				...( init.headers as Record< string, string > ),
				Cookie: sessions.administrator?.cookie ?? '',
			},
		} );
	}
	const session = sessions[ caller ];
	if ( ! session ) {
		throw new Error( `no session for ${ caller }` );
	}
	return session.rest( route, init );
}

const routes: Array< [ string, () => string, RequestInit ] > = [
	[ 'GET /environment', () => 'kco-callback-doctor/v1/environment', {} ],
	[ 'GET /runs', () => 'kco-callback-doctor/v1/runs', {} ],
	[ 'GET /runs/{id}', () => `kco-callback-doctor/v1/runs/${ runId }`, {} ],
	[
		'POST /runs/{id}/digest',
		() => `kco-callback-doctor/v1/runs/${ runId }/digest`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( {
				digest: [
					{
						findingId: 'endpoint:push',
						status: 'pass',
						causeId: null,
						productId: null,
					},
				],
			} ),
		},
	],
	[
		'POST /runs',
		() => 'kco-callback-doctor/v1/runs',
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoints: [ 'push' ] } ),
		},
	],
];

const expected: Array< [ Caller, number ] > = [
	[ 'anonymous', 401 ],
	[ 'cookie without nonce', 401 ],
	[ 'subscriber', 403 ],
	[ 'shop manager', 200 ],
	[ 'administrator', 200 ],
];

describe.each( routes )( '%s', ( _name, route, init ) => {
	it.each( expected )( 'answers %s with %i', async ( caller, status ) => {
		const response = await call( caller, route(), init );
		const body = ( await response.json() ) as { code?: string };

		expect( response.status ).toBe( status );
		if ( status !== 200 ) {
			expect( body.code ).toBe( 'rest_forbidden' );
		}
	} );
} );

/**
 * The responder answers a probe only with a valid token for the endpoint the request was routed
 * to, once; every other request goes on to KCO's handler as if the plugin were not there.
 */
import { randomUUID } from 'node:crypto';
import type { Echo } from '../../src/api/types';
import { BASE_URL, debugLog, recorder, wpEval } from './support/stack';
import { waitUntilPast } from './support/wait';

const HEADER = 'X-KCO-Doctor-Probe';

/**
 * Signs a token with the site's own key, as the Runner does.
 * @param endpoint
 * @param ttl
 */
function mint( endpoint: string, ttl = 120 ): string {
	return wpEval(
		`echo KcoCallbackDoctor\\Probe\\Token::issue( ${ JSON.stringify( endpoint ) }, ${ ttl } )['token'];`
	).trim();
}

const pushUrl = () =>
	`${ BASE_URL }/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=${ randomUUID() }`;
const blockUrl = () =>
	`${ BASE_URL }/wp-json/kco-block/order/${ randomUUID() }/validate`;

function post(
	url: string,
	token: string | null,
	init: RequestInit = {}
): Promise< Response > {
	return fetch( url, {
		method: 'POST',
		...init,
		headers: {
			'User-Agent': 'APIs-Klarna',
			...( init.headers as Record< string, string > | undefined ),
			...( token === null ? {} : { [ HEADER ]: token } ),
		},
	} );
}

/**
 * The echo in a response, or null when the responder did not answer.
 * @param response
 */
async function echoOf( response: Response ): Promise< Echo | null > {
	const text = await response.text();
	try {
		const parsed = JSON.parse( text ) as {
			echo?: Echo;
			signature?: string;
		};
		return parsed.echo && typeof parsed.signature === 'string'
			? parsed.echo
			: null;
	} catch {
		return null;
	}
}

beforeEach( () => {
	recorder.clear();
	debugLog.clear();
} );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

describe( 'a valid token', () => {
	it( 'is answered with a signed echo before KCO’s push handler runs', async () => {
		const response = await post( pushUrl(), mint( 'push' ) );

		expect( response.status ).toBe( 200 );
		expect( response.headers.get( 'content-type' ) ).toContain(
			'application/json'
		);
		const echo = await echoOf( response );
		expect( echo ).toMatchObject( {
			protocol: 1,
			endpoint: 'push',
			routedAs: 'wc-api/kco_wc_push',
			method: 'POST',
			bodyBytes: 0,
			queryKeys: [ 'kco-action', 'kco_wc_order_id' ],
			handlerRegistered: true,
			clientAddressClass: 'loopback',
			proxyHeaders: [],
		} );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'is answered on the checkout block’s REST route after WordPress matched it', async () => {
		const body = JSON.stringify( {
			order_id: randomUUID(),
			purchase_currency: 'SEK',
		} );
		const response = await post( blockUrl(), mint( 'block-validate' ), {
			headers: { 'Content-Type': 'application/json' },
			body,
		} );

		expect( response.status ).toBe( 200 );
		const echo = await echoOf( response );
		expect( echo ).toMatchObject( {
			endpoint: 'block-validate',
			method: 'POST',
			bodyBytes: Buffer.byteLength( body ),
			handlerRegistered: true,
		} );
		expect( echo?.routedAs ).toMatch( /^\/kco-block\/order\// );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'is answered exactly once when several requests race with it', async () => {
		const token = mint( 'push' );
		const responses = await Promise.all(
			Array.from( { length: 6 }, () => post( pushUrl(), token ) )
		);
		const echoes = await Promise.all( responses.map( echoOf ) );

		expect( echoes.filter( ( echo ) => echo !== null ) ).toHaveLength( 1 );
		expect( recorder.calls() ).toHaveLength( 5 );
	} );

	it( 'reports names, classes and hashes, never the raw values that arrived', async () => {
		const marker = 'kco-doctor-raw-value-7f3a';
		const url = `${ pushUrl() }&${ marker }=${ marker }&%3Cscript%3E=${ marker }`;
		const response = await post( url, mint( 'push' ), {
			headers: {
				'X-Forwarded-For': `203.0.113.7, ${ marker }`,
				'CF-Connecting-IP': '203.0.113.7',
			},
			body: marker,
		} );

		const text = await response.clone().text();
		const echo = await echoOf( response );
		expect( echo?.proxyHeaders ).toEqual( [
			'CF-Connecting-IP',
			'X-Forwarded-For',
		] );
		expect( echo?.queryKeys ).toEqual( [
			'kco-action',
			'kco_wc_order_id',
			marker,
		] );
		expect( echo?.bodyBytes ).toBe( marker.length );
		expect( text ).not.toContain( '203.0.113.7' );
		expect( text ).not.toContain( '<script>' );
		expect( text.split( marker ) ).toHaveLength( 2 ); // Only as a query key name.
	} );
} );

describe( 'a token that is not valid here', () => {
	it( 'is ignored when forged, and the push reaches KCO as any unsigned request does', async () => {
		const token = mint( 'push' );
		const forged =
			token.slice( 0, -1 ) + ( token.endsWith( '0' ) ? '1' : '0' );
		const response = await post( pushUrl(), forged );

		expect( response.status ).toBe( 200 );
		expect( await response.text() ).toBe( '-1' );
		expect( recorder.calls() ).toEqual( [
			expect.objectContaining( {
				handler: 'kco_wc_push',
				probeHeader: true,
			} ),
		] );
	} );

	it( 'is ignored after it expired', async () => {
		const token = mint( 'push', 1 );
		// Issued while mint() ran, so it expires at most a second (plus rounding) from now.
		await waitUntilPast( Date.now() + 2000 );
		const response = await post( pushUrl(), token );

		expect( await echoOf( response ) ).toBeNull();
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_wc_push',
		] );
	} );

	it( 'is ignored when replayed', async () => {
		const token = mint( 'push' );
		const first = await post( pushUrl(), token );
		const second = await post( pushUrl(), token );

		expect( await echoOf( first ) ).not.toBeNull();
		expect( await echoOf( second ) ).toBeNull();
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_wc_push',
		] );
	} );

	it( 'is ignored on another endpoint, and still valid on its own', async () => {
		const token = mint( 'notification' );
		const elsewhere = await post( pushUrl(), token );
		const own = await post(
			`${ BASE_URL }/wc-api/KCO_WC_Notification/?kco_wc_order_id=${ randomUUID() }`,
			token
		);

		expect( await echoOf( elsewhere ) ).toBeNull();
		expect( await echoOf( own ) ).toMatchObject( {
			endpoint: 'notification',
		} );
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_wc_push',
		] );
	} );

	it( 'is ignored on the REST route when forged, and KCO’s route callback runs', async () => {
		const response = await post(
			blockUrl(),
			`1.${ '0'.repeat( 32 ) }.block-validate.9999999999.${ 'a'.repeat( 64 ) }`,
			{
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			}
		);

		expect( await response.json() ).toEqual( { recorded: true } );
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_block_validate',
		] );
	} );

	it( 'is ignored when malformed or oversized, without a PHP notice', async () => {
		const responses = await Promise.all(
			[ 'garbage', '', '1.x.push.1.y', 'A'.repeat( 4000 ) ].map(
				( token ) => post( pushUrl(), token )
			)
		);

		for ( const response of responses ) {
			expect( await echoOf( response ) ).toBeNull();
		}
		expect( recorder.calls() ).toHaveLength( 4 );
	} );
} );

/**
 * POST /runs against the real stack: Klarna-shaped probes travel the whole path, come back with a
 * verified echo and never reach KCO; faults on the path become observations.
 */
import type { Observation, Run } from '../../src/api/types';
import {
	hugeBlockPage,
	languageRedirect,
	wordfenceStandIn,
} from '../e2e/support/faults';
import { combined, muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog, recorder, wpEval } from './support/stack';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IS_CALLBACK_PATH = `( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/' ) || false !== strpos( $_SERVER['REQUEST_URI'] ?? '', 'kco-block/' ) )`;

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
} );

async function startRun( endpoints?: string[] ): Promise< { run: Run } > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( endpoints ? { endpoints } : {} ),
	} );
	expect( response.status ).toBe( 200 );
	return { run: ( await response.json() ) as Run };
}

const klarnaShaped = ( run: Run ) =>
	run.observations.filter(
		( o ) => o.variant === 'klarna' || o.variant === 'klarna-session'
	);

const find = ( run: Run, endpoint: string, variant: string ): Observation[] =>
	run.observations.filter(
		( o ) => o.endpoint === endpoint && o.variant === variant
	);

/**
 * Test-only filters of the doctor's own time limits, as a must-use plugin.
 * @param probeSeconds
 * @param runSeconds
 */
function timeLimits( probeSeconds: number, runSeconds: number ) {
	return muPlugin(
		`doctor-time-limits-${ probeSeconds }-${ runSeconds }`,
		`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return ${ probeSeconds }; } );
add_filter( 'kco_callback_doctor_run_deadline', static function () { return ${ runSeconds }; } );`
	);
}

describe( 'on the healthy stack', () => {
	it( 'gets a verified echo for every endpoint’s Klarna-shaped probe, and KCO never runs', async () => {
		const { run } = await startRun();

		expect( run.endpointIds ).toEqual( [
			'push',
			'notification',
			'validation',
			'shipping-option-update',
			'block-validate',
			'block-validation',
		] );
		expect( run.endpoints.map( ( e ) => e.id ) ).toEqual( run.endpointIds );
		const probes = klarnaShaped( run );
		// Each probe once, plus a re-measure alone of any deadline endpoint a busy machine made
		// slower than its deadline in the crowd: every attempt must echo.
		expect( [
			...new Set(
				probes.map( ( o ) => `${ o.endpoint }/${ o.variant }` )
			),
		] ).toEqual( [
			'push/klarna',
			'push/klarna-session',
			'notification/klarna',
			'validation/klarna',
			'shipping-option-update/klarna',
			'block-validate/klarna',
			'block-validation/klarna',
		] );
		for ( const observation of probes ) {
			expect( observation.error ).toBeNull();
			expect( observation.response?.status ).toBe( 200 );
			expect( observation.echo ).toMatchObject( {
				protocol: 1,
				endpoint: observation.endpoint,
				method: 'POST',
				bodyBytes: observation.request.bodyBytes,
				bodySha256: observation.request.bodySha256,
				handlerRegistered: true,
				clientAddressClass: 'loopback',
			} );
			expect(
				observation.request.headers[ 'X-KCO-Doctor-Probe' ]
			).toBeUndefined();
		}
		// One canary per path went first, and came back with its own echo (docs/probe-protocol.md §12).
		const canaries = run.observations.filter(
			( o ) => o.variant === 'canary'
		);
		expect( canaries.map( ( o ) => o.endpoint ) ).toEqual( [
			'wc-api-canary',
			'rest-canary',
		] );
		expect( run.observations.slice( 0, 2 ) ).toEqual( canaries );
		for ( const canary of canaries ) {
			expect( canary.echo ).toMatchObject( {
				endpoint: canary.endpoint,
				handlerRegistered: false,
			} );
		}
		expect( run.endpoints.map( ( e ) => e.canary ) ).toEqual( [
			'wc-api-canary',
			'wc-api-canary',
			'wc-api-canary',
			'wc-api-canary',
			'rest-canary',
			'wc-api-canary',
		] );
		// Nothing failed, so no trigger-isolation variant was needed; only the callbacks with a
		// Klarna deadline were sent once more, with their answer held back (time on the path).
		const heldBack = ( o: { variant: string } ) =>
			o.variant === 'held-answer';
		expect(
			run.observations.filter(
				( o ) => o.basedOn !== null && ! heldBack( o )
			)
		).toEqual( [] );
		expect(
			run.observations.filter( ( o ) => ! heldBack( o ) )
		).toHaveLength( canaries.length + probes.length );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'is a positive control: the same Klarna-shaped requests without a token do reach KCO', async () => {
		// The probes exactly as the Runner builds them (bodies included), minus the token.
		const probes = JSON.parse(
			wpEval( `$all = array();
foreach ( KcoCallbackDoctor\\Probe\\Catalogue::ids() as $id ) {
	foreach ( KcoCallbackDoctor\\Probe\\Catalogue::klarna_probes( $id ) as $p ) {
		$all[] = array( 'url' => $p->url, 'method' => $p->method, 'headers' => array_filter( $p->headers ), 'userAgent' => $p->user_agent, 'body' => $p->body );
	}
}
echo wp_json_encode( $all );` )
		) as Array< {
			url: string;
			method: string;
			headers: Record< string, string >;
			userAgent: string;
			body: string;
		} >;

		expect( probes ).toHaveLength( 7 );
		for ( const probe of probes ) {
			await fetch( probe.url, {
				method: probe.method,
				headers: { ...probe.headers, 'User-Agent': probe.userAgent },
				body: probe.body,
			} );
		}
		expect(
			recorder
				.calls()
				.map( ( call ) => call.handler )
				.sort()
		).toEqual( [
			'kco_block_validate',
			'kco_block_validation',
			'kco_wc_notification',
			'kco_wc_push',
			'kco_wc_push',
			'kco_wc_shipping_option_update',
			'kco_wc_validation',
		] );
		expect(
			recorder
				.calls()
				.every(
					( call ) =>
						call.userAgent === 'APIs-Klarna' && ! call.probeHeader
				)
		).toBe( true );
	} );

	it( 'sends what Klarna sends: POST, APIs-Klarna, no Referer or cookies, UUID order ids, a session key', async () => {
		const { run } = await startRun();

		for ( const { request } of klarnaShaped( run ) ) {
			expect( request.method ).toBe( 'POST' );
			expect( request.headers[ 'User-Agent' ] ).toBe( 'APIs-Klarna' );
			expect( Object.keys( request.headers ) ).not.toEqual(
				expect.arrayContaining( [
					'Referer',
					'Cookie',
					'Authorization',
				] )
			);
			const url = new URL( request.url );
			const orderId =
				url.searchParams.get( 'kco_wc_order_id' ) ??
				url.searchParams.get( 'kco_order_id' ) ??
				url.pathname.split( '/' )[ 4 ] ??
				'';
			if ( ! url.pathname.includes( 'Shipping_Option_Update' ) ) {
				expect( orderId ).toMatch( UUID );
			}
		}
		const [ session ] = find( run, 'push', 'klarna-session' );
		expect(
			new URL( session?.request.url ?? '' ).searchParams.get(
				'kco_session_id'
			)
		).toMatch( /^t_[0-9a-f]{30}$/ );
		const [ notification ] = find( run, 'notification', 'klarna' );
		expect( notification?.request.headers[ 'Content-Type' ] ).toBe(
			'application/json'
		);
		const [ validation ] = find( run, 'validation', 'klarna' );
		expect( validation?.request.bodyBytes ).toBeGreaterThan( 3000 );
	} );

	it( 'posts the checkout block’s order as KCO builds it, with the shop’s own URLs', () => {
		const body = JSON.parse(
			wpEval(
				`echo KcoCallbackDoctor\\Probe\\Catalogue::klarna_probes( 'block-validate' )[0]->body;`
			)
		) as Record< string, unknown >;

		expect( Object.keys( body ) ).toEqual(
			expect.arrayContaining( [
				'order_id',
				'status',
				'purchase_country',
				'purchase_currency',
				'locale',
				'billing_address',
				'shipping_address',
				'order_amount',
				'order_tax_amount',
				'order_lines',
				'customer',
				'merchant_urls',
				'billing_countries',
				'shipping_countries',
				'options',
				'merchant_reference1',
				'merchant_reference2',
				'merchant_data',
				'started_at',
				'last_modified_at',
			] )
		);
		// Nothing KCO never sends: no EMD attachment outside subscriptions, no identifiers.
		expect( body ).not.toHaveProperty( 'attachment' );
		expect( body ).not.toHaveProperty( 'gui' );
		expect( body.order_id ).toMatch( UUID );
		const lines = body.order_lines as Array< Record< string, unknown > >;
		for ( const line of lines ) {
			expect( line ).not.toHaveProperty( 'product_identifiers' );
		}
		expect(
			lines.reduce(
				( sum, line ) => sum + Number( line.total_amount ),
				0
			)
		).toBe( body.order_amount );
		expect(
			lines.reduce(
				( sum, line ) => sum + Number( line.total_tax_amount ),
				0
			)
		).toBe( body.order_tax_amount );
		expect( JSON.stringify( body.billing_address ) ).toMatch(
			/[åäö].*\+46/i
		);
		// merchant_data is a JSON string, as KCO stores it (class-kco-request-merchant-data.php).
		expect( typeof body.merchant_data ).toBe( 'string' );
		expect(
			JSON.parse( body.merchant_data as string ) as Record<
				string,
				unknown
			>
		).toMatchObject( {
			is_user_logged_in: false,
			signing_key: expect.stringMatching( /^[0-9a-f]{64}$/ ),
		} );
		const urls = body.merchant_urls as Record< string, string >;
		for ( const url of Object.values( urls ) ) {
			expect( new URL( url ).host ).toBe( new URL( BASE_URL ).host );
		}
		expect( Object.keys( urls ) ).toEqual( [
			'terms',
			'checkout',
			'confirmation',
			'push',
			'validation',
		] );
		expect( urls.validation ).toContain(
			'/wp-json/kco-block/order/{checkout.order.id}/validate'
		);
	} );

	it( 'answers the checkout block’s wc-api validation URL with a verified echo, and the unsigned request reaches KCO', async () => {
		const { run } = await startRun( [ 'block-validation' ] );

		const [ probe ] = find( run, 'block-validation', 'klarna' );
		const url = new URL( probe?.request.url ?? '' );
		expect( url.pathname ).toBe( '/wc-api/kco-block-validation' );
		expect( url.searchParams.get( 'kco_validation' ) ).toBe( 'yes' );
		expect( url.searchParams.get( 'kco_order_id' ) ).toMatch( UUID );
		expect( probe?.request.method ).toBe( 'POST' );
		expect( probe?.request.headers[ 'Content-Type' ] ).toBe(
			'application/json'
		);
		expect( probe?.request.bodyBytes ).toBeGreaterThan( 3000 );
		expect( probe?.response?.status ).toBe( 200 );
		expect( probe?.echo ).toMatchObject( {
			endpoint: 'block-validation',
			routedAs: 'wc-api/kco-block-validation',
			method: 'POST',
			bodyBytes: probe?.request.bodyBytes,
			bodySha256: probe?.request.bodySha256,
			queryKeys: [ 'kco_validation', 'kco_order_id' ],
			handlerRegistered: true,
		} );
		expect( recorder.calls() ).toEqual( [] );

		// Positive control: the same Klarna-shaped request without a token reaches KCO's handler.
		const unsigned = JSON.parse(
			wpEval( `$p = KcoCallbackDoctor\\Probe\\Catalogue::klarna( 'block-validation' );
echo wp_json_encode( array( 'url' => $p->url, 'headers' => array_filter( $p->headers ), 'userAgent' => $p->user_agent, 'body' => $p->body ) );` )
		) as {
			url: string;
			headers: Record< string, string >;
			userAgent: string;
			body: string;
		};
		const body = JSON.parse( unsigned.body ) as {
			merchant_urls: Record< string, string >;
		};
		expect( body.merchant_urls.validation ).toBe(
			`${ url.origin }/wc-api/kco-block-validation?kco_validation=yes&kco_order_id={checkout.order.id}`
		);
		await fetch( unsigned.url, {
			method: 'POST',
			headers: { ...unsigned.headers, 'User-Agent': unsigned.userAgent },
			body: unsigned.body,
		} );
		expect( recorder.calls() ).toEqual( [
			expect.objectContaining( {
				handler: 'kco_block_validation',
				method: 'POST',
				userAgent: 'APIs-Klarna',
				probeHeader: false,
			} ),
		] );
	} );

	it( 'probes only the endpoints asked for, in catalogue order', async () => {
		const { run } = await startRun( [ 'block-validate', 'notification' ] );

		expect( run.endpointIds ).toEqual( [
			'notification',
			'block-validate',
		] );
		expect( [
			...new Set( run.observations.map( ( o ) => o.endpoint ) ),
		] ).toEqual( [
			'wc-api-canary',
			'rest-canary',
			'notification',
			'block-validate',
		] );
	} );
} );

/**
 * KCO's own callback paths (not the doctor's canary address) answer only after the delay.
 * @param delayMs
 */
function slowKcoPaths( delayMs: number ) {
	return muPlugin(
		`slow-kco-paths-${ delayMs }`,
		`if ( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/KCO_WC_' ) ) {
	usleep( ${ delayMs * 1000 } );
}`
	);
}

describe( 'when the path misbehaves', () => {
	it( 'ends a probe whose target hangs with a timeout, and re-tries it alone', async () => {
		const { run } = await withScenario(
			combined( 'hanging-kco-paths', [
				slowKcoPaths( 4000 ),
				timeLimits( 1, 10 ),
			] ),
			() => startRun( [ 'notification' ] )
		);

		const attempts = find( run, 'notification', 'klarna' );
		expect( attempts ).toHaveLength( 2 );
		for ( const attempt of attempts ) {
			expect( attempt.error?.code ).toBe( 'timeout' );
			expect( attempt.response ).toBeNull();
			expect( attempt.echo ).toBeNull();
			// A timeout cannot fire before the 1 s probe timeout the scenario set.
			expect( attempt.timing.totalMs ).toBeGreaterThanOrEqual( 900 );
		}
		expect( attempts[ 1 ]?.timing.measuredAlone ).toBe( true );
	} );

	it( 'stops at its own time limit and says so, instead of blaming the site', async () => {
		const { run } = await withScenario(
			combined( 'hanging-kco-paths', [
				slowKcoPaths( 4000 ),
				timeLimits( 1, 1.5 ),
			] ),
			() => startRun( [ 'notification' ] )
		);

		const attempts = find( run, 'notification', 'klarna' );
		expect( attempts.map( ( a ) => a.error?.code ) ).toEqual( [
			'timeout',
			'deadline',
		] );
	} );

	it( 'keeps only the first 8 KB of a 10 MB block page, and isolates the User-Agent as the trigger', async () => {
		const { run } = await withScenario( hugeBlockPage, () =>
			startRun( [ 'push' ] )
		);

		for ( const blocked of klarnaShaped( run ) ) {
			expect( blocked.response?.status ).toBe( 403 );
			expect( blocked.response?.bodyTruncated ).toBe( true );
			expect(
				Buffer.byteLength( blocked.response?.body ?? '' )
			).toBeLessThanOrEqual( 8192 );
			expect( blocked.response?.body ).toContain( 'Access denied' );
			expect( blocked.echo ).toBeNull();
		}
		const outcome = ( o: Observation ) =>
			`${ o.basedOn }>${ o.variant }:${ o.echo ? 'echo' : o.response?.status }`;
		// The last word per variant: one that timed out among the others is re-tried alone.
		const decisive = new Map< string, string >();
		for ( const o of run.observations ) {
			if ( o.basedOn !== null ) {
				decisive.set( `${ o.basedOn }>${ o.variant }`, outcome( o ) );
			}
		}
		expect( [ ...decisive.values() ] ).toEqual( [
			'klarna>browser-user-agent:echo',
			'klarna>with-referer:403',
			'klarna>get:403',
			'klarna>numeric-order-id:403',
			'klarna>plain-query:403',
			'klarna-session>browser-user-agent:echo',
			'klarna-session>with-referer:403',
			'klarna-session>without-session-id:403',
			'klarna-session>get:403',
			'klarna-session>numeric-order-id:403',
			'klarna-session>plain-query:403',
		] );
		const [ referer ] = find( run, 'push', 'with-referer' );
		expect( referer?.request.headers.Referer ).toBe( `${ BASE_URL }/` );
		const [ withoutSession ] = find( run, 'push', 'without-session-id' );
		expect( withoutSession?.request.url ).not.toContain( 'session_id' );
		expect( withoutSession?.request.url ).toContain( 'kco_wc_order_id=' );
		const [ get ] = find( run, 'push', 'get' );
		expect( get?.request ).toMatchObject( { method: 'GET', bodyBytes: 0 } );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'records but never follows a redirect to another port of the same host', async () => {
		// Another service on the machine is not the shop: the probe must not carry its body
		// and token there.
		const elsewhere = muPlugin(
			'redirect-other-port',
			`if ( ${ IS_CALLBACK_PATH } ) {
	header( 'Location: http://127.0.0.1:8899' . $_SERVER['REQUEST_URI'], true, 307 );
	exit;
}`
		);
		const { run } = await withScenario( elsewhere, () =>
			startRun( [ 'notification' ] )
		);

		// The canary met the redirect first; nothing Klarna-shaped followed it.
		const [ canary ] = find( run, 'wc-api-canary', 'canary' );
		expect( canary?.redirects ).toEqual( [
			expect.objectContaining( {
				status: 307,
				followed: false,
				location: expect.stringContaining( ':8899/' ),
			} ),
		] );
		expect( canary?.error ).toBeNull();
		expect( canary?.response?.status ).toBe( 307 );
		expect( klarnaShaped( run ) ).toEqual( [] );
	} );

	it( 'stops following a redirect loop after 5 hops', async () => {
		const loop = muPlugin(
			'redirect-loop',
			`if ( ${ IS_CALLBACK_PATH } ) {
	header( 'Location: ' . $_SERVER['REQUEST_URI'], true, 307 );
	exit;
}`
		);
		const { run } = await withScenario( loop, () =>
			startRun( [ 'notification' ] )
		);

		const [ probe ] = find( run, 'wc-api-canary', 'canary' );
		expect( probe?.redirects.map( ( hop ) => hop.followed ) ).toEqual( [
			true,
			true,
			true,
			true,
			true,
			false,
		] );
		expect( probe?.redirects.every( ( hop ) => hop.status === 307 ) ).toBe(
			true
		);
		expect( probe?.response?.status ).toBe( 307 );
		expect( probe?.echo ).toBeNull();
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'follows a language redirect as a client does: the 301 turns the POST into a bodiless GET', async () => {
		const { run } = await withScenario( languageRedirect, () =>
			startRun( [ 'validation' ] )
		);

		const [ probe ] = find( run, 'validation', 'klarna' );
		expect( probe?.redirects ).toEqual( [
			expect.objectContaining( {
				status: 301,
				followed: true,
				location: expect.stringContaining(
					'/en/wc-api/KCO_WC_Validation/'
				),
			} ),
		] );
		expect( probe?.request.method ).toBe( 'POST' );
		// The echo shows what arrived after the redirect: a GET without Klarna's order body.
		expect( probe?.echo ).toMatchObject( { method: 'GET', bodyBytes: 0 } );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'presents Klarna’s address in the header Wordfence trusts, and sees the block the loopback could not', async () => {
		const { run } = await withScenario(
			wordfenceStandIn( 'HTTP_X_FORWARDED_FOR' ),
			() => startRun( [ 'push', 'block-validate' ] )
		);

		expect( run.environment.plugins ).toEqual( [
			expect.objectContaining( {
				slug: 'wordfence',
				category: 'security',
				clientAddressHeader: 'X-Forwarded-For',
			} ),
		] );
		for ( const loopback of klarnaShaped( run ) ) {
			expect( loopback.echo ).not.toBeNull();
		}
		const presented = run.observations.filter(
			( o ) => o.variant === 'public-client-address'
		);
		expect( presented.map( ( o ) => o.endpoint ) ).toEqual( [
			'push',
			'block-validate',
		] );
		for ( const observation of presented ) {
			expect( observation.basedOn ).toBe( 'klarna' );
			expect( observation.request.headers[ 'X-Forwarded-For' ] ).toBe(
				'52.17.117.56'
			);
			expect( observation.response?.status ).toBe( 503 );
			expect( observation.response?.body ).toContain(
				'Your access to this site has been limited'
			);
		}
	} );

	it( 'presents Klarna’s address at Wordfence’s default setting, which takes the first public address it finds', async () => {
		const { run } = await withScenario( wordfenceStandIn( '' ), () =>
			startRun( [ 'push' ] )
		);

		expect( run.environment.plugins[ 0 ] ).toMatchObject( {
			slug: 'wordfence',
			clientAddressHeader: 'X-Forwarded-For',
			clientAddressTrust: 'header',
		} );
		const presented = run.observations.filter(
			( o ) => o.variant === 'public-client-address'
		);
		expect( presented ).toHaveLength( 1 );
		expect( presented[ 0 ]?.request.headers[ 'X-Forwarded-For' ] ).toBe(
			'52.17.117.56'
		);
		expect( presented[ 0 ]?.response?.status ).toBe( 503 );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'adds no client-address variant when the security plugin reads REMOTE_ADDR', async () => {
		const { run } = await withScenario(
			wordfenceStandIn( 'REMOTE_ADDR' ),
			() => startRun( [ 'push' ] )
		);

		expect( run.environment.plugins[ 0 ] ).toMatchObject( {
			slug: 'wordfence',
			clientAddressHeader: null,
			clientAddressTrust: 'connection',
		} );
		expect(
			run.observations.filter(
				( o ) => o.variant === 'public-client-address'
			)
		).toEqual( [] );
	} );
} );

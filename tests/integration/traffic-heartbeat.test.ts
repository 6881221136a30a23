/**
 * The heartbeat against the real stack: Klarna's real (unsigned) calls to KCO's callbacks are
 * recorded with their status and time and shown by GET /traffic; the doctor's own signed probes
 * are not; anything that is not a KCO callback is ignored; and a burst of calls writes the
 * option at most once per callback (the write counter in tests/doubles counts every write).
 */
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog, recorder } from './support/stack';
import {
	callbackOf,
	readTraffic,
	resetTraffic,
	sendBlockValidation,
	sendPush,
	trafficWrites,
} from './support/traffic';

let admin: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
} );

beforeEach( () => {
	resetTraffic();
	trafficWrites.clear();
	recorder.clear();
	debugLog.clear();
} );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

/**
 * Whole seconds, as the heartbeat records them.
 * @param ms Milliseconds since the epoch.
 */
const seconds = ( ms: number ) => Math.floor( ms / 1000 );

describe( 'the heartbeat of real callbacks', () => {
	it( 'records an unsigned Klarna-shaped push with the status the shop answered and when it came', async () => {
		const sentFrom = Date.now();
		expect( await sendPush() ).toBe( 200 );
		const sentUntil = Date.now();

		const push = callbackOf( await readTraffic( admin ), 'push' );

		expect( push.calls ).toHaveLength( 1 );
		const [ call ] = push.calls;
		expect( call?.status ).toBe( 200 );
		const at = seconds( Date.parse( call?.at ?? '' ) );
		expect( at ).toBeGreaterThanOrEqual( seconds( sentFrom ) );
		expect( at ).toBeLessThanOrEqual( seconds( sentUntil ) );
		expect( call?.durationMs ).toEqual( expect.any( Number ) );
		expect( push.callsSeen ).toBe( 1 );
		// It was a real callback: KCO's handler (the recorder) ran.
		expect( recorder.calls().map( ( c ) => c.handler ) ).toEqual( [
			'kco_wc_push',
		] );
	} );

	it( 'records the error status a callback really answered', async () => {
		// KCO's push handler failing in PHP: WooCommerce had set 200, the handler ends with 500.
		const failingHandler = muPlugin(
			'traffic-failing-push',
			"add_action( 'woocommerce_api_kco_wc_push', static function () { status_header( 500 ); }, 1 );"
		);

		const status = await withScenario( failingHandler, () => sendPush() );

		expect( status ).toBe( 500 );
		const push = callbackOf( await readTraffic( admin ), 'push' );
		expect( push.calls.map( ( c ) => c.status ) ).toEqual( [ 500 ] );
	} );

	it( 'keeps each callback apart: the checkout block’s REST route and wc-api address are their own', async () => {
		expect( await sendPush() ).toBe( 200 );
		expect( await sendBlockValidation( 'rest' ) ).toBe( 200 );
		expect( await sendBlockValidation( 'wc-api' ) ).toBe( 200 );

		const traffic = await readTraffic( admin );

		expect(
			traffic.callbacks
				.filter( ( c ) => c.calls.length > 0 )
				.map( ( c ) => `${ c.endpoint } ${ c.calls[ 0 ]?.status }` )
		).toEqual( [
			'push 200',
			'block-validate 200',
			'block-validation 200',
		] );
		// One write per callback, each within the same minute.
		expect( trafficWrites.ofCalls().map( ( w ) => w.changed ) ).toEqual( [
			[ 'push' ],
			[ 'block-validate' ],
			[ 'block-validation' ],
		] );
	} );

	it( 'does not record the doctor’s own signed probes', async () => {
		const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( {} ),
		} );
		expect( response.status ).toBe( 200 );

		const traffic = await readTraffic( admin );

		expect( traffic.callbacks.flatMap( ( c ) => c.calls ) ).toEqual( [] );
		expect( trafficWrites.ofCalls() ).toEqual( [] );
	} );

	it( 'ignores what is not Klarna calling a KCO callback: a GET, another gateway’s wc-api name', async () => {
		await fetch( `${ BASE_URL }/wc-api/KCO_WC_Push/?kco_wc_order_id=x` );
		await fetch( `${ BASE_URL }/wc-api/WC_Gateway_Paypal/`, {
			method: 'POST',
		} );
		await fetch( `${ BASE_URL }/?wc-api=kco_unknown_name`, {
			method: 'POST',
		} );

		const traffic = await readTraffic( admin );

		expect( traffic.callbacks.flatMap( ( c ) => c.calls ) ).toEqual( [] );
		expect( trafficWrites.ofCalls() ).toEqual( [] );
	} );

	it( 'writes at most once per callback when 100 pushes arrive in one second', async () => {
		const statuses = await Promise.all(
			Array.from( { length: 100 }, () => sendPush() )
		);

		expect( statuses.every( ( status ) => status === 200 ) ).toBe( true );
		expect( recorder.calls() ).toHaveLength( 100 );
		const writes = trafficWrites.ofCalls();
		expect( writes ).toHaveLength( 1 );
		expect( writes[ 0 ]?.changed ).toEqual( [ 'push' ] );
		const traffic = await readTraffic( admin );
		expect( callbackOf( traffic, 'push' ).calls ).toHaveLength( 1 );
		// No persistent object cache in the stack: the calls between writes are not counted,
		// and the report says its counts are lower bounds.
		expect( traffic.countsEveryCall ).toBe( false );
		expect( callbackOf( traffic, 'push' ).callsSeen ).toBe( 1 );
		// A ceiling for a busy machine, not a measure: the stack serves 100 requests on 2 cores.
	}, 300_000 );

	it( 'answers GET /traffic only to those who may run the doctor', async () => {
		const anonymous = await fetch(
			`${ BASE_URL }/wp-json/kco-callback-doctor/v1/traffic`
		);
		const subscriber = await (
			await logIn( USERS.subscriber )
		).rest( 'kco-callback-doctor/v1/traffic' );
		const shopManager = await (
			await logIn( USERS.shopManager )
		).rest( 'kco-callback-doctor/v1/traffic' );

		expect( anonymous.status ).toBe( 401 );
		expect( subscriber.status ).toBe( 403 );
		expect( shopManager.status ).toBe( 200 );
	} );
} );

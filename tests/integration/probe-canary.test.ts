/**
 * The canary against the real stack (docs/probe-protocol.md §12): a path that strips the probe header gets
 * nothing Klarna-shaped, and an answer from WooCommerce's dispatch is never followed by variants.
 */
import type { Observation, Run } from '../../src/api/types';
import { probeHeaderStripped } from '../e2e/support/faults';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog, recorder, wpEval } from './support/stack';

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

async function startRun( endpoints?: string[] ): Promise< Run > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( endpoints ? { endpoints } : {} ),
	} );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as Run;
}

const canaries = ( run: Run ): Observation[] =>
	run.observations.filter( ( o ) => o.variant === 'canary' );

it( 'sends one plain canary per path before anything Klarna-shaped, and each comes back with its echo', async () => {
	const run = await startRun( [ 'push', 'block-validate' ] );

	const [ wcApi, rest ] = canaries( run );
	expect( run.observations.slice( 0, 2 ) ).toEqual( [ wcApi, rest ] );
	expect( wcApi?.request ).toMatchObject( {
		method: 'POST',
		url: `${ BASE_URL }/wc-api/kco-callback-doctor-canary/`,
		bodyBytes: 0,
		headers: { Referer: `${ BASE_URL }/` },
	} );
	expect( wcApi?.request.headers[ 'User-Agent' ] ).not.toContain( 'Klarna' );
	expect( wcApi?.echo ).toMatchObject( {
		endpoint: 'wc-api-canary',
		routedAs: 'wc-api/kco-callback-doctor-canary',
		handlerRegistered: false,
	} );
	expect( rest?.request.url ).toBe(
		`${ BASE_URL }/wp-json/kco-callback-doctor/v1/canary`
	);
	expect( rest?.echo ).toMatchObject( { endpoint: 'rest-canary' } );
	expect( recorder.calls() ).toEqual( [] );
} );

describe( 'when the web server strips the probe header', () => {
	it( 'sends nothing Klarna-shaped: only the canaries travel, and KCO never runs', async () => {
		const run = await withScenario( probeHeaderStripped, () => startRun() );

		expect( run.observations.map( ( o ) => o.variant ) ).toEqual(
			expect.arrayContaining( [ 'canary' ] )
		);
		expect(
			run.observations.filter( ( o ) => o.variant !== 'canary' )
		).toEqual( [] );
		const [ wcApi ] = canaries( run ).filter(
			( o ) => o.endpoint === 'wc-api-canary'
		);
		const [ rest ] = canaries( run ).filter(
			( o ) => o.endpoint === 'rest-canary'
		);
		// WooCommerce dispatched the canary's name without the header: no handler, `-1`.
		expect( wcApi?.response ).toMatchObject( { status: 400, body: '-1' } );
		expect( wcApi?.echo ).toBeNull();
		expect( rest?.response?.status ).toBe( 404 );
		expect( rest?.response?.body ).toContain( 'rest_no_route' );
		// Not a single call, with or without the header, reached a KCO handler.
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'is a positive control: a signed Klarna-shaped request on that path does reach KCO', async () => {
		const probe = JSON.parse(
			wpEval( `$p = KcoCallbackDoctor\\Probe\\Catalogue::klarna( 'push' );
$t = KcoCallbackDoctor\\Probe\\Token::issue( 'push' );
echo wp_json_encode( array( 'url' => $p->url, 'token' => $t['token'] ) );` )
		) as { url: string; token: string };

		await withScenario( probeHeaderStripped, async () => {
			await fetch( probe.url, {
				method: 'POST',
				headers: {
					'User-Agent': 'APIs-Klarna',
					'X-KCO-Doctor-Probe': probe.token,
				},
			} );
		} );

		expect( recorder.calls() ).toEqual( [
			expect.objectContaining( {
				handler: 'kco_wc_push',
				probeHeader: false,
			} ),
		] );
	} );
} );

it( 'sends no variant after an answer that came from WooCommerce’s dispatch', async () => {
	// A rule that removes the header on KCO's own push path only: the canary arrives, the
	// Klarna-shaped push reaches WooCommerce without it and gets WooCommerce's answer.
	const pushOnly = muPlugin(
		'strip-probe-header-on-push',
		`if ( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/KCO_WC_Push/' ) ) {
	unset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] );
}`
	);
	const run = await withScenario( pushOnly, () => startRun( [ 'push' ] ) );

	expect( canaries( run )[ 0 ]?.echo ).not.toBeNull();
	const klarna = run.observations.filter(
		( o ) => o.variant === 'klarna' || o.variant === 'klarna-session'
	);
	expect( klarna.map( ( o ) => o.response?.body.trim() ) ).toEqual( [
		'-1',
		'-1',
	] );
	expect( run.observations.filter( ( o ) => o.basedOn !== null ) ).toEqual(
		[]
	);
	// Exactly the two Klarna-shaped requests, nothing after them.
	expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
		'kco_wc_push',
		'kco_wc_push',
	] );
} );

it( 'never sends a probe again, however slow, after WooCommerce’s dispatch answered it without the echo', async () => {
	// The canary arrives, but on KCO's validation path the header is removed and the dispatch
	// answers later than Klarna's 3 s validation deadline: a KCO handler may have run, so the
	// slow answer must not be retried alone.
	const slowValidation = muPlugin(
		'strip-probe-header-on-validation-slowly',
		`if ( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/KCO_WC_Validation/' ) ) {
	unset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] );
	usleep( 3300000 );
}`
	);
	// The push travels with it, so the validation is measured among others (not alone).
	const run = await withScenario( slowValidation, () =>
		startRun( [ 'validation', 'push' ] )
	);

	expect( canaries( run )[ 0 ]?.echo ).not.toBeNull();
	const validation = run.observations.filter(
		( o ) => o.endpoint === 'validation'
	);
	// One Klarna-shaped validation, answered by the dispatch after the deadline, never re-sent.
	expect( validation ).toHaveLength( 1 );
	expect( validation[ 0 ] ).toMatchObject( {
		variant: 'klarna',
		echo: null,
		timing: { measuredAlone: false },
	} );
	expect( validation[ 0 ]?.response?.body.trim() ).toBe( '-1' );
	expect( validation[ 0 ]?.timing.totalMs ).toBeGreaterThan( 3000 );
	expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
		'kco_wc_validation',
	] );
} );

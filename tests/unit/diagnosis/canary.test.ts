/**
 * The canary (docs/probe-protocol.md §12): where its echo did not come back the run sent nothing
 * Klarna-shaped, and the card explains the canary's answer instead.
 */
import type {
	CanaryId,
	Observation,
	ProbeResponse,
	Run,
} from '../../../src/api/types';
import {
	canaryOf,
	canaryOutcome,
	type CanaryOutcome,
} from '../../../src/diagnosis/canary-outcome';
import { mergeRerun } from '../../../src/state/runs';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	basicAuthRequired,
	restForLoggedInOnly,
	restNoRoute,
	wooCommerceNoHandler,
} from './fixtures/responses';
import {
	EMPTY_SHA256,
	HOME,
	makeDescriptor,
	makeObservation,
	makeRun,
} from './fixtures/run';

const BROWSER =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const CANARY_URLS: Record< CanaryId, string > = {
	'wc-api-canary': `${ HOME }/wc-api/kco-callback-doctor-canary/`,
	'rest-canary': `${ HOME }/wp-json/kco-callback-doctor/v1/canary`,
	'site-wc-api-canary': `${ HOME }/wp/wc-api/kco-callback-doctor-canary/`,
};

interface CanaryOptions {
	id?: CanaryId;
	/** The answer when the echo did not come back; omit for an echo. */
	response?: ProbeResponse;
	error?: Observation[ 'error' ];
	measuredAlone?: boolean;
}

/**
 * A canary's observation as includes/Probe/Runner.php records it.
 * @param options What came back.
 */
function canary( options: CanaryOptions = {} ): Observation {
	const id = options.id ?? 'wc-api-canary';
	const request = {
		method: 'POST' as const,
		url: CANARY_URLS[ id ],
		headers: {
			'User-Agent': BROWSER,
			Referer: `${ HOME }/`,
			'Content-Length': '0',
		},
		bodyBytes: 0,
		bodySha256: EMPTY_SHA256,
	};
	const echoed = ! options.response && ! options.error;
	return {
		endpoint: id,
		variant: 'canary',
		basedOn: null,
		request,
		error: options.error ?? null,
		response: echoed
			? {
					status: 200,
					reason: 'OK',
					headers: { 'content-type': 'application/json' },
					body: '{"echo":{}}',
					bodyTruncated: false,
				}
			: ( options.response ?? null ),
		redirects: [],
		timing: {
			totalMs: 31,
			connectMs: 1,
			tlsMs: null,
			measuredAlone: options.measuredAlone ?? false,
		},
		echo: echoed
			? {
					protocol: 1,
					probeId: 'c0ffee00-1234-4abc-9def-00112233aaaa',
					endpoint: id,
					routedAs: 'wc-api/kco-callback-doctor-canary',
					method: 'POST',
					bodyBytes: 0,
					bodySha256: EMPTY_SHA256,
					queryKeys: [],
					handlerRegistered: false,
					clientAddressClass: 'loopback',
					proxyHeaders: [],
				}
			: null,
	};
}

/**
 * A run of the push (wc-api path) and the checkout block validation (REST path) with these
 * observations, the descriptors naming their canaries.
 * @param observations What the run recorded.
 */
function guardedRun( observations: Observation[] ): Run {
	return makeRun( {
		endpointIds: [ 'push', 'block-validate' ],
		endpoints: [
			makeDescriptor( 'push', { canary: 'wc-api-canary' } ),
			makeDescriptor( 'block-validate', {
				canary: 'rest-canary',
				usedByInstalledKco: true,
			} ),
		],
		observations,
	} );
}

describe( 'what a canary’s answer says about its path', () => {
	it.each< [ string, Observation, CanaryOutcome ] >( [
		[ 'the signed echo came back', canary(), 'arrived' ],
		[
			'WooCommerce dispatched it and answered -1',
			canary( { response: wooCommerceNoHandler } ),
			'header-stripped',
		],
		[
			'the REST API found no route for it',
			canary( { id: 'rest-canary', response: restNoRoute } ),
			'header-stripped',
		],
		[
			'the REST API refused anonymous requests',
			canary( { id: 'rest-canary', response: restForLoggedInOnly } ),
			'stopped',
		],
		[
			'a password prompt answered',
			canary( { response: basicAuthRequired } ),
			'stopped',
		],
		[
			'no answer came back',
			canary( {
				error: { code: 'connect', message: 'Connection refused' },
			} ),
			'stopped',
		],
	] )( '%s', ( _name, observation, outcome ) => {
		expect( canaryOutcome( observation ) ).toBe( outcome );
	} );

	it( 'finds the canary an endpoint names, the re-try sent alone first', () => {
		const crowded = canary( {
			error: { code: 'timeout', message: 'timed out' },
		} );
		const alone = canary( { measuredAlone: true } );
		const observations = [
			crowded,
			canary( { id: 'rest-canary' } ),
			alone,
		];

		expect(
			canaryOf(
				observations,
				makeDescriptor( 'push', { canary: 'wc-api-canary' } )
			)
		).toBe( alone );
		expect( canaryOf( observations, makeDescriptor( 'push' ) ) ).toBe(
			undefined
		);
	} );
} );

describe( 'an endpoint whose path strips the probe header', () => {
	const run = guardedRun( [
		canary( { response: wooCommerceNoHandler } ),
		canary( { id: 'rest-canary', response: restNoRoute } ),
	] );

	it( 'is not judged, and says the path removes the header and what that means', () => {
		const finding = endpointFindingOf( run, 'push' );

		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toMatch( /removes the doctor’s probe header/ );
		expect( finding.summary ).toMatch( /X-KCO-Doctor-Probe/ );
		expect( finding.summary ).toMatch( /none was sent/ );
		expect( evidenceText( finding ) ).toMatch( /do not need this header/ );
		expect( evidenceText( finding ) ).toMatch(
			/Only a first, harmless test request/
		);
	} );

	it( 'offers no external test: its Klarna-shaped request would reach KCO through this path', () => {
		const finding = endpointFindingOf( run, 'push' );

		expect( finding.externalTest ).not.toBe( true );
		expect( remediationText( finding ) ).not.toMatch( /Copy as curl/ );
	} );

	it( 'tells the owner to let the header through at the proxy or firewall, and how to confirm it', () => {
		const text = remediationText( endpointFindingOf( run, 'push' ) );

		expect( text ).toMatch(
			/Let the X-KCO-Doctor-Probe request header through/
		);
		expect( text ).toMatch( /proxy, CDN or firewall/ );
		expect( text ).toMatch(
			/run the checks again.*proves the header now arrives/
		);
	} );

	it( 'shows the canary’s answer as the evidence', () => {
		expect( evidenceText( endpointFindingOf( run, 'push' ) ) ).toMatch(
			/kco-callback-doctor-canary/
		);
	} );

	it( 'says the same for the checkout block’s REST path', () => {
		const finding = endpointFindingOf( run, 'block-validate' );

		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toMatch( /probe header/ );
	} );
} );

describe( 'an endpoint whose canary was stopped in front of WordPress', () => {
	it( 'fails with what stopped it: a password prompt stops Klarna too', () => {
		const finding = endpointFindingOf(
			guardedRun( [
				canary( { response: basicAuthRequired } ),
				canary( { id: 'rest-canary' } ),
				makeObservation( {
					endpoint: 'block-validate',
					variant: 'klarna',
				} ),
			] ),
			'push'
		);

		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toMatch( /password/ );
		expect( evidenceText( finding ) ).toMatch( /401/ );
		expect( evidenceText( finding ) ).toMatch(
			/Only a first, harmless test request/
		);
	} );

	it( 'names the REST restriction, not a stripped header, when the REST API refuses guests', () => {
		const finding = endpointFindingOf(
			guardedRun( [
				canary(),
				makeObservation( { endpoint: 'push', variant: 'klarna' } ),
				makeObservation( {
					endpoint: 'push',
					variant: 'klarna-session',
				} ),
				canary( { id: 'rest-canary', response: restForLoggedInOnly } ),
			] ),
			'block-validate'
		);

		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toMatch( /REST API restrictions/ );
	} );

	it( 'reports a refused connection like any probe would', () => {
		const finding = endpointFindingOf(
			guardedRun( [
				canary( {
					error: {
						code: 'connect',
						message: 'Failed to connect: Connection refused',
					},
					measuredAlone: true,
				} ),
				canary( { id: 'rest-canary' } ),
			] ),
			'push'
		);

		expect( finding.status ).not.toBe( 'pass' );
		expect( `${ finding.summary } ${ evidenceText( finding ) }` ).toMatch(
			/refused/i
		);
	} );
} );

describe( 'an endpoint whose canary came back', () => {
	it( 'is judged by its Klarna-shaped probes as before', () => {
		const finding = endpointFindingOf(
			guardedRun( [
				canary(),
				makeObservation( { endpoint: 'push', variant: 'klarna' } ),
				makeObservation( {
					endpoint: 'push',
					variant: 'klarna-session',
				} ),
			] ),
			'push'
		);

		expect( finding.status ).toBe( 'pass' );
	} );

	it( 'is inconclusive, not a pass, when no Klarna-shaped probe came back', () => {
		const finding = endpointFindingOf( guardedRun( [ canary() ] ), 'push' );

		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'inconclusive' );
	} );
} );

it( 'keeps a run stored before canaries readable: no canary, no Klarna probe, inconclusive', () => {
	const finding = endpointFindingOf( makeRun( { observations: [] } ) );

	expect( finding.status ).toBe( 'warn' );
	expect( finding.cause ).toBe( 'inconclusive' );
} );

it( 'replaces the canaries of a path when one endpoint is run again', () => {
	const shown = guardedRun( [
		canary( { response: wooCommerceNoHandler } ),
		canary( { id: 'rest-canary' } ),
	] );
	const rerun = guardedRun( [
		canary(),
		makeObservation( { endpoint: 'push', variant: 'klarna' } ),
	] );
	rerun.endpointIds = [ 'push' ];
	rerun.endpoints = [ makeDescriptor( 'push', { canary: 'wc-api-canary' } ) ];

	const merged = mergeRerun( shown, rerun );

	const wcApi = merged.observations.filter(
		( item ) => item.endpoint === 'wc-api-canary'
	);
	expect( wcApi ).toHaveLength( 1 );
	expect( wcApi[ 0 ]?.echo ).not.toBeNull();
	expect(
		merged.observations.filter(
			( item ) => item.endpoint === 'rest-canary'
		)
	).toHaveLength( 1 );
	expect( endpointFindingOf( merged, 'push' ).status ).not.toBe( 'warn' );
} );

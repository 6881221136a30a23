/**
 * Time on the path (DESIGN.md §3.13): a callback that passes at once can still be cut off on the
 * way back when its answer takes longer; the held answer shows the proxy that does it.
 */
import type { EndpointId, Observation } from '../../../src/api/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	apacheNotFound,
	cloudflareTimeout,
	nginxGatewayTimeout,
} from './fixtures/responses';
import { makeObservation, makeRun } from './fixtures/run';

/**
 * A validation run whose Klarna-shaped probe passed, plus the held answer's outcome.
 * @param held What became of the held answer; omitted for a quick run.
 */
function validationRun(
	held?: Partial< Parameters< typeof makeObservation >[ 0 ] >
) {
	const observations: Observation[] = [
		makeObservation( { endpoint: 'validation', variant: 'klarna' } ),
	];
	if ( held ) {
		observations.push(
			makeObservation( {
				endpoint: 'validation',
				variant: 'held-answer',
				...held,
			} )
		);
	}
	return makeRun( { endpointIds: [ 'validation' ], observations } );
}

const validation = (
	held?: Partial< Parameters< typeof makeObservation >[ 0 ] >
) => endpointFindingOf( validationRun( held ), 'validation' as EndpointId );

describe( 'the held answer', () => {
	it( 'names nginx’s timeout when the answer held until just under Klarna’s deadline comes back as its 504', () => {
		const finding = validation( {
			response: nginxGatewayTimeout,
			totalMs: 3010,
		} );

		expect( finding.status ).toBe( 'warn' );
		// Klarna's answer would be cut: the verdict everywhere (history, CLI, alerts) is slow.
		expect( finding.state ).toBe( 'slow' );
		expect( finding.cause ).toBe( 'a proxy timeout (nginx)' );
		expect( finding.summary ).toMatch(
			/reaches WooCommerce, but a slower answer does not come back: nginx gave up after/
		);
		expect( finding.summary ).toMatch( /strict validation/ );
		expect( evidenceText( finding ) ).toMatch( /504 Gateway Time-out/ );
		expect( remediationText( finding ) ).toMatch( /proxy_read_timeout/ );
	} );

	it( 'names Cloudflare from its 524', () => {
		// Through Cloudflare, the echo of the answer given at once shows its headers too.
		const run = validationRun( { response: cloudflareTimeout } );
		run.observations[ 0 ] = makeObservation( {
			endpoint: 'validation',
			echo: { proxyHeaders: [ 'CF-Connecting-IP', 'CF-Ray' ] },
		} );
		const finding = endpointFindingOf( run, 'validation' );

		expect( finding.cause ).toBe( 'a proxy timeout (Cloudflare)' );
	} );

	it( 'calls a connection closed without an answer a proxy timeout of an unnamed proxy', () => {
		const finding = validation( {
			error: { code: 'other', message: 'Empty reply from server' },
		} );

		expect( finding.status ).toBe( 'warn' );
		expect( finding.state ).toBe( 'slow' );
		expect( finding.cause ).toBe( 'a proxy timeout' );
		expect( finding.summary ).toMatch( /a proxy in front of the site/ );
	} );

	it( 'passes when the held answer came back as its echo', () => {
		const finding = validation( { echo: { heldMs: 2500 } } );

		expect( finding.status ).toBe( 'pass' );
		expect( finding.state ).toBe( 'passed' );
	} );

	it( 'passes a quick run, which sends no held answer', () => {
		expect( validation().status ).toBe( 'pass' );
	} );

	it( 'claims nothing when the held answer timed out on our own clock', () => {
		const finding = validation( {
			error: { code: 'timeout', message: 'timed out' },
		} );

		expect( finding.status ).toBe( 'pass' );
		expect( finding.state ).toBe( 'passed' );
	} );

	it( 'claims nothing from a held answer that got a client error, which no timeout sends', () => {
		expect( validation( { response: apacheNotFound } ).status ).toBe(
			'pass'
		);
	} );
} );

describe( 'a Klarna-shaped probe cut by a proxy', () => {
	it( 'fails with the proxy’s timeout when it was measured alone', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: [
					makeObservation( {
						response: nginxGatewayTimeout,
						measuredAlone: true,
					} ),
				],
			} )
		);

		expect( finding.status ).toBe( 'fail' );
		expect( finding.state ).toBe( 'blocked' );
		expect( finding.cause ).toBe( 'a proxy timeout (nginx)' );
		expect( finding.summary ).toMatch( /even with no other check running/ );
	} );

	it( 'is inconclusive when the proxy gave up only while other checks ran', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: [
					makeObservation( { response: nginxGatewayTimeout } ),
				],
			} )
		);

		expect( finding.status ).toBe( 'warn' );
		expect( finding.state ).toBe( 'inconclusive' );
		expect( finding.cause ).toBe( 'inconclusive' );
		expect( finding.externalTest ).toBe( true );
	} );
} );

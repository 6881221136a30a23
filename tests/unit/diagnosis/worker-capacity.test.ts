/**
 * "No free worker for my own request" (DESIGN.md §3.8): when the run holds the only worker, no
 * probe is answered, and the doctor must say it could not judge, never that the site is silent.
 */
import type {
	EndpointId,
	Observation,
	TransportError,
} from '../../../src/api/types';
import { endpointFindingOf, remediationText } from './fixtures/find';
import { wooCommerceNoHandler } from './fixtures/responses';
import { makeObservation, makeRun } from './fixtures/run';

const TIMEOUT: TransportError = {
	code: 'timeout',
	message:
		'Operation timed out after 10001 milliseconds with 0 bytes received',
};

/**
 * A run of push and validation whose Klarna-shaped probes timed out, with the two questions to
 * the server asked once (attached to the push, as the runner does).
 * @param staticFile Whether the static file got an answer.
 * @param phpPage    Whether the bare PHP page got an answer.
 * @param alone      Whether the Klarna-shaped probes were re-tried alone.
 */
function starvedRun( staticFile: boolean, phpPage: boolean, alone = false ) {
	const question = (
		variant: 'static-file' | 'php-page',
		answered: boolean
	): Observation =>
		makeObservation( {
			variant,
			request: { method: 'GET', bodyBytes: 0 },
			...( answered
				? { response: wooCommerceNoHandler }
				: { error: TIMEOUT } ),
		} );
	return makeRun( {
		endpointIds: [ 'push', 'validation' ],
		observations: [
			makeObservation( { error: TIMEOUT, totalMs: 10001 } ),
			makeObservation( {
				endpoint: 'validation',
				error: TIMEOUT,
				totalMs: 10001,
			} ),
			question( 'static-file', staticFile ),
			question( 'php-page', phpPage ),
			...( alone
				? [
						makeObservation( {
							error: TIMEOUT,
							totalMs: 10001,
							measuredAlone: true,
						} ),
					]
				: [] ),
		],
	} );
}

describe( 'a probe that got no answer in time', () => {
	it.each< [ string, EndpointId ] >( [
		[ 'the callback the questions were asked for', 'push' ],
		[ 'every other callback of the run', 'validation' ],
	] )(
		'is inconclusive, with the external test, when not even a static file was answered (%s)',
		( _name, endpoint ) => {
			const finding = endpointFindingOf(
				starvedRun( false, false ),
				endpoint
			);

			expect( finding.status ).toBe( 'warn' );
			expect( finding.state ).toBe( 'inconclusive' );
			expect( finding.cause ).toMatch( /no free worker.*inconclusive/ );
			expect( finding.summary ).toMatch(
				/no other request at all, not even a static file/
			);
			expect( finding.summary ).not.toMatch( /did not answer/ );
			expect( finding.externalTest ).toBe( true );
			expect( remediationText( finding ) ).toMatch( /MaxRequestWorkers/ );
		}
	);

	it( 'is inconclusive when a static file was answered but no PHP request', () => {
		const finding = endpointFindingOf( starvedRun( true, false ) );

		expect( finding.status ).toBe( 'warn' );
		expect( finding.summary ).toMatch(
			/answered a static file but no PHP request/
		);
	} );

	it( 'is inconclusive even after a re-try alone timed out, while the run held the only worker', () => {
		const finding = endpointFindingOf( starvedRun( false, false, true ) );

		expect( finding.status ).toBe( 'warn' );
		// Never `unreachable`: no worker was free for the check's own request (DESIGN.md §3.13).
		expect( finding.state ).toBe( 'inconclusive' );
		expect( finding.cause ).toMatch( /no free worker/ );
	} );

	it( 'is the site’s own silence when the server answered both plain requests and the probe timed out alone', () => {
		const finding = endpointFindingOf( starvedRun( true, true, true ) );

		expect( finding.status ).toBe( 'fail' );
		expect( finding.state ).toBe( 'unreachable' );
		expect( finding.cause ).toBe( 'no answer in time' );
	} );

	it( 'draws nothing from a PHP page that the run’s own deadline cut short', () => {
		const run = starvedRun( false, false );
		run.observations = run.observations.map( ( observation ) =>
			observation.variant === 'php-page'
				? {
						...observation,
						error: {
							code: 'deadline',
							message: 'The run reached its time limit.',
						},
					}
				: observation
		);

		const finding = endpointFindingOf( run );

		expect( finding.cause ).toBe( 'inconclusive' );
		expect( finding.summary ).toMatch( /was not repeated alone/ );
	} );

	it( 'lists the two plain requests among the requests tried, as answered or not', () => {
		const finding = endpointFindingOf( starvedRun( true, false ) );

		expect(
			finding.variants?.map( ( item ) => [ item.variant, item.passed ] )
		).toEqual( [
			[ 'klarna', false ],
			[ 'static-file', true ],
			[ 'php-page', false ],
		] );
	} );
} );

/**
 * The verdict fixtures (tests/fixtures/verdicts/*.json): runs captured from the real stack with
 * the proof suite's faults switched on. The same files pin the PHP twin
 * (tests/php/VerdictFixturesTest.php), so the page, the history, WP-CLI and the alerts agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EndpointId, Run } from '../../../src/api/types';
import { diagnose } from '../../../src/diagnosis';
import {
	FAILING_STATES,
	runVerdict,
	type EndpointState,
	type RunStatus,
} from '../../../src/diagnosis/verdict';

interface VerdictFixture {
	description: string;
	run: Run;
	expected: Partial< Record< EndpointId, EndpointState > >;
	overall: RunStatus;
}

const DIRECTORY = join( __dirname, '..', '..', 'fixtures', 'verdicts' );

const fixtures: Array< [ string, VerdictFixture ] > = readdirSync( DIRECTORY )
	.filter( ( file ) => file.endsWith( '.json' ) )
	.sort()
	.map( ( file ) => [
		file.replace( /\.json$/, '' ),
		JSON.parse(
			readFileSync( join( DIRECTORY, file ), 'utf8' )
		) as VerdictFixture,
	] );

describe( 'the verdict fixtures', () => {
	it( 'cover every observation kind the proof suite produces', () => {
		const states = new Set(
			fixtures.flatMap( ( [ , fixture ] ) =>
				Object.values( fixture.expected )
			)
		);
		expect( [ ...states ].sort() ).toEqual(
			[
				'blocked',
				'inconclusive',
				'passed',
				'redirected',
				'slow',
				'unreachable',
			].sort()
		);
		expect(
			new Set( fixtures.map( ( [ , fixture ] ) => fixture.overall ) )
		).toEqual( new Set( [ 'ok', 'warning', 'critical', 'unknown' ] ) );
	} );

	describe.each( fixtures )( '%s', ( _name, fixture ) => {
		it( 'gives each endpoint the expected state', () => {
			const verdict = runVerdict( fixture.run );
			expect(
				Object.fromEntries(
					verdict.endpoints.map( ( item ) => [ item.id, item.state ] )
				)
			).toEqual( fixture.expected );
			expect( verdict.overall ).toBe( fixture.overall );
		} );

		it( 'shows cards that agree with the verdict', () => {
			const verdict = runVerdict( fixture.run );
			const findings = diagnose( fixture.run ).findings;
			for ( const endpoint of verdict.endpoints ) {
				const card = findings.find(
					( finding ) => finding.endpoint === endpoint.id
				);
				expect( card?.state ).toBe( endpoint.state );
				// A pass card exactly when the verdict is passed.
				expect( card?.status === 'pass' ).toBe(
					endpoint.state === 'passed'
				);
				if (
					endpoint.used &&
					FAILING_STATES.includes( endpoint.state )
				) {
					expect( card?.status ).toBe( 'fail' );
				}
				if (
					endpoint.used &&
					( endpoint.state === 'slow' ||
						endpoint.state === 'inconclusive' )
				) {
					expect( card?.status ).toBe( 'warn' );
				}
			}
		} );
	} );
} );

/**
 * Merging a one-endpoint re-run into the run on screen, and the order of findings on the page.
 */
import {
	latestView,
	mergeRerun,
	sectionFindings,
} from '../../../src/state/runs';
import { aFinding, aRun, aRunSummary, anEnvironment } from './fixtures';

describe( 'mergeRerun', () => {
	const shown = aRun();
	const [ pushObservation ] = shown.observations;
	if ( ! pushObservation ) {
		throw new Error( 'fixture has no observation' );
	}
	const rerun = aRun( {
		id: 'run-2',
		startedAt: '2026-03-12T15:00:00Z',
		endpointIds: [ 'push' ],
		endpoints: shown.endpoints.filter(
			( endpoint ) => endpoint.id === 'push'
		),
		environment: anEnvironment( { wordpressVersion: '7.1.0' } ),
		observations: [
			{
				...pushObservation,
				timing: { ...pushObservation.timing, totalMs: 99 },
			},
		],
	} );

	it( "replaces only the re-run endpoint's observations", () => {
		const merged = mergeRerun(
			{
				...shown,
				observations: [
					...shown.observations,
					{ ...pushObservation, endpoint: 'notification' },
				],
			},
			rerun
		);

		expect(
			merged.observations.map( ( item ) => [
				item.endpoint,
				item.timing.totalMs,
			] )
		).toEqual( [
			[ 'notification', 120 ],
			[ 'push', 99 ],
		] );
	} );

	it( 'keeps the id and time of the run on screen, and takes the newer environment', () => {
		const merged = mergeRerun( shown, rerun );

		expect( merged.id ).toBe( 'run-1' );
		expect( merged.startedAt ).toBe( shown.startedAt );
		expect( merged.environment.wordpressVersion ).toBe( '7.1.0' );
		expect( merged.endpointIds ).toEqual( [ 'push', 'notification' ] );
		expect( merged.endpoints.map( ( endpoint ) => endpoint.id ) ).toEqual( [
			'push',
			'notification',
		] );
	} );

	it( 'says it was trimmed when either part was', () => {
		expect( mergeRerun( shown, rerun ).trimmed ).toBe( false );
		expect( mergeRerun( { ...shown, trimmed: true }, rerun ).trimmed ).toBe(
			true
		);
		expect( mergeRerun( shown, { ...rerun, trimmed: true } ).trimmed ).toBe(
			true
		);
	} );
} );

describe( 'sectionFindings', () => {
	it( 'puts requirements before endpoints, problems before passes, failures before warnings', () => {
		const sections = sectionFindings( [
			aFinding( { id: 'a', status: 'info' } ),
			aFinding( { id: 'b', status: 'pass' } ),
			aFinding( { id: 'c', status: 'fail' } ),
			aFinding( { id: 'd', status: 'warn' } ),
			aFinding( { id: 'e', status: 'fail' } ),
			aFinding( { id: 'r', group: 'requirement', status: 'pass' } ),
		] );

		expect(
			sections.map( ( section ) => [
				section.group,
				section.open.map( ( finding ) => finding.id ),
				section.passed.map( ( finding ) => finding.id ),
			] )
		).toEqual( [
			[ 'requirement', [], [ 'r' ] ],
			[ 'endpoint', [ 'c', 'e', 'd', 'a' ], [ 'b' ] ],
		] );
	} );
} );

describe( 'latestView', () => {
	it( 'takes the newest full run and the one-endpoint re-runs made after it, oldest first', () => {
		const view = latestView( [
			aRunSummary( { id: 'rerun-b', endpointIds: [ 'validation' ] } ),
			aRunSummary( { id: 'rerun-a', endpointIds: [ 'push' ] } ),
			aRunSummary( {
				id: 'full-2',
				endpointIds: [ 'push', 'validation' ],
			} ),
			aRunSummary( { id: 'rerun-0', endpointIds: [ 'push' ] } ),
			aRunSummary( {
				id: 'full-1',
				endpointIds: [ 'push', 'validation' ],
			} ),
		] );

		expect( view ).toEqual( {
			base: 'full-2',
			reruns: [ 'rerun-a', 'rerun-b' ],
		} );
	} );

	it( 'has nothing to show without history', () => {
		expect( latestView( [] ) ).toBeNull();
	} );
} );

/**
 * One cause, one card: callbacks that fail for the same blocker and trigger share one card with
 * one set of steps; anything that differs keeps a card of its own.
 */
import { diagnose } from '../../../src/diagnosis';
import { groupByCause } from '../../../src/diagnosis/group-by-cause';
import type { Finding } from '../../../src/diagnosis/types';
import type { EndpointId } from '../../../src/api/types';
import { modSecurityNotAcceptable, wordfenceBlock } from './fixtures/responses';
import { makeObservation, makeRun } from './fixtures/run';

const ALL: EndpointId[] = [
	'push',
	'notification',
	'validation',
	'shipping-option-update',
	'block-validate',
	'block-validation',
];

/**
 * A run where every callback's Klarna-shaped probes got this answer, and a browser's
 * User-Agent got through: a rule against Klarna's User-Agent, as a host WAF has it.
 * @param endpoints The callbacks probed.
 */
function blockedByUserAgentRule( endpoints: EndpointId[] = ALL ) {
	return makeRun( {
		endpointIds: endpoints,
		observations: endpoints.flatMap( ( endpoint ) => [
			makeObservation( {
				endpoint,
				response: modSecurityNotAcceptable,
			} ),
			makeObservation( {
				endpoint,
				variant: 'browser-user-agent',
			} ),
		] ),
	} );
}

function endpointFindings( findings: Finding[] ): Finding[] {
	return findings.filter( ( finding ) => finding.group === 'endpoint' );
}

describe( 'groupByCause', () => {
	it( 'shows a fully blocked site as one card for the cause, listing every callback', () => {
		const findings = endpointFindings(
			diagnose( blockedByUserAgentRule() ).findings
		);

		const items = groupByCause( findings );

		expect( items ).toHaveLength( 1 );
		const [ item ] = items;
		if ( item?.kind !== 'cause' ) {
			throw new Error( 'expected one cause card' );
		}
		expect( item.group.findings.map( ( finding ) => finding.id ) ).toEqual(
			ALL.map( ( endpoint ) => `endpoint:${ endpoint }` )
		);
		expect( item.group.id ).toBe( 'cause:endpoint:push' );
		expect( item.group.status ).toBe( 'fail' );
		expect( item.group.summary ).toMatch( /User-Agent is APIs-Klarna/ );
		// One set of steps: the URL list appears once, not once per callback.
		const copies = item.group.remediation.flatMap(
			( step ) => step.copy ?? []
		);
		expect( new Set( copies ).size ).toBe( copies.length );
	} );

	it( 'keeps a callback with another cause on its own card, in its place', () => {
		const run = blockedByUserAgentRule( [
			'push',
			'notification',
			'validation',
		] );
		run.observations = run.observations.filter(
			( observation ) => observation.endpoint !== 'notification'
		);
		run.observations.push(
			makeObservation( {
				endpoint: 'notification',
				response: wordfenceBlock,
			} )
		);
		const findings = endpointFindings( diagnose( run ).findings );

		const items = groupByCause( findings );

		expect(
			items.map( ( item ) =>
				item.kind === 'cause'
					? item.group.findings.map( ( finding ) => finding.id )
					: item.finding.id
			)
		).toEqual( [
			[ 'endpoint:push', 'endpoint:validation' ],
			'endpoint:notification',
		] );
	} );

	it( 'never groups passes, notes or requirements', () => {
		const findings = diagnose(
			makeRun( {
				endpointIds: [ 'push', 'notification' ],
				observations: [
					makeObservation( { endpoint: 'push' } ),
					makeObservation( { endpoint: 'notification' } ),
				],
			} )
		).findings;

		const items = groupByCause( findings );

		expect( items.every( ( item ) => item.kind === 'finding' ) ).toBe(
			true
		);
		expect( items ).toHaveLength( findings.length );
	} );

	it( 'keeps callbacks apart whose steps differ, even with the same cause', () => {
		const base: Finding = {
			id: 'endpoint:push',
			group: 'endpoint',
			endpoint: 'push',
			status: 'fail',
			title: 'Push callback',
			summary: 'Blocked.',
			cause: 'Cloudflare',
			evidence: [],
			remediation: [ { text: 'Allow the push.' } ],
		};
		const other: Finding = {
			...base,
			id: 'endpoint:notification',
			endpoint: 'notification',
			remediation: [ { text: 'Allow the notification.' } ],
		};

		expect(
			groupByCause( [ base, other ] ).map( ( item ) => item.kind )
		).toEqual( [ 'finding', 'finding' ] );
	} );

	it( 'recommends the external test for the group when any callback needs it', () => {
		const base: Finding = {
			id: 'endpoint:push',
			group: 'endpoint',
			endpoint: 'push',
			status: 'warn',
			title: 'Push callback',
			summary: 'Could not be judged.',
			cause: 'inconclusive',
			evidence: [],
			remediation: [],
		};
		const [ item ] = groupByCause( [
			base,
			{
				...base,
				id: 'endpoint:validation',
				endpoint: 'validation',
				externalTest: true,
			},
		] );

		expect( item?.kind === 'cause' && item.group.externalTest ).toBe(
			true
		);
	} );
} );

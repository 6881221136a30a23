/**
 * The engine with the real fingerprint table (the other tests use a stand-in): whatever the table
 * recognises in a realistic answer is what the finding names, with the product's own fix, and an
 * answer it does not recognise is still never a pass.
 */
import type { ProbeResponse } from '../../../src/api/types';
import { identifyBlocker } from '../../../src/diagnosis/fingerprints';
import { buildRemediationContext } from '../../../src/diagnosis/remediation';
import { endpointFindingOf } from './fixtures/find';
import {
	anonymousForbidden,
	anonymousTooManyRequests,
	cloudflare1020,
	modSecurityNotAcceptable,
	scriptedBlockPage,
	wordfenceBlock,
} from './fixtures/responses';
import {
	blockedPush,
	makeDescriptor,
	makeEnvironment,
	makeRun,
} from './fixtures/run';

const blockPages: Array< [ string, ProbeResponse ] > = [
	[ 'Wordfence’s block page', wordfenceBlock ],
	[ 'Cloudflare’s 1020 page', cloudflare1020 ],
	[ 'ModSecurity’s 406 page', modSecurityNotAcceptable ],
	[ 'an anonymous 403', anonymousForbidden ],
	[ 'an anonymous 429', anonymousTooManyRequests ],
	[ 'a page with a script', scriptedBlockPage ],
];

describe( 'the engine with the real fingerprint table', () => {
	it.each( blockPages )(
		'names what the table recognises in %s',
		( _name, response ) => {
			const finding = endpointFindingOf(
				makeRun( { observations: blockedPush( response ) } )
			);
			const fingerprint = identifyBlocker( response );
			expect( finding.status ).toBe( 'fail' );
			if ( fingerprint === null ) {
				expect( finding.cause ).toBe(
					'Something that did not identify itself'
				);
				return;
			}
			expect( finding.cause ).toBe( fingerprint.product );
			const context = buildRemediationContext( makeEnvironment(), [
				makeDescriptor( 'push' ),
			] );
			const productSteps = fingerprint
				.remediation( context )
				.map( ( step ) => step.text );
			expect( finding.remediation.map( ( step ) => step.text ) ).toEqual(
				expect.arrayContaining( productSteps )
			);
		}
	);
} );

describe( 'how a blocker was recognised', () => {
	it( 'shows the marker of Wordfence’s block page as evidence', () => {
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( wordfenceBlock ) } )
		);

		const identified = finding.evidence.find(
			( item ) => item.label === 'Identified by'
		);
		expect( identified?.value ).toMatch(
			/^Wordfence, recognised from “.+”$/
		);
	} );

	it( 'adds no identification line for a block that names nobody', () => {
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( anonymousForbidden ) } )
		);

		expect(
			finding.evidence.some( ( item ) => item.label === 'Identified by' )
		).toBe( false );
	} );
} );

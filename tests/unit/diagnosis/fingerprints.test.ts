import type { BlockerKind } from '../../../src/diagnosis/fingerprints';
import {
	fingerprints,
	identifyBlocker,
	matchingSignature,
} from '../../../src/diagnosis/fingerprints';
import {
	blockerPages,
	notBlockerPages,
	remediationContext,
	unidentifiedPages,
} from './fixtures/blockers';

function fingerprintById( id: string ) {
	const found = fingerprints.find( ( candidate ) => candidate.id === id );
	if ( ! found ) {
		throw new Error( `No fingerprint with id ${ id }` );
	}
	return found;
}

function positionOf( id: string ): number {
	return fingerprints.findIndex( ( candidate ) => candidate.id === id );
}

const overlappingPages = blockerPages.flatMap( ( page ) =>
	( page.alsoMatches ?? [] ).map( ( other ) => ( { ...page, other } ) )
);

describe( 'blocker fingerprints', () => {
	describe( 'the table', () => {
		it( 'gives every fingerprint a unique id', () => {
			const ids = fingerprints.map( ( fingerprint ) => fingerprint.id );
			expect( new Set( ids ).size ).toBe( ids.length );
		} );

		it( 'has a block page and a look-alike fixture for every fingerprint', () => {
			const withPage = new Set(
				blockerPages.map( ( page ) => page.expected )
			);
			const withLookAlike = new Set(
				notBlockerPages.map( ( page ) => page.notId )
			);
			for ( const { id } of fingerprints ) {
				expect( { id, page: withPage.has( id ) } ).toEqual( {
					id,
					page: true,
				} );
				expect( { id, lookAlike: withLookAlike.has( id ) } ).toEqual( {
					id,
					lookAlike: true,
				} );
			}
		} );

		it( 'lists security plugins, then server and host firewalls, then edge services, then generic web servers', () => {
			const rank: Record< BlockerKind, number > = {
				'security-plugin': 0,
				'server-firewall': 1,
				'host-firewall': 1,
				cdn: 2,
				'web-server': 3,
			};
			const ranks = fingerprints.map(
				( fingerprint ) => rank[ fingerprint.kind ]
			);
			expect( ranks ).toEqual( [ ...ranks ].sort( ( a, b ) => a - b ) );
		} );

		it( 'uses no global or sticky patterns, so a second look gives the same answer', () => {
			for ( const fingerprint of fingerprints ) {
				for ( const signature of fingerprint.signatures ?? [] ) {
					const patterns = [
						...( signature.body ?? [] ),
						...( signature.reason ? [ signature.reason ] : [] ),
						...( signature.header?.value
							? [ signature.header.value ]
							: [] ),
					];
					for ( const pattern of patterns ) {
						expect( pattern.flags ).not.toMatch( /[gy]/ );
					}
				}
			}
		} );
	} );

	describe( 'identifies each product by its own block page', () => {
		it.each( blockerPages )( 'reports $name as $expected', ( page ) => {
			expect( identifyBlocker( page.response )?.id ).toBe(
				page.expected
			);
			expect(
				matchingSignature(
					fingerprintById( page.expected ),
					page.response
				)
			).not.toBeNull();
		} );

		it.each( blockerPages )(
			'claims $name for no other product than documented',
			( page ) => {
				const claimedBy = fingerprints
					.filter(
						( fingerprint ) =>
							fingerprint.id !== page.expected &&
							fingerprint.matches( page.response )
					)
					.map( ( fingerprint ) => fingerprint.id );
				expect( claimedBy ).toEqual( page.alsoMatches ?? [] );
			}
		);
	} );

	describe( 'resolves a page two fingerprints match to the documented winner', () => {
		it.each( overlappingPages )(
			'reports $name as $expected, listed before $other',
			( page ) => {
				expect(
					fingerprintById( page.expected ).matches( page.response )
				).toBe( true );
				expect(
					fingerprintById( page.other ).matches( page.response )
				).toBe( true );
				expect( positionOf( page.expected ) ).toBeLessThan(
					positionOf( page.other )
				);
				expect( identifyBlocker( page.response )?.id ).toBe(
					page.expected
				);
			}
		);
	} );

	describe( 'does not mistake a look-alike for a block', () => {
		it.each( notBlockerPages )(
			'does not report $name as $notId',
			( page ) => {
				expect(
					fingerprintById( page.notId ).matches( page.response )
				).toBe( false );
			}
		);

		it.each( unidentifiedPages )( 'leaves $name unidentified', ( page ) => {
			expect( identifyBlocker( page.response ) ).toBeNull();
		} );
	} );

	describe( 'reads responses robustly', () => {
		it( 'matches header names case-insensitively, even when a producer did not lower-case them', () => {
			const response = {
				status: 403,
				reason: 'Forbidden',
				headers: { Server: 'cloudflare', 'CF-Mitigated': 'Challenge' },
				body: '',
				bodyTruncated: false,
			};
			expect( identifyBlocker( response )?.id ).toBe( 'cloudflare' );
		} );

		it( 'matches body markers whatever their case and line breaks', () => {
			const response = {
				status: 503,
				reason: 'Service Unavailable',
				headers: {},
				body: '<H1>YOUR ACCESS TO THIS SITE\n  HAS BEEN LIMITED BY THE SITE OWNER</H1>',
				bodyTruncated: false,
			};
			expect( identifyBlocker( response )?.id ).toBe( 'wordfence' );
		} );

		it( 'names the marker it recognised, for the evidence', () => {
			const sucuriPage = blockerPages.find(
				( page ) =>
					page.name ===
					'a Sucuri block without its page (header only)'
			);
			expect( sucuriPage ).toBeDefined();
			if ( ! sucuriPage ) {
				return;
			}
			expect(
				matchingSignature(
					fingerprintById( 'sucuri' ),
					sucuriPage.response
				)?.marker
			).toBe( 'header x-sucuri-block' );
		} );
	} );

	describe( 'tells the store owner what to do', () => {
		it.each(
			fingerprints.map(
				( fingerprint ) => [ fingerprint.product, fingerprint ] as const
			)
		)( 'gives %s numbered plain-text steps', ( _product, fingerprint ) => {
			const steps = fingerprint.remediation( remediationContext );
			expect( steps.length ).toBeGreaterThanOrEqual( 1 );
			for ( const { text } of steps ) {
				expect( text.trim() ).not.toBe( '' );
				expect( text ).not.toMatch( /<\/?[a-z][^>]*>/i );
			}
		} );

		it.each(
			fingerprints.map(
				( fingerprint ) => [ fingerprint.product, fingerprint ] as const
			)
		)(
			'puts the URLs to allow on exactly one %s step, ready to copy',
			( _product, fingerprint ) => {
				const withCopy = fingerprint
					.remediation( remediationContext )
					.filter( ( step ) => step.copy !== undefined );
				expect( withCopy ).toHaveLength( 1 );
				expect( withCopy[ 0 ]?.copy ).toEqual( [
					remediationContext.wildcardUrl,
					...remediationContext.allowUrls,
				] );
			}
		);

		it( 'names the shop’s own domain in the Cloudflare steps', () => {
			const texts = fingerprintById( 'cloudflare' )
				.remediation( remediationContext )
				.map( ( step ) => step.text )
				.join( '\n' );
			expect( texts ).toContain( 'shop.example' );
			expect( texts ).toContain( 'Skip' );
		} );
	} );
} );

/**
 * Remediation a person can act on: for every product the doctor names, where to go (a screen,
 * a log, a configuration), what to add (a rule for the callback addresses, with the addresses
 * to copy) and what not to do. Texts are read by meaning, not word for word.
 */
import {
	fingerprints,
	matchingSignature,
	type Fingerprint,
} from '../../../src/diagnosis/fingerprints';
import type { RemediationStep } from '../../../src/diagnosis/types';
import { blockerPages, remediationContext } from './fixtures/blockers';
import { endpointFindingOf, requirementOf } from './fixtures/find';
import { comingSoonPage, wordPressMaintenance } from './fixtures/responses';
import { blockedPush, makePlugin, makeRun } from './fixtures/run';

/** A place in the product or on the server: a menu path, a dashboard, a console, a file, a log. */
const SCREEN =
	/→|dashboard|console|control panel|site tools|\.htaccess|configuration|\blog\b/i;
/** A rule that lets the callbacks through. */
const ADD =
	/\b(allow|allowlist|skip|exclude|exempt|exception|disable|whitelist|bypass)/i;
/** Something the owner is told not to do. */
const DONT = /\b(do not|don’t|never)\b/i;
/** The fact that makes a challenge hopeless for Klarna. */
const NO_BROWSER =
	/server.{0,40}(never|cannot|can’t)|(never|cannot|can’t) (pass|solve)/i;

function stepsOf( fingerprint: Fingerprint ): RemediationStep[] {
	return fingerprint.remediation( remediationContext );
}

function lines( steps: RemediationStep[] ): string[] {
	return steps.map( ( step ) => step.text );
}

const table = fingerprints.map(
	( fingerprint ) => [ fingerprint.product, fingerprint ] as const
);

describe( 'every product’s steps', () => {
	it.each( table )( '%s names the screen or place to go to', ( _, fp ) => {
		expect( lines( stepsOf( fp ) ).some( ( t ) => SCREEN.test( t ) ) ).toBe(
			true
		);
	} );

	it.each( table )(
		'%s says what to add, with every callback address to copy',
		( _, fp ) => {
			const rules = stepsOf( fp ).filter(
				( step ) => step.copy !== undefined && ADD.test( step.text )
			);
			expect( rules ).not.toHaveLength( 0 );
			expect( rules[ 0 ]?.copy ).toEqual( [
				remediationContext.wildcardUrl,
				...remediationContext.allowUrls,
			] );
		}
	);

	it.each( table )( '%s says what not to do', ( _, fp ) => {
		expect( lines( stepsOf( fp ) ).some( ( t ) => DONT.test( t ) ) ).toBe(
			true
		);
	} );
} );

const challengePages = blockerPages.filter( ( page ) => {
	const fingerprint = fingerprints.find( ( fp ) => fp.id === page.expected );
	return (
		fingerprint !== undefined &&
		matchingSignature( fingerprint, page.response )?.challenge === true
	);
} );

describe( 'a challenge', () => {
	it( 'is marked on the challenge signatures of Cloudflare, AWS WAF, SiteGround and Imunify360', () => {
		expect(
			new Set( challengePages.map( ( page ) => page.expected ) )
		).toEqual(
			new Set( [ 'cloudflare', 'aws-waf', 'siteground', 'imunify360' ] )
		);
	} );

	it.each( challengePages )(
		'$name: says first that Klarna’s servers can never solve it, then the skip rule',
		( page ) => {
			const finding = endpointFindingOf(
				makeRun( { observations: blockedPush( page.response ) } )
			);
			const [ first, second ] = finding.remediation;
			expect( first?.text ).toMatch( NO_BROWSER );
			expect( first?.text ).toMatch( /lower/i );
			expect( second?.copy ).toContain(
				'https://shop.nordicgoods.se/wc-api/*'
			);
			expect( second?.text ).toMatch( ADD );
		}
	);

	it( 'makes the Cloudflare managed challenge’s card say so in its summary', () => {
		const page = challengePages.find(
			( candidate ) => candidate.expected === 'cloudflare'
		);
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( page!.response ) } )
		);
		expect( finding.cause ).toBe( 'Cloudflare' );
		expect( finding.summary ).toMatch( /challenge/i );
		expect( finding.summary ).toMatch( /never solve|cannot solve/i );
	} );

	it( 'is not claimed for a plain Cloudflare block (1020)', () => {
		const page = blockerPages.find( ( candidate ) =>
			candidate.name.includes( 'used Cloudflare to restrict access' )
		);
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( page!.response ) } )
		);
		expect( finding.summary ).not.toMatch( /challenge/i );
		expect( finding.remediation[ 0 ]?.text ).not.toMatch( NO_BROWSER );
	} );
} );

describe( 'WordPress maintenance mode', () => {
	const finding = () =>
		endpointFindingOf(
			makeRun( {
				environment: { maintenanceFile: true },
				observations: blockedPush( wordPressMaintenance ),
			} )
		);

	it( 'is named as WordPress’s own maintenance mode', () => {
		expect( finding().cause ).toMatch( /WordPress maintenance mode/ );
	} );

	it( 'says to delete a stuck .maintenance file in the WordPress folder', () => {
		expect( lines( finding().remediation ).join( '\n' ) ).toMatch(
			/delete[^\n]*\.maintenance[^\n]*WordPress folder/i
		);
	} );

	it( 'says a push is sent again but a failed validation fails the purchase', () => {
		const text = lines( finding().remediation ).join( '\n' );
		expect( text ).toMatch( /push[^\n]*again/i );
		expect( text ).toMatch( /validation[^\n]*purchase fail/i );
	} );

	it( 'says to run updates off-peak', () => {
		expect( lines( finding().remediation ).join( '\n' ) ).toMatch(
			/off-peak|few customers/i
		);
	} );

	it( 'gives the same steps on the maintenance requirement card', () => {
		const requirement = requirementOf(
			makeRun( { environment: { maintenanceFile: true } } ),
			'maintenance'
		);
		expect( requirement.cause ).toMatch( /WordPress maintenance mode/ );
		expect( lines( requirement.remediation ) ).toEqual(
			expect.arrayContaining( lines( finding().remediation ) )
		);
	} );
} );

describe( 'a maintenance plugin', () => {
	const run = () =>
		makeRun( {
			environment: {
				plugins: [
					makePlugin( {
						slug: 'wp-maintenance-mode',
						name: 'WP Maintenance Mode',
						category: 'maintenance',
					} ),
				],
			},
			observations: blockedPush( comingSoonPage ),
		} );

	it( 'says to exclude the callback addresses, with the addresses to copy, or to turn the mode off', () => {
		const steps = endpointFindingOf( run() ).remediation;
		const rule = steps.find( ( step ) => step.copy !== undefined );
		expect( rule?.text ).toMatch( /WP Maintenance Mode/ );
		expect( rule?.text ).toMatch( /exclude/i );
		expect( rule?.text ).toMatch( /off/i );
		expect( rule?.copy ).toContain(
			'https://shop.nordicgoods.se/wc-api/*'
		);
	} );

	it( 'says what not to do', () => {
		expect(
			lines( endpointFindingOf( run() ).remediation ).some( ( text ) =>
				DONT.test( text )
			)
		).toBe( true );
	} );
} );

describe( 'the https requirement', () => {
	it( 'says a redirect from http to https is no fix', () => {
		const requirement = requirementOf(
			makeRun( {
				environment: {
					homeUrl: 'http://shop.nordicgoods.se',
					siteUrl: 'http://shop.nordicgoods.se',
				},
			} ),
			'https'
		);
		expect( requirement.status ).toBe( 'fail' );
		expect(
			lines( requirement.remediation ).find( ( text ) =>
				DONT.test( text )
			)
		).toMatch( /redirect[^\n]*POST[^\n]*GET/ );
	} );
} );

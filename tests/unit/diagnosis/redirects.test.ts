/**
 * Redirected callbacks: a redirect is never a pass, and its kind says what to fix.
 */
import type { Observation, RedirectHop } from '../../../src/api/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import { redirectResponse } from './fixtures/responses';
import {
	HOME,
	makeObservation,
	makePlugin,
	makeRun,
	urlFor,
} from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

const PUSH = urlFor( 'push' );

function hop(
	url: string,
	status: number,
	location: string,
	followed: boolean
): RedirectHop {
	return { url, status, location, followed };
}

/**
 * A push redirected by a followed hop to the same host, after which the echo came back.
 * @param location Where the redirect points.
 * @param status   HTTP status of the redirect.
 */
function followedThenEchoed( location: string, status = 301 ): Observation[] {
	return [
		makeObservation( {
			redirects: [ hop( PUSH, status, location, true ) ],
		} ),
		makeObservation( { variant: 'klarna-session' } ),
	];
}

/**
 * A push answered with a redirect that was not followed (another host or scheme).
 * @param url      The URL the probe was sent to.
 * @param location Where the redirect points.
 * @param status   HTTP status of the redirect.
 */
function notFollowed(
	url: string,
	location: string,
	status = 301
): Observation[] {
	return [
		makeObservation( {
			request: { url },
			response: redirectResponse( status, location ),
		} ),
		makeObservation( { variant: 'klarna-session' } ),
	];
}

const WPML = makePlugin( {
	slug: 'sitepress-multilingual-cms',
	name: 'WPML Multilingual CMS',
	category: 'multilingual',
} );

const cases = [
	{
		behaviour:
			'blames the multilingual plugin for a redirect to /en/wc-api/',
		environment: { plugins: [ WPML ] },
		observations: followedThenEchoed(
			`${ HOME }/en/wc-api/KCO_WC_Push/?kco-action=push`
		),
		cause: 'WPML Multilingual CMS',
		summary: /redirected to a language version/,
		remediation: /WPML: in WPML → Languages → Language URL format/,
	},
	{
		behaviour:
			'recognises a language redirect by a lang parameter without a plugin',
		environment: {},
		observations: followedThenEchoed( '/wc-api/KCO_WC_Push/?lang=sv' ),
		cause: 'a language redirect',
		summary: /language version/,
		remediation: /exclude \/wc-api\/ and \/wp-json\/ from it/,
	},
	{
		behaviour:
			'explains that an http to https redirect turns the POST into a GET without body',
		environment: {
			homeUrl: 'http://shop.nordicgoods.se',
			siteUrl: 'http://shop.nordicgoods.se',
		},
		observations: notFollowed( PUSH.replace( 'https:', 'http:' ), PUSH ),
		cause: 'an http to https redirect',
		summary:
			/starts with http:\/\/ and the server redirects it to https:\/\//,
		remediation: /Settings → General[\s\S]*https:\/\/shop\.nordicgoods\.se/,
		evidence: /repeats the call as a GET without its body/,
	},
	{
		behaviour: 'reports a redirect from https down to http',
		environment: {},
		observations: notFollowed( PUSH, PUSH.replace( 'https:', 'http:' ) ),
		cause: 'an https to http redirect',
		summary: /redirects the https:\/\/ callback address to http:\/\//,
		remediation: /Flexible/,
	},
	{
		behaviour:
			'tells the owner to use the final host name after a www redirect',
		environment: {},
		observations: notFollowed(
			PUSH,
			PUSH.replace( 'shop.nordicgoods.se', 'www.nordicgoods.se' )
		),
		cause: 'a redirect to another host name',
		summary: /another host name/,
		remediation: /https:\/\/www\.nordicgoods\.se/,
	},
	{
		behaviour:
			'tells the owner to use the bare domain after a redirect from a subdomain of it',
		environment: {},
		observations: notFollowed(
			PUSH,
			PUSH.replace( 'shop.nordicgoods.se', 'nordicgoods.se' )
		),
		cause: 'a redirect to another host name',
		summary: /another host name/,
		remediation: /Site Address[\s\S]*https:\/\/nordicgoods\.se/,
	},
	{
		behaviour:
			'reports a redirect to another site as unexpected, never as a Site Address fix',
		environment: {},
		observations: notFollowed(
			PUSH,
			'https://pay-verify.example/wc-api/KCO_WC_Push/'
		),
		cause: 'a redirect to another site',
		summary: /another site \(pay-verify\.example\)/,
		remediation: /did not set up this redirect/,
		notInRemediation: /Settings → General|Site Address/,
	},
	{
		behaviour:
			'reports a redirect to a sibling subdomain as another site: on shared platforms it can be someone else’s',
		environment: {},
		observations: notFollowed(
			PUSH,
			PUSH.replace( 'shop.nordicgoods.se', 'pay.nordicgoods.se' )
		),
		cause: 'a redirect to another site',
		summary: /another site \(pay\.nordicgoods\.se\)/,
		notInRemediation: /Settings → General|Site Address/,
	},
	{
		behaviour:
			'reports an http to https redirect onto another site as unexpected, not as the https fix',
		environment: {
			homeUrl: 'http://shop.nordicgoods.se',
			siteUrl: 'http://shop.nordicgoods.se',
		},
		observations: notFollowed(
			PUSH.replace( 'https:', 'http:' ),
			'https://nordicgoods-shop.example/wc-api/KCO_WC_Push/'
		),
		cause: 'a redirect to another site',
		summary: /another site \(nordicgoods-shop\.example\)/,
		notInRemediation: /Settings → General|Site Address/,
	},
	{
		behaviour:
			'reports a redirect to a login page on another site as unexpected',
		environment: {},
		observations: notFollowed(
			PUSH,
			'https://sso.agency.example/wp-login.php?redirect_to=%2Fwc-api%2F'
		),
		cause: 'a redirect to another site',
		summary: /another site \(sso\.agency\.example\)/,
	},
	{
		behaviour: 'recognises a redirect to the login page',
		environment: {},
		observations: followedThenEchoed(
			`${ HOME }/wp-login.php?redirect_to=%2Fwc-api%2FKCO_WC_Push%2F`,
			302
		),
		cause: 'a login redirect',
		summary: /redirected to a login page/,
		remediation: /private-site, coming-soon or membership plugin/,
	},
	{
		behaviour: 'reports any other redirect with where to look for it',
		environment: {},
		observations: followedThenEchoed( `${ HOME }/checkout/` ),
		cause: 'a redirect',
		summary: /redirected to another address/,
		remediation: /Redirection → Redirects/,
	},
	{
		behaviour: 'treats an unreadable Location as another redirect',
		environment: {},
		observations: notFollowed( PUSH, 'http://[broken' ),
		cause: 'a redirect',
		summary: /redirected to another address/,
		remediation: /Redirection/,
	},
	{
		behaviour:
			'says a 307 keeps the method but still depends on Klarna following it',
		environment: {},
		observations: followedThenEchoed(
			`${ HOME }/shop/wc-api/KCO_WC_Push/`,
			307
		),
		cause: 'a redirect',
		summary: /redirected/,
		evidence: /depend on Klarna following it/,
	},
];

describe( 'redirects of a callback', () => {
	it.each( cases )( '$behaviour', ( item ) => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: item.environment,
				observations: item.observations,
			} )
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toBe( item.cause );
		expect( finding.summary ).toMatch( item.summary );
		if ( item.remediation ) {
			expect( remediationText( finding ) ).toMatch( item.remediation );
		}
		if ( item.evidence ) {
			expect( evidenceText( finding ) ).toMatch( item.evidence );
		}
		if ( item.notInRemediation ) {
			expect( remediationText( finding ) ).not.toMatch(
				item.notInRemediation
			);
		}
	} );

	it( 'names the most specific redirect of a chain and adds the fixes for the others', () => {
		const httpPush = PUSH.replace( 'https:', 'http:' );
		const finding = endpointFindingOf(
			makeRun( {
				environment: { plugins: [ WPML ] },
				observations: [
					makeObservation( {
						request: { url: httpPush },
						redirects: [
							hop( httpPush, 301, PUSH, true ),
							hop(
								PUSH,
								302,
								`${ HOME }/sv/wc-api/KCO_WC_Push/`,
								true
							),
						],
						response: redirectResponse(
							302,
							`${ HOME }/sv/wc-api/KCO_WC_Push/`
						),
					} ),
					makeObservation( { variant: 'klarna-session' } ),
				],
			} )
		);
		expect( finding.cause ).toBe( 'WPML Multilingual CMS' );
		const steps = finding.remediation.map( ( step ) => step.text );
		expect( steps[ 0 ] ).toMatch( /^WPML:/ );
		expect( steps.join( '\n' ) ).toMatch( /Settings → General/ );
		expect( steps.at( -1 ) ).toBe(
			'Run the checks again to confirm the fix.'
		);
		expect( evidenceText( finding ) ).toMatch(
			/Redirect 1: 301 from http:\/\/shop[^\n]* to https:\/\/shop[^\n]* \(followed\)/
		);
	} );

	it( 'names the security plugin whose block is a redirect, rather than the redirect', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: {
					plugins: [
						makePlugin( {
							slug: 'all-in-one-wp-security-and-firewall',
							name: 'All-In-One Security',
						} ),
					],
				},
				observations: notFollowed( PUSH, 'http://127.0.0.1' ),
			} )
		);
		expect( finding.cause ).toBe( 'All-In-One Security (AIOS)' );
		expect( finding.summary ).toMatch(
			/blocked this callback \(HTTP 301\)/
		);
	} );

	it( 'never passes an echo that only came back after a redirect', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: followedThenEchoed(
					`${ HOME }/wc-api/KCO_WC_Push`
				),
			} )
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.variants?.[ 0 ] ).toEqual( {
			variant: 'klarna',
			passed: false,
			outcome: `redirected (301) to ${ HOME }/wc-api/KCO_WC_Push`,
		} );
	} );
} );

/**
 * What an endpoint finding says for each answer other than the probe's own echo: one fixture per
 * cause, each built from the response the real software sends.
 */
import type { Run } from '../../../src/api/types';
import type { FindingStatus } from '../../../src/diagnosis/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	anonymousForbidden,
	anonymousTooManyRequests,
	basicAuthRequired,
	cachedFrontPage,
	cloudflare1020,
	comingSoonPage,
	modSecurityNotAcceptable,
	nginxBadGateway,
	nginxTooLarge,
	notModified,
	restForLoggedInOnly,
	restNoRoute,
	serviceUnavailable,
	themeNotFound,
	wooCommerceNoHandler,
	wordfenceBlock,
	wordPressCriticalError,
	wordPressMaintenance,
	wordPressMaintenanceSwedish,
} from './fixtures/responses';
import {
	blockedPush,
	makeDescriptor,
	makeObservation,
	makePlugin,
	makeRun,
} from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

interface Case {
	behaviour: string;
	run: Run;
	endpoint?: Parameters< typeof endpointFindingOf >[ 1 ];
	status: FindingStatus;
	cause?: string;
	summary: RegExp;
	remediation?: RegExp;
	evidence?: RegExp;
}

const cases: Case[] = [
	{
		behaviour: 'names Wordfence when its block page came back',
		run: makeRun( { observations: blockedPush( wordfenceBlock ) } ),
		status: 'fail',
		cause: 'Wordfence',
		summary: /^Wordfence blocked this callback \(HTTP 403\)/,
		remediation: /Wordfence: allow the callback addresses/,
		evidence: /Body \(first lines\): <!DOCTYPE html>/,
	},
	{
		behaviour: 'names Cloudflare for its 1020 page',
		run: makeRun( { observations: blockedPush( cloudflare1020 ) } ),
		status: 'fail',
		cause: 'Cloudflare',
		summary: /^Cloudflare blocked this callback/,
		evidence: /cf-ray: 93f1a2b3c4d5e6f7-ARN/,
	},
	{
		behaviour:
			'reports an unknown block honestly as something that did not identify itself',
		run: makeRun( { observations: blockedPush( anonymousForbidden ) } ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary:
			/^Something that did not identify itself blocked this callback \(HTTP 403\)/,
		remediation: /ask your host whether a web application firewall/,
		evidence: /Access denied/,
	},
	{
		behaviour: 'treats an anonymous 429 as an unidentified block',
		run: makeRun( {
			observations: blockedPush( anonymousTooManyRequests ),
		} ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary: /\(HTTP 429\)/,
		evidence: /retry-after: 30/,
	},
	{
		behaviour:
			'says WooCommerce got the callback but KCO has no handler for a used endpoint',
		run: makeRun( { observations: blockedPush( wooCommerceNoHandler ) } ),
		status: 'fail',
		cause: 'no KCO handler',
		summary: /no Klarna Checkout handler is registered/,
		remediation: /Update Klarna Checkout for WooCommerce/,
	},
	{
		behaviour:
			'calls 400 -1 on an endpoint the installed KCO retired information, not a problem',
		run: makeRun( {
			endpointIds: [ 'validation' ],
			observations: [
				makeObservation( {
					endpoint: 'validation',
					response: wooCommerceNoHandler,
				} ),
			],
		} ),
		endpoint: 'validation',
		status: 'info',
		summary:
			/does not use this callback \(Klarna calls it only for KCO ≤2\.0\.1\)/,
	},
	{
		behaviour:
			'warns that KCO is not active when WooCommerce answers -1 without it',
		run: makeRun( {
			environment: {
				kco: {
					active: false,
					name: null,
					version: null,
					flow: 'unknown',
				},
			},
			endpoints: [
				makeDescriptor( 'push', { usedByInstalledKco: null } ),
			],
			observations: blockedPush( wooCommerceNoHandler ),
		} ),
		status: 'warn',
		cause: 'KCO not active',
		summary: /not active to answer it/,
	},
	{
		behaviour:
			'says the block validation route is missing when the REST API finds no route',
		run: makeRun( {
			endpointIds: [ 'block-validate' ],
			endpoints: [
				makeDescriptor( 'block-validate', {
					usedByInstalledKco: true,
				} ),
			],
			observations: [
				makeObservation( {
					endpoint: 'block-validate',
					response: restNoRoute,
				} ),
			],
		} ),
		endpoint: 'block-validate',
		status: 'fail',
		cause: 'no KCO handler',
		summary: /validation route is not registered/,
	},
	{
		behaviour:
			'calls a missing block route information when the installed KCO does not use it',
		run: makeRun( {
			endpointIds: [ 'block-validate' ],
			observations: [
				makeObservation( {
					endpoint: 'block-validate',
					response: restNoRoute,
				} ),
			],
		} ),
		endpoint: 'block-validate',
		status: 'info',
		summary: /does not use this callback/,
	},
	{
		behaviour: 'blames a REST restriction for a REST error code on 401',
		run: makeRun( {
			endpointIds: [ 'block-validate' ],
			observations: [
				makeObservation( {
					endpoint: 'block-validate',
					response: restForLoggedInOnly,
				} ),
			],
		} ),
		endpoint: 'block-validate',
		status: 'fail',
		cause: 'REST API restrictions',
		summary: /REST API refused the request/,
		remediation: /Allow the kco-block routes/,
	},
	{
		behaviour:
			'recognises staging protection from 401 with WWW-Authenticate',
		run: makeRun( { observations: blockedPush( basicAuthRequired ) } ),
		status: 'fail',
		cause: 'password protection (HTTP authentication)',
		summary: /asks for a user name and password/,
		evidence:
			/www-authenticate: Basic realm="Staging - authorised users only"/,
	},
	{
		behaviour: 'recognises WordPress maintenance mode from its 503 text',
		run: makeRun( {
			environment: { maintenanceFile: true },
			observations: blockedPush( wordPressMaintenance ),
		} ),
		status: 'fail',
		cause: 'WordPress maintenance mode',
		summary: /WordPress is in maintenance mode/,
		remediation: /delete the file named \.maintenance/,
		evidence: /retry-after: 600/,
	},
	{
		behaviour:
			'recognises translated maintenance mode from Retry-After and the .maintenance file',
		run: makeRun( {
			environment: { maintenanceFile: true },
			observations: blockedPush( wordPressMaintenanceSwedish ),
		} ),
		status: 'fail',
		cause: 'WordPress maintenance mode',
		summary: /maintenance mode/,
	},
	{
		behaviour:
			'recognises WordPress’s maintenance text even when the .maintenance file is gone',
		run: makeRun( { observations: blockedPush( wordPressMaintenance ) } ),
		status: 'fail',
		cause: 'WordPress maintenance mode',
		summary: /maintenance mode/,
		remediation:
			/^WordPress ends maintenance mode by itself[^\n]*file is gone now/,
	},
	{
		behaviour: 'names the coming-soon plugin for its 503 page',
		run: makeRun( {
			environment: {
				plugins: [
					makePlugin( {
						slug: 'seedprod-coming-soon-pro-5',
						name: 'SeedProd Pro',
						category: 'maintenance',
					} ),
				],
			},
			observations: blockedPush( comingSoonPage ),
		} ),
		status: 'fail',
		cause: 'SeedProd Pro',
		summary: /maintenance mode/,
		remediation: /coming-soon mode off in SeedProd Pro/,
	},
	{
		behaviour: 'blames plain permalinks for a 404 when they are on',
		run: makeRun( {
			environment: { permalinkStructure: '' },
			observations: blockedPush( themeNotFound ),
		} ),
		status: 'fail',
		cause: 'plain permalinks',
		summary: /plain permalinks/,
		remediation:
			/Settings → Permalinks, choose any structure other than “Plain”/,
	},
	{
		behaviour:
			'points at rewrite rules and web-server config for a 404 with pretty permalinks',
		run: makeRun( {
			environment: {
				plugins: [
					makePlugin( {
						slug: 'sitepress-multilingual-cms',
						name: 'WPML Multilingual CMS',
						category: 'multilingual',
					} ),
				],
			},
			observations: blockedPush( themeNotFound ),
		} ),
		status: 'fail',
		cause: 'address not found',
		summary: /was not found \(404\)/,
		remediation:
			/try_files \$uri \$uri\/ \/index\.php\?\$args;[\s\S]*WPML:/,
	},
	{
		behaviour: 'explains a 413 as a request size limit',
		run: makeRun( {
			endpointIds: [ 'notification' ],
			observations: [
				makeObservation( {
					endpoint: 'notification',
					response: nginxTooLarge,
				} ),
			],
		} ),
		endpoint: 'notification',
		status: 'fail',
		cause: 'a request size limit',
		summary: /too large \(413\)/,
		remediation: /client_max_body_size/,
	},
	{
		behaviour: 'sends the owner to the PHP error log for a 500',
		run: makeRun( { observations: blockedPush( wordPressCriticalError ) } ),
		status: 'fail',
		cause: 'a server error',
		summary: /\(HTTP 500\)/,
		remediation: /fatal-errors/,
	},
	{
		behaviour:
			'explains a 502 as the proxy getting no answer from the site',
		run: makeRun( { observations: blockedPush( nginxBadGateway ) } ),
		status: 'fail',
		cause: 'a server error',
		summary: /\(HTTP 502\)/,
		remediation: /A proxy or CDN in front of the site/,
	},
	{
		behaviour:
			'reports an anonymous 503 as a server error that may also be a silent firewall',
		run: makeRun( { observations: blockedPush( serviceUnavailable ) } ),
		status: 'fail',
		cause: 'a server error',
		summary: /\(HTTP 503\)/,
		remediation: /some firewalls that do not identify themselves/,
	},
	{
		behaviour:
			'says something else answered when a 200 came back without the echo, naming cache plugins',
		run: makeRun( {
			environment: {
				plugins: [
					makePlugin( {
						slug: 'wp-super-cache',
						name: 'WP Super Cache',
						category: 'cache',
					} ),
				],
			},
			observations: blockedPush( cachedFrontPage ),
		} ),
		status: 'fail',
		cause: 'an answer from something other than WordPress',
		summary: /Something answered in place of WordPress/,
		remediation:
			/Exclude the callback addresses from caching in WP Super Cache/,
	},
	{
		behaviour:
			'says something else answered a 200 without the echo, with no cache plugin to name',
		run: makeRun( { observations: blockedPush( cachedFrontPage ) } ),
		status: 'fail',
		cause: 'an answer from something other than WordPress',
		summary: /Something answered in place of WordPress/,
		remediation:
			/in your cache plugin, your host’s cache and your CDN’s cache rules/,
	},
	{
		behaviour: 'reports a status it does not expect as a failure',
		run: makeRun( { observations: blockedPush( notModified ) } ),
		status: 'fail',
		cause: 'an unexpected answer',
		summary: /status this check does not expect/,
	},
	{
		behaviour: 'says the body was lost when the echo counted no bytes',
		run: makeRun( {
			endpointIds: [ 'notification' ],
			observations: [
				makeObservation( {
					endpoint: 'notification',
					echo: { bodyBytes: 0, bodySha256: 'e3b0c442' },
				} ),
			],
		} ),
		endpoint: 'notification',
		status: 'fail',
		cause: 'a lost request body',
		summary: /without its body/,
		evidence: /with 0 bytes of body/,
	},
	{
		behaviour: 'says the body changed when the echo hash differs',
		run: makeRun( {
			endpointIds: [ 'notification' ],
			observations: [
				makeObservation( {
					endpoint: 'notification',
					echo: { bodyBytes: 3201, bodySha256: 'ab'.repeat( 32 ) },
				} ),
			],
		} ),
		endpoint: 'notification',
		status: 'fail',
		cause: 'a changed request body',
		summary: /arrived changed/,
		remediation: /Åsa Öberg/,
	},
	{
		behaviour: 'says the request was routed to another endpoint',
		run: makeRun( {
			observations: [
				makeObservation( {
					echo: {
						endpoint: 'notification',
						routedAs: 'KCO_WC_Notification',
					},
				} ),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} ),
		status: 'fail',
		cause: 'wrong routing',
		summary: /routed to another callback/,
		remediation: /changes \/wc-api\/ addresses/,
	},
	{
		behaviour: 'says the REST route was changed for the block validation',
		run: makeRun( {
			endpointIds: [ 'block-validate' ],
			observations: [
				makeObservation( {
					endpoint: 'block-validate',
					echo: { endpoint: 'validation' },
				} ),
			],
		} ),
		endpoint: 'block-validate',
		status: 'fail',
		cause: 'wrong routing',
		summary: /routed to another callback/,
		remediation: /changes \/wp-json\/ addresses/,
	},
	{
		behaviour: 'says the method changed when a POST arrived as GET',
		run: makeRun( {
			observations: [
				makeObservation( { echo: { method: 'GET' } } ),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} ),
		status: 'fail',
		cause: 'a changed request method',
		summary: /with another method/,
	},
];

describe( 'endpoint findings name the cause of a failed callback', () => {
	it.each( cases )( '$behaviour', ( item ) => {
		const finding = endpointFindingOf( item.run, item.endpoint ?? 'push' );
		expect( finding.status ).toBe( item.status );
		expect( finding.summary ).toMatch( item.summary );
		if ( item.cause !== undefined ) {
			expect( finding.cause ).toBe( item.cause );
		}
		if ( item.remediation ) {
			expect( remediationText( finding ) ).toMatch( item.remediation );
		}
		if ( item.evidence ) {
			expect( evidenceText( finding ) ).toMatch( item.evidence );
		}
	} );
} );

describe( 'what every failing endpoint finding carries', () => {
	it( 'says why the callback matters for orders, and which variants failed', () => {
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( anonymousForbidden ) } )
		);
		expect( finding.impact ).toMatch( /Pending payment/ );
		expect( finding.variants ).toEqual( [
			{ variant: 'klarna', passed: false, outcome: 'HTTP 403 Forbidden' },
			{
				variant: 'klarna-session',
				passed: false,
				outcome: 'HTTP 403 Forbidden',
			},
		] );
		expect( evidenceText( finding ) ).toMatch(
			/Request: POST https:\/\/shop\.nordicgoods\.se\/wc-api\/KCO_WC_Push\/\?kco-action=push&kco_wc_order_id=4f3c2a7e-9b1d-4c6e-8a2f-0d5e7b9c1a34/
		);
		expect( evidenceText( finding ) ).toMatch(
			/Time: 142 ms \(measured while other checks ran\)/
		);
	} );

	it( 'marks an endpoint the installed KCO does not use, and says so in the impact', () => {
		const finding = endpointFindingOf(
			makeRun( {
				endpointIds: [ 'validation' ],
				observations: [
					makeObservation( {
						endpoint: 'validation',
						response: anonymousForbidden,
					} ),
				],
			} ),
			'validation'
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.usedByKlarna ).toBe( false );
		expect( finding.impact ).toMatch( /does not stop orders today/ );
	} );

	it.each( [
		[ 'private', 'a private network address' ],
		[ 'reserved', 'a reserved address' ],
	] as const )(
		'says a probe arrived from %s address space',
		( clientAddressClass, words ) => {
			const echo = { clientAddressClass };
			const finding = endpointFindingOf(
				makeRun( {
					observations: [
						makeObservation( { echo } ),
						makeObservation( { variant: 'klarna-session', echo } ),
					],
				} )
			);
			expect( evidenceText( finding ) ).toContain(
				`Arrived from: ${ words }, with no proxy headers`
			);
		}
	);

	it( 'identifies ModSecurity by its 406 page', () => {
		const finding = endpointFindingOf(
			makeRun( { observations: blockedPush( modSecurityNotAcceptable ) } )
		);
		expect( finding.cause ).toBe( 'ModSecurity' );
	} );

	it( 'judges an endpoint with no Klarna-shaped probe inconclusive, never passed', () => {
		const finding = endpointFindingOf(
			makeRun( { endpointIds: [ 'notification' ], observations: [] } ),
			'notification'
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'inconclusive' );
		expect( finding.externalTest ).toBe( true );
	} );

	it( 'uses the endpoint id as its name when the run lacks its descriptor', () => {
		const finding = endpointFindingOf(
			makeRun( {
				endpoints: [],
				observations: blockedPush( anonymousForbidden ),
			} )
		);
		expect( finding.title ).toBe( 'push callback' );
		expect( finding.usedByKlarna ).toBe( true );
	} );

	it( 'judges a probe with neither answer nor error inconclusive', () => {
		const observation = makeObservation( { response: null } );
		const finding = endpointFindingOf(
			makeRun( {
				observations: [
					observation,
					makeObservation( { variant: 'klarna-session' } ),
				],
			} )
		);
		expect( finding.status ).toBe( 'warn' );
		expect( finding.cause ).toBe( 'inconclusive' );
	} );
} );

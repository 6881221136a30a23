/**
 * The small pure pieces the findings are built from: callback addresses to allow, host names
 * that can never be public, KCO versions, plain text.
 */
import { isAtLeast } from '../../../src/diagnosis/kco-version';
import {
	firstLines,
	formatDuration,
	header,
	oneLine,
} from '../../../src/diagnosis/plain-text';
import {
	buildRemediationContext,
	homeBase,
} from '../../../src/diagnosis/remediation';
import { restError } from '../../../src/diagnosis/wordpress-answer';
import { classifyHop } from '../../../src/diagnosis/redirects';
import {
	isIpLiteral,
	localOnlySuffix,
	loopbackPathDiffers,
} from '../../../src/diagnosis/site-address';
import { tlsProblem } from '../../../src/diagnosis/transport';
import { endpointImpact } from '../../../src/diagnosis/impact';
import { judgedTiming } from '../../../src/diagnosis/verdict';
import { sessionParameters } from '../../../src/diagnosis/observations';
import { anonymousForbidden, restNoRoute } from './fixtures/responses';
import {
	makeDescriptor,
	makeEnvironment,
	makeObservation,
} from './fixtures/run';

describe( 'callback addresses to allow', () => {
	it( 'lists the wildcard and each KCO_WC_* address of the home URL', () => {
		expect(
			buildRemediationContext( makeEnvironment(), [
				makeDescriptor( 'push' ),
			] )
		).toEqual( {
			host: 'shop.nordicgoods.se',
			wildcardUrl: 'https://shop.nordicgoods.se/wc-api/*',
			allowUrls: [
				'https://shop.nordicgoods.se/wc-api/KCO_WC_Push/*',
				'https://shop.nordicgoods.se/wc-api/KCO_WC_Notification/*',
				'https://shop.nordicgoods.se/wc-api/KCO_WC_Shipping_Option_Update/*',
				'https://shop.nordicgoods.se/wc-api/KCO_WC_Validation/*',
			],
		} );
	} );

	it( 'adds the checkout block route and keeps a sub-directory install’s path', () => {
		const context = buildRemediationContext(
			makeEnvironment( { homeUrl: 'http://nordicgoods.se/butik/' } ),
			[ makeDescriptor( 'block-validate' ) ]
		);
		expect( context.wildcardUrl ).toBe(
			'http://nordicgoods.se/butik/wc-api/*'
		);
		expect( context.allowUrls.at( -1 ) ).toBe(
			'http://nordicgoods.se/butik/wp-json/kco-block/*'
		);
	} );

	it( 'adds the block route for the block flow even when it was not probed', () => {
		const context = buildRemediationContext(
			makeEnvironment( {
				kco: {
					active: true,
					name: 'Kustom Checkout',
					version: '3.0.0',
					flow: 'blocks',
				},
			} ),
			[]
		);
		expect( context.allowUrls ).toContain(
			'https://shop.nordicgoods.se/wp-json/kco-block/*'
		);
	} );

	it( 'adds the checkout block’s wc-api validation address of the site URL', () => {
		const context = buildRemediationContext(
			makeEnvironment( {
				homeUrl: 'https://shop.nordicgoods.se/',
				siteUrl: 'https://shop.nordicgoods.se/wp/',
			} ),
			[ makeDescriptor( 'block-validation' ) ]
		);
		expect( context.allowUrls ).toContain(
			'https://shop.nordicgoods.se/wp/wc-api/kco-block-validation*'
		);
		expect( context.allowUrls.at( -1 ) ).toBe(
			'https://shop.nordicgoods.se/wp-json/kco-block/*'
		);
	} );

	it( 'falls back to the home URL for the wc-api block validation address', () => {
		const context = buildRemediationContext(
			makeEnvironment( { siteUrl: 'not a url' } ),
			[ makeDescriptor( 'block-validation' ) ]
		);
		expect( context.allowUrls ).toContain(
			'https://shop.nordicgoods.se/wc-api/kco-block-validation*'
		);
	} );

	it( 'reads the block route from a descriptor without a leading slash', () => {
		const context = buildRemediationContext( makeEnvironment(), [
			makeDescriptor( 'block-validate', {
				path: 'index.php/wp-json/kco-block/order/{id}/validate',
			} ),
		] );
		expect( context.allowUrls.at( -1 ) ).toBe(
			'https://shop.nordicgoods.se/index.php/wp-json/kco-block/*'
		);
	} );

	it( 'falls back to https and the host when the home URL cannot be read', () => {
		expect( homeBase( makeEnvironment( { homeUrl: 'not a url' } ) ) ).toBe(
			'https://shop.nordicgoods.se'
		);
	} );
} );

describe( 'host names', () => {
	it.each( [
		[ 'localhost', 'localhost' ],
		[ 'shop.local', '.local' ],
		[ 'SHOP.TEST.', '.test' ],
		[ 'nordic.home.arpa', '.home.arpa' ],
		[ 'shop.nordicgoods.se', null ],
		[ 'localhost.se', null ],
	] )( 'finds the local-only ending of %s: %s', ( host, suffix ) => {
		expect( localOnlySuffix( host ) ).toBe( suffix );
	} );

	it.each( [
		[ '127.0.0.1', true ],
		[ '[::1]', true ],
		[ 'fd00::5', true ],
		[ 'shop.nordicgoods.se', false ],
	] )( 'knows whether %s is an IP literal', ( host, literal ) => {
		expect( isIpLiteral( host ) ).toBe( literal );
	} );

	it( 'knows a public name resolving privately takes another path than Klarna', () => {
		expect(
			loopbackPathDiffers(
				makeEnvironment( { hostAddressClass: 'loopback' } )
			)
		).toBe( true );
		expect( loopbackPathDiffers( makeEnvironment() ) ).toBe( false );
		expect(
			loopbackPathDiffers(
				makeEnvironment( {
					host: 'shop.local',
					hostAddressClass: 'loopback',
				} )
			)
		).toBe( false );
	} );
} );

describe( 'KCO versions', () => {
	it.each( [
		[ '2.19.0', '2.19.0', true ],
		[ '3.1', '2.19.0', true ],
		[ '2.18.9', '2.19.0', false ],
		[ '2.19.0-beta1', '2.19.0', true ],
		[ '2.19', '2.19.0', true ],
		[ 'dev', '2.19.0', false ],
		[ null, '2.19.0', false ],
	] )( 'compares %s with %s', ( version, minimum, result ) => {
		expect( isAtLeast( version, minimum ) ).toBe( result );
	} );
} );

describe( 'plain text', () => {
	it( 'keeps the first non-empty lines of a body and marks what was left out', () => {
		const body = Array.from(
			{ length: 30 },
			( _v, i ) => `line ${ i + 1 }\n\n`
		).join( '' );
		const text = firstLines( body );
		expect( text.split( '\n' ) ).toHaveLength( 21 );
		expect( text.endsWith( 'line 20\n…' ) ).toBe( true );
	} );

	it( 'cuts a very long body at the character limit', () => {
		expect( firstLines( 'x'.repeat( 5000 ) ) ).toHaveLength( 2000 );
		expect( oneLine( 'y'.repeat( 400 ) ) ).toHaveLength( 300 );
	} );

	it( 'formats durations under and over a second', () => {
		expect( formatDuration( 849.6 ) ).toBe( '850 ms' );
		expect( formatDuration( 3049 ) ).toBe( '3.0 s' );
	} );

	it( 'finds a header whatever case it was recorded in', () => {
		expect(
			header(
				{ ...anonymousForbidden, headers: { 'Retry-After': '5' } },
				'retry-after'
			)
		).toBe( '5' );
		expect( header( anonymousForbidden, 'retry-after' ) ).toBeNull();
	} );
} );

describe( 'probes', () => {
	it( 'finds no session parameter in a URL it cannot read', () => {
		const observation = makeObservation();
		observation.request.url = 'not a url';
		expect( sessionParameters( observation ) ).toEqual( [] );
	} );

	it( 'finds the session parameter of the old push', () => {
		expect(
			sessionParameters(
				makeObservation( { variant: 'klarna-session' } )
			)
		).toEqual( [ 'kco_session_id' ] );
	} );

	it( 'has no time to judge without probes', () => {
		expect( judgedTiming( [] ) ).toBeNull();
	} );
} );

describe( 'why each callback matters', () => {
	it.each( [
		[ 'push', /Pending payment/ ],
		[ 'notification', /fraud check/ ],
		[ 'validation', /confirm the order/ ],
		[ 'block-validate', /confirm the order/ ],
		[ 'block-validation', /confirm the order/ ],
		[ 'shipping-option-update', /shipping option/ ],
	] as const )( 'explains the %s callback', ( id, words ) => {
		expect(
			endpointImpact( makeDescriptor( id, { usedByInstalledKco: true } ) )
		).toMatch( words );
	} );
} );

describe( 'reading answers', () => {
	it( 'reads a WordPress REST error and ignores what is not one', () => {
		expect( restError( restNoRoute ) ).toEqual( {
			code: 'rest_no_route',
			message: 'No route was found matching the URL and request method.',
		} );
		expect( restError( { ...restNoRoute, body: '{"code":"x"}' } ) ).toEqual(
			{ code: 'x', message: '' }
		);
		expect( restError( { ...restNoRoute, body: '<html>' } ) ).toBeNull();
		expect( restError( { ...restNoRoute, body: '[1,2]' } ) ).toBeNull();
		expect( restError( anonymousForbidden ) ).toBeNull();
	} );

	it.each( [
		[ 'SSL certificate problem: certificate has expired', 'expired' ],
		[
			'SSL certificate problem: self signed certificate in certificate chain',
			'self-signed',
		],
		[
			"SSL: certificate subject name 'x' does not match target host name 'y'",
			'wrong-host',
		],
		[
			'SSL certificate problem: unable to verify the first certificate',
			'chain',
		],
		[ 'gnutls_handshake() failed', 'other' ],
	] )( 'reads the TLS problem in "%s" as %s', ( message, problem ) => {
		expect( tlsProblem( message ) ).toBe( problem );
	} );

	it( 'classifies a redirect to a language sub-directory of a sub-directory install', () => {
		expect(
			classifyHop( {
				url: 'https://nordicgoods.se/butik/wc-api/KCO_WC_Push/',
				status: 301,
				location: '/butik/sv-se/wc-api/KCO_WC_Push/',
				followed: true,
			} ).kind
		).toBe( 'language' );
	} );

	it( 'treats an unreadable hop URL as another redirect', () => {
		expect(
			classifyHop( {
				url: 'not a url',
				status: 302,
				location: '/x',
				followed: false,
			} ).kind
		).toBe( 'other' );
	} );
} );

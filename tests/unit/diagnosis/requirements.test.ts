/**
 * Requirement findings from the environment: one fixture per situation a store owner can be in.
 */
import type {
	Certificate,
	Environment,
	Observation,
} from '../../../src/api/types';
import { diagnose } from '../../../src/diagnosis';
import type { FindingStatus } from '../../../src/diagnosis/types';
import { evidenceText, remediationText, requirementOf } from './fixtures/find';
import { anonymousForbidden, redirectResponse } from './fixtures/responses';
import {
	HOME,
	makeDescriptor,
	makeEnvironment,
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

interface Case {
	behaviour: string;
	requirement: string;
	environment: Partial< Environment >;
	observations?: Observation[];
	status: FindingStatus;
	summary: RegExp;
	cause?: string;
	remediation?: RegExp;
	evidence?: RegExp;
}

const WPML = makePlugin( {
	slug: 'sitepress-multilingual-cms',
	name: 'WPML Multilingual CMS',
	category: 'multilingual',
} );

/**
 * Certificate dates relative to the run's start, 2025-05-14.
 * @param validFrom First moment of validity (ISO 8601).
 * @param validTo   Last moment of validity (ISO 8601).
 */
function certificate( validFrom: string, validTo: string ): Certificate {
	return {
		subject: 'CN=shop.nordicgoods.se',
		issuer: "CN=R11, O=Let's Encrypt, C=US",
		validFrom,
		validTo,
		selfSigned: false,
		hostMatches: true,
	};
}

const cases: Case[] = [
	// Public address.
	{
		behaviour: 'passes a host that resolves to a public address',
		requirement: 'public-url',
		environment: {},
		status: 'pass',
		summary: /resolves to a public address/,
		evidence: /Resolves to: 185\.199\.110\.42/,
	},
	{
		behaviour: 'fails localhost with the tunnelling advice',
		requirement: 'public-url',
		environment: {
			homeUrl: 'http://localhost:8080',
			host: 'localhost',
			hostAddresses: [ '127.0.0.1', '::1' ],
			hostAddressClass: 'loopback',
		},
		status: 'fail',
		summary: /localhost is a local-only name/,
		cause: 'a local site address',
		remediation: /tunnelling service such as ngrok/,
	},
	...[
		'nordicgoods.local',
		'shop.test',
		'shop.localhost',
		'shop.invalid',
		'shop.example',
	].map( ( host ): Case => ( {
		behaviour: `fails the local-only name ${ host }`,
		requirement: 'public-url',
		environment: {
			homeUrl: `https://${ host }`,
			host,
			hostAddresses: [ '127.0.0.1' ],
			hostAddressClass: 'loopback',
		},
		status: 'fail',
		summary: /local-only name/,
		remediation: /ngrok/,
	} ) ),
	{
		behaviour: 'fails a loopback IP address as the site address',
		requirement: 'public-url',
		environment: {
			homeUrl: 'http://127.0.0.1:8889',
			host: '127.0.0.1',
			hostAddresses: [ '127.0.0.1' ],
			hostAddressClass: 'loopback',
		},
		status: 'fail',
		summary: /address 127\.0\.0\.1 is not reachable from the internet/,
		evidence: /Address type: loopback/,
	},
	{
		behaviour: 'fails a private network IP address as the site address',
		requirement: 'public-url',
		environment: {
			homeUrl: 'https://192.168.1.20',
			host: '192.168.1.20',
			hostAddresses: [ '192.168.1.20' ],
			hostAddressClass: 'private',
		},
		status: 'fail',
		summary: /192\.168\.1\.20 is not reachable/,
	},
	{
		behaviour:
			'fails a shared-address-space IP (carrier-grade NAT) as the site address',
		requirement: 'public-url',
		environment: {
			homeUrl: 'http://100.64.12.7',
			host: '100.64.12.7',
			hostAddresses: [ '100.64.12.7' ],
			hostAddressClass: 'reserved',
		},
		status: 'fail',
		summary: /100\.64\.12\.7 is not reachable/,
		evidence: /Address type: reserved, not routed on the internet/,
	},
	{
		behaviour: 'fails a name that does not resolve',
		requirement: 'public-url',
		environment: { hostAddresses: [], hostAddressClass: null },
		status: 'fail',
		summary: /does not resolve to any address/,
		evidence: /Resolves to: nothing/,
	},
	{
		behaviour:
			'warns, with the external test, when a public name resolves privately on the server',
		requirement: 'public-url',
		environment: {
			hostAddresses: [ '10.0.4.17' ],
			hostAddressClass: 'private',
		},
		status: 'warn',
		summary: /Hosts often map a site’s own name this way/,
		remediation: /Copy as curl/,
	},
	// HTTPS.
	{
		behaviour: 'passes https on both addresses',
		requirement: 'https',
		environment: {},
		status: 'pass',
		summary: /Both the Site Address and the WordPress Address use https/,
	},
	{
		behaviour: 'fails an http Site Address',
		requirement: 'https',
		environment: {
			homeUrl: 'http://shop.nordicgoods.se',
			siteUrl: 'http://shop.nordicgoods.se',
		},
		status: 'fail',
		summary: /Site Address does not use https/,
		remediation: /WP_HOME and WP_SITEURL/,
	},
	{
		behaviour: 'fails an http WordPress Address even when home is https',
		requirement: 'https',
		environment: { siteUrl: 'http://shop.nordicgoods.se/wp' },
		status: 'fail',
		summary: /WordPress Address does not use https/,
	},
	// Certificate.
	{
		behaviour: 'passes a valid certificate with its end date',
		requirement: 'certificate',
		environment: {},
		status: 'pass',
		summary: /valid for this name until 2025-06-30/,
		evidence: /Issued by: CN=R11, O=Let's Encrypt, C=US/,
	},
	{
		behaviour: 'warns 10 days before the certificate expires',
		requirement: 'certificate',
		environment: {
			certificate: certificate(
				'2025-02-24T00:00:00Z',
				'2025-05-24T12:00:00Z'
			),
		},
		status: 'warn',
		summary: /expires in 10 days/,
		remediation: /Renew the certificate now/,
	},
	{
		behaviour: 'uses the singular for one day left',
		requirement: 'certificate',
		environment: {
			certificate: certificate(
				'2025-02-14T00:00:00Z',
				'2025-05-15T12:00:00Z'
			),
		},
		status: 'warn',
		summary: /expires in 1 day:/,
	},
	{
		behaviour: 'fails an expired certificate',
		requirement: 'certificate',
		environment: {
			certificate: certificate(
				'2025-02-01T00:00:00Z',
				'2025-05-01T00:00:00Z'
			),
		},
		status: 'fail',
		summary: /has expired/,
		cause: 'an expired certificate',
	},
	{
		behaviour: 'fails a certificate that is not valid yet',
		requirement: 'certificate',
		environment: {
			certificate: certificate(
				'2025-06-01T00:00:00Z',
				'2025-09-01T00:00:00Z'
			),
		},
		status: 'fail',
		summary: /not valid yet/,
	},
	{
		behaviour: 'fails a self-signed certificate',
		requirement: 'certificate',
		environment: {
			certificate: {
				...certificate(
					'2025-01-01T00:00:00Z',
					'2035-01-01T00:00:00Z'
				),
				selfSigned: true,
				issuer: 'CN=shop.nordicgoods.se',
			},
		},
		status: 'fail',
		summary: /self-signed/,
	},
	{
		behaviour: 'fails a certificate for another host',
		requirement: 'certificate',
		environment: {
			certificate: {
				...certificate(
					'2025-04-01T00:00:00Z',
					'2025-06-30T00:00:00Z'
				),
				subject: 'CN=*.webhotel-cluster.net',
				hostMatches: false,
			},
		},
		status: 'fail',
		summary: /for another name than this site/,
	},
	{
		behaviour:
			'fails when the certificate could not be read for a TLS error',
		requirement: 'certificate',
		environment: {
			certificate: null,
			certificateError:
				'SSL certificate problem: certificate has expired',
		},
		status: 'fail',
		summary: /has expired/,
		evidence: /Error: SSL certificate problem: certificate has expired/,
	},
	{
		behaviour: 'fails an unreadable certificate for an unknown TLS error',
		requirement: 'certificate',
		environment: {
			certificate: null,
			certificateError:
				'error:0A000126:SSL routines::unexpected eof while reading',
		},
		status: 'fail',
		summary: /could not be verified/,
	},
	{
		behaviour:
			'only informs when the certificate details could not be read',
		requirement: 'certificate',
		environment: { certificate: null, certificateError: null },
		status: 'info',
		summary: /details could not be read/,
	},
	{
		behaviour: 'only informs when the certificate dates are unreadable',
		requirement: 'certificate',
		environment: { certificate: certificate( 'unknown', 'unknown' ) },
		status: 'info',
		summary: /dates could not be read/,
	},
	// Permalinks.
	{
		behaviour: 'fails plain permalinks',
		requirement: 'permalinks',
		environment: { permalinkStructure: '' },
		status: 'fail',
		summary: /plain permalinks/,
		remediation: /Post name/,
	},
	{
		behaviour: 'passes pretty permalinks, showing the structure',
		requirement: 'permalinks',
		environment: {},
		status: 'pass',
		summary: /Pretty permalinks are on/,
		evidence: /Permalink structure: \/%postname%\//,
	},
	// WooCommerce and KCO.
	{
		behaviour: 'fails without WooCommerce',
		requirement: 'woocommerce-kco',
		environment: { woocommerce: { active: false, version: null } },
		status: 'fail',
		summary: /WooCommerce is not active/,
		evidence: /WooCommerce: not active/,
	},
	{
		behaviour: 'warns without KCO',
		requirement: 'woocommerce-kco',
		environment: {
			kco: { active: false, name: null, version: null, flow: 'unknown' },
		},
		status: 'warn',
		summary: /is not active/,
		evidence: /Klarna Checkout: not active/,
	},
	{
		behaviour: 'passes with KCO, listing the callbacks Klarna calls',
		requirement: 'woocommerce-kco',
		environment: {},
		status: 'pass',
		summary:
			/Klarna Checkout for WooCommerce 2\.16\.2 is active; Klarna calls these callbacks: Push\./,
		evidence: /2\.16\.2, classic checkout \(shortcode\)/,
	},
	{
		behaviour: 'says when the checkout flow KCO serves is unknown',
		requirement: 'woocommerce-kco',
		environment: {
			kco: {
				active: true,
				name: 'Kustom Checkout',
				version: '3.2.0',
				flow: 'unknown',
			},
		},
		status: 'pass',
		summary: /Kustom Checkout 3\.2\.0 is active/,
		evidence: /Kustom Checkout: 3\.2\.0, unknown/,
	},
	// Multilingual plugins.
	{
		behaviour: 'passes with no multilingual plugin',
		requirement: 'multilingual',
		environment: {},
		status: 'pass',
		summary: /No multilingual plugin/,
	},
	{
		behaviour: 'passes WPML when every callback arrived unredirected',
		requirement: 'multilingual',
		environment: { plugins: [ WPML ] },
		status: 'pass',
		summary:
			/WPML Multilingual CMS is active and left the callback addresses alone/,
		evidence: /WPML Multilingual CMS: sitepress-multilingual-cms 8\.0\.5/,
	},
	{
		behaviour:
			'fails WPML when a callback was redirected to a language path',
		requirement: 'multilingual',
		environment: { plugins: [ WPML ] },
		observations: [
			makeObservation( {
				response: redirectResponse(
					302,
					`${ HOME }/en/wc-api/KCO_WC_Push/?kco-action=push`
				),
			} ),
			makeObservation( { variant: 'klarna-session' } ),
		],
		status: 'fail',
		summary: /redirected to a language version/,
		cause: 'WPML Multilingual CMS',
		remediation: /Use directory for default language/,
	},
	{
		behaviour:
			'warns about Weglot, with what to check, when a callback failed otherwise',
		requirement: 'multilingual',
		environment: {
			plugins: [
				makePlugin( {
					slug: 'weglot',
					name: 'Weglot Translate',
					category: 'multilingual',
				} ),
			],
		},
		observations: [
			makeObservation( { response: anonymousForbidden } ),
			makeObservation( { variant: 'klarna-session' } ),
		],
		status: 'warn',
		summary: /can add a language to the \/wc-api\/ callback addresses/,
		remediation: /Weglot: .*“Starts with” \/wc-api\//,
	},
	...(
		[
			[ 'polylang', 'Polylang', /Hide URL language information/ ],
			[ 'polylang-pro', 'Polylang Pro', /Detect browser language/ ],
			[
				'translatepress-multilingual',
				'TranslatePress',
				/Do not translate certain paths/,
			],
			[
				'wp-multilang',
				'WP Multilang',
				/Use prefix for default language/,
			],
			[
				'qtranslate-xt',
				'qTranslate-XT',
				/Settings → Languages → Advanced/,
			],
			[ 'gtranslate', 'GTranslate', /ask GTranslate support/ ],
			[
				'multilingualpress',
				'MultilingualPress',
				/MultilingualPress: make sure it adds no language/,
			],
		] as const
	 ).map( ( [ slug, name, check ] ): Case => ( {
		behaviour: `says what to check in ${ name }`,
		requirement: 'multilingual',
		environment: {
			plugins: [ makePlugin( { slug, name, category: 'multilingual' } ) ],
		},
		observations: [
			makeObservation( { response: anonymousForbidden } ),
			makeObservation( { variant: 'klarna-session' } ),
		],
		status: 'warn',
		summary: /multilingual plugins can add a language/,
		remediation: check,
	} ) ),
	// Security plugins.
	{
		behaviour: 'passes with no known security plugin',
		requirement: 'security-plugins',
		environment: {},
		status: 'pass',
		summary: /No security plugin the doctor knows is active/,
	},
	{
		behaviour: 'informs where to allow /wc-api/ in Wordfence',
		requirement: 'security-plugins',
		environment: { plugins: [ makePlugin( {} ) ] },
		status: 'info',
		summary: /Wordfence Security is active/,
		remediation:
			/Wordfence → Firewall → All Firewall Options[\s\S]*https:\/\/shop\.nordicgoods\.se\/wc-api\/\*/,
	},
	{
		behaviour:
			'says which header Wordfence takes a public address from, where the doctor presents Klarna’s',
		requirement: 'security-plugins',
		environment: {
			plugins: [
				makePlugin( {
					clientAddressTrust: 'header',
					clientAddressHeader: 'X-Forwarded-For',
				} ),
			],
		},
		status: 'info',
		summary: /Wordfence Security is active/,
		evidence:
			/Wordfence Security, client address: accepts a public address from the X-Forwarded-For header/,
	},
	{
		behaviour:
			'says a plugin that trusts only the connection is untestable from inside',
		requirement: 'security-plugins',
		environment: {
			plugins: [
				makePlugin( {
					slug: 'all-in-one-wp-security-and-firewall',
					name: 'All-In-One Security (AIOS)',
					clientAddressTrust: 'connection',
				} ),
			],
		},
		status: 'info',
		summary: /is active/,
		evidence:
			/All-In-One Security \(AIOS\), client address: trusts only the connection’s own address: its address rules are untestable from inside, use the external test/,
	},
	{
		behaviour: 'says when a plugin’s address setting could not be read',
		requirement: 'security-plugins',
		environment: {
			plugins: [
				makePlugin( {
					slug: 'wp-simple-firewall',
					name: 'Shield Security',
				} ),
			],
		},
		status: 'info',
		summary: /is active/,
		evidence:
			/Shield Security, client address: where it takes the client’s address from could not be read/,
	},
	...(
		[
			[ 'better-wp-security', 'Solid Security', /Authorized IPs/ ],
			[ 'ithemes-security-pro', 'Solid Security Pro', /Authorized IPs/ ],
			[
				'all-in-one-wp-security-and-firewall',
				'All-In-One Security (AIOS)',
				/WP Security → Firewall/,
			],
			[ 'wp-simple-firewall', 'Shield Security', /IP Manager/ ],
			[ 'ninjafirewall', 'NinjaFirewall', /URL Access Control/ ],
			[ 'nfw-pro', 'NinjaFirewall (WP+ Edition)', /URL Access Control/ ],
			[ 'sucuri-scanner', 'Sucuri Security', /Allowlist URL Paths/ ],
			[
				'bulletproof-security',
				'BulletProof Security',
				/BPS → Custom Code/,
			],
			[ 'malcare-security', 'MalCare', /MalCare dashboard/ ],
			[ 'wp-cerber', 'WP Cerber Security', /Request whitelist/ ],
			[ 'wp-defender', 'Defender Pro', /User Agent Banning/ ],
			[ 'defender-security', 'Defender', /User Agent Banning/ ],
			[
				'jetpack-protect',
				'Jetpack Protect',
				/always-allowed IP addresses/,
			],
			[
				'secupress',
				'SecuPress',
				/SecuPress: open its settings, find its allow-list/,
			],
		] as const
	 ).map( ( [ slug, name, place ] ): Case => ( {
		behaviour: `says where to allow callbacks in ${ name }`,
		requirement: 'security-plugins',
		environment: { plugins: [ makePlugin( { slug, name } ) ] },
		status: 'info',
		summary: /is active/,
		remediation: place,
	} ) ),
	// Maintenance.
	{
		behaviour: 'passes a site not in maintenance mode',
		requirement: 'maintenance',
		environment: {},
		status: 'pass',
		summary: /not in maintenance mode/,
	},
	{
		behaviour: 'fails when the .maintenance file exists',
		requirement: 'maintenance',
		environment: { maintenanceFile: true },
		status: 'fail',
		summary: /\.maintenance file exists/,
		remediation: /delete the file named \.maintenance/,
	},
	{
		behaviour: 'warns about a coming-soon plugin when a callback failed',
		requirement: 'maintenance',
		environment: {
			plugins: [
				makePlugin( {
					slug: 'coming-soon',
					name: 'SeedProd Coming Soon',
					category: 'maintenance',
				} ),
			],
		},
		observations: [
			makeObservation( { response: anonymousForbidden } ),
			makeObservation( { variant: 'klarna-session' } ),
		],
		status: 'warn',
		summary: /SeedProd Coming Soon is active/,
	},
	{
		behaviour:
			'passes a coming-soon plugin that let every callback through',
		requirement: 'maintenance',
		environment: {
			plugins: [
				makePlugin( {
					slug: 'coming-soon',
					name: 'SeedProd Coming Soon',
					category: 'maintenance',
				} ),
			],
		},
		status: 'pass',
		summary: /let the callbacks through/,
	},
];

describe( 'requirement findings', () => {
	it.each( cases )( '$behaviour', ( item ) => {
		const run = makeRun( {
			environment: item.environment,
			...( item.observations ? { observations: item.observations } : {} ),
		} );
		const finding = requirementOf( run, item.requirement );
		expect( finding.group ).toBe( 'requirement' );
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
		if ( item.status === 'fail' || item.status === 'warn' ) {
			expect( finding.impact ).toEqual( expect.any( String ) );
		}
	} );

	it( 'leaves the certificate out when the site is not on https', () => {
		const run = makeRun( {
			environment: {
				homeUrl: 'http://shop.nordicgoods.se',
				siteUrl: 'http://shop.nordicgoods.se',
			},
		} );
		const ids = diagnose( run ).findings.map( ( finding ) => finding.id );
		expect( ids ).not.toContain( 'requirement:certificate' );
	} );

	it( 'lists the requirements in the order an owner checks them', () => {
		const ids = diagnose( makeRun() )
			.findings.filter( ( finding ) => finding.group === 'requirement' )
			.map( ( finding ) => finding.id );
		expect( ids ).toEqual( [
			'requirement:public-url',
			'requirement:https',
			'requirement:certificate',
			'requirement:permalinks',
			'requirement:woocommerce-kco',
			'requirement:multilingual',
			'requirement:security-plugins',
			'requirement:maintenance',
		] );
	} );

	it( 'lists the callbacks the installed KCO does not use', () => {
		const run = makeRun( {
			endpointIds: [ 'push', 'notification', 'validation' ],
			observations: [
				makeObservation(),
				makeObservation( { variant: 'klarna-session' } ),
				makeObservation( { endpoint: 'notification' } ),
				makeObservation( { endpoint: 'validation' } ),
			],
		} );
		const finding = requirementOf( run, 'woocommerce-kco' );
		expect( evidenceText( finding ) ).toMatch(
			/Callbacks Klarna calls: Push, Notification\nCallbacks this version does not use: Validation/
		);
	} );

	it( 'names KCO without a version when the version is unknown', () => {
		const run = makeRun( {
			environment: {
				kco: {
					active: true,
					name: 'Kustom Checkout',
					version: null,
					flow: 'blocks',
				},
			},
			endpoints: [
				makeDescriptor( 'push', { usedByInstalledKco: null } ),
			],
		} );
		const finding = requirementOf( run, 'woocommerce-kco' );
		expect( finding.summary ).toBe(
			'Kustom Checkout unknown version is active.'
		);
		expect( evidenceText( finding ) ).toMatch( /checkout block/ );
	} );

	it( 'fails a local site even when its probes passed on the loopback', () => {
		const env = makeEnvironment( {
			homeUrl: 'https://nordicgoods.local',
			host: 'nordicgoods.local',
			hostAddressClass: 'loopback',
		} );
		const run = makeRun( {
			environment: env,
			observations: [
				makeObservation( {
					request: {
						url: urlFor( 'push' ).replace( HOME, env.homeUrl ),
					},
				} ),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} );
		expect( requirementOf( run, 'public-url' ).status ).toBe( 'fail' );
		expect( diagnose( run ).overall ).toBe( 'fail' );
	} );
} );

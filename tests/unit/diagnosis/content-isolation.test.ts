/**
 * Content isolation (docs/probe-protocol.md §8): when a block lifts with neutral content (a short numeric
 * order id, plain query values, a minimal or no body) the card names a firewall's content rule
 * and the part of Klarna's request it matched, never "the web server blocks every request".
 * Real fingerprints: Apache's stock 403 page must not be taken for the blocker.
 */
import type {
	EndpointId,
	Observation,
	ProbeResponse,
	Run,
	VariantId,
} from '../../../src/api/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	anonymousForbidden,
	modSecurityNotAcceptable,
} from './fixtures/responses';
import { EMPTY_SHA256, makeObservation, makeRun } from './fixtures/run';

/** Apache 2.4's own 403 page, which a default ModSecurity deny returns (checked on this stack). */
const apacheForbidden: ProbeResponse = {
	status: 403,
	reason: 'Forbidden',
	headers: {
		server: 'Apache/2.4.62 (Debian)',
		'content-type': 'text/html; charset=iso-8859-1',
	},
	body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>403 Forbidden</title>
</head><body>
<h1>Forbidden</h1>
<p>You don't have permission to access this resource.</p>
<hr>
<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 8888</address>
</body></html>
`,
	bodyTruncated: false,
};

const IDENTITY: VariantId[] = [ 'browser-user-agent', 'with-referer', 'get' ];

/**
 * One endpoint whose Klarna-shaped probe got `response`; of the variants based on it, those in
 * `passing` came back with their echo and the others got the same block.
 * @param endpoint Endpoint id.
 * @param response The block.
 * @param variants The variants the runner sent.
 * @param passing  The variants that got through.
 */
function blocked(
	endpoint: EndpointId,
	response: ProbeResponse,
	variants: VariantId[],
	passing: VariantId[]
): Run {
	const observations: Observation[] = [
		makeObservation( { endpoint, variant: 'klarna', response } ),
		...variants.map( ( variant ) => {
			const request =
				variant === 'no-body'
					? { bodyBytes: 0, bodySha256: EMPTY_SHA256 }
					: {};
			return passing.includes( variant )
				? makeObservation( { endpoint, variant, request } )
				: makeObservation( { endpoint, variant, request, response } );
		} ),
	];
	if ( endpoint === 'push' ) {
		observations.push(
			makeObservation( { endpoint, variant: 'klarna-session' } )
		);
	}
	return makeRun( { endpointIds: [ endpoint ], observations } );
}

describe( 'a block that lifts with a short numeric order id, on Apache’s stock 403 page', () => {
	const run = blocked(
		'push',
		apacheForbidden,
		[ ...IDENTITY, 'numeric-order-id', 'plain-query' ],
		[ 'numeric-order-id', 'plain-query' ]
	);
	const finding = endpointFindingOf( run );

	it( 'names a firewall content rule on Klarna’s order id, not Apache blocking every request', () => {
		expect( finding.status ).toBe( 'fail' );
		expect( finding.summary ).toMatch( /because of Klarna’s order id/ );
		expect( finding.summary ).toMatch( /981173/ );
		expect( finding.summary ).not.toMatch( /every request/ );
		expect( finding.cause ).toBe(
			'a web application firewall (most likely ModSecurity on Apache)'
		);
	} );

	it( 'says why ModSecurity is the likely engine', () => {
		expect( evidenceText( finding ) ).toMatch(
			/Likely firewall: Apache has no rules of its own that read a request’s query values or body, and its stock “Forbidden” page is exactly what a ModSecurity deny returns/
		);
		expect( evidenceText( finding ) ).toMatch( /Identified by: Apache/ );
	} );

	it( 'asks for an exclusion of the callback paths at that firewall, not for switching it off', () => {
		const text = remediationText( finding );
		expect( text ).toMatch(
			/Exclude the callback addresses from the firewall rule that matches Klarna’s order id/
		);
		expect( text ).toMatch( /ruleRemoveById=981173/ );
		expect( text ).toMatch( /keep the firewall on/ );
		expect( text ).not.toMatch(
			/\.htaccess file in your WordPress folder/
		);
	} );

	it( 'lists each neutral variant with its outcome', () => {
		expect( finding.variants ).toEqual(
			expect.arrayContaining( [
				expect.objectContaining( {
					variant: 'numeric-order-id',
					passed: true,
				} ),
				expect.objectContaining( {
					variant: 'with-referer',
					passed: false,
				} ),
			] )
		);
	} );
} );

it( 'still says every request is blocked when the neutral content is blocked too', () => {
	const finding = endpointFindingOf(
		blocked(
			'push',
			apacheForbidden,
			[ ...IDENTITY, 'numeric-order-id', 'plain-query' ],
			[]
		)
	);

	expect( finding.summary ).toMatch( /blocks every request/ );
	expect( finding.cause ).toBe( 'Apache' );
} );

it( 'names Klarna’s order data when only a minimal body or none gets through, not POST', () => {
	const finding = endpointFindingOf(
		blocked(
			'block-validate',
			apacheForbidden,
			[ ...IDENTITY, 'numeric-order-id', 'minimal-body', 'no-body' ],
			[ 'get', 'minimal-body', 'no-body' ]
		),
		'block-validate'
	);

	expect( finding.summary ).toMatch(
		/because of the order data Klarna posts/
	);
	expect( finding.summary ).toMatch( /merchant_data/ );
	expect( finding.summary ).not.toMatch( /lets GET through/ );
	expect( finding.cause ).toMatch( /ModSecurity on Apache/ );
	expect( remediationText( finding ) ).toMatch( /942370/ );
} );

it( 'names Klarna’s query values when only plain values get through', () => {
	const finding = endpointFindingOf(
		blocked(
			'push',
			apacheForbidden,
			[ ...IDENTITY, 'numeric-order-id', 'plain-query' ],
			[ 'plain-query' ]
		)
	);

	expect( finding.summary ).toMatch(
		/because of the values in Klarna’s query string/
	);
} );

it( 'names a rule on any JSON body when only the request without a body gets through', () => {
	const finding = endpointFindingOf(
		blocked(
			'notification',
			apacheForbidden,
			[ ...IDENTITY, 'numeric-order-id', 'minimal-body', 'no-body' ],
			[ 'get', 'no-body' ]
		),
		'notification'
	);

	expect( finding.summary ).toMatch( /whenever it carries a JSON body/ );
} );

it( 'keeps the product’s name when a firewall identified itself', () => {
	const finding = endpointFindingOf(
		blocked(
			'push',
			modSecurityNotAcceptable,
			[ ...IDENTITY, 'numeric-order-id' ],
			[ 'numeric-order-id' ]
		)
	);

	expect( finding.cause ).toBe( 'ModSecurity' );
	expect( finding.summary ).toMatch(
		/^ModSecurity blocks this callback because of Klarna’s order id/
	);
	expect( remediationText( finding ) ).toMatch( /ruleRemoveById=981173/ );
} );

it( 'calls an unnamed block page that lifts with neutral content a firewall’s content rule', () => {
	const finding = endpointFindingOf(
		blocked(
			'push',
			anonymousForbidden,
			[ ...IDENTITY, 'numeric-order-id' ],
			[ 'numeric-order-id' ]
		)
	);

	expect( finding.cause ).toBe( 'a web application firewall’s content rule' );
	expect( finding.summary ).toMatch( /^A web application firewall blocks/ );
} );

it( 'prefers an identity trigger: a block lifted by a browser User-Agent is about the User-Agent', () => {
	const finding = endpointFindingOf(
		blocked(
			'push',
			apacheForbidden,
			[ ...IDENTITY, 'numeric-order-id' ],
			[ 'browser-user-agent', 'numeric-order-id' ]
		)
	);

	expect( finding.summary ).toMatch(
		/only when the User-Agent is APIs-Klarna/
	);
} );

it( 'reports a body-size limit (413) that lifts with a minimal body as a size limit, not a content rule', () => {
	const tooLarge: ProbeResponse = {
		...apacheForbidden,
		status: 413,
		reason: 'Request Entity Too Large',
		body: '<html><head><title>413 Request Entity Too Large</title></head><body><h1>Request Entity Too Large</h1></body></html>',
	};
	const finding = endpointFindingOf(
		blocked(
			'block-validate',
			tooLarge,
			[ ...IDENTITY, 'numeric-order-id', 'minimal-body', 'no-body' ],
			[ 'minimal-body', 'no-body' ]
		),
		'block-validate'
	);

	expect( finding.status ).toBe( 'fail' );
	expect( finding.cause ).toBe( 'a request size limit' );
	expect( finding.summary ).toMatch( /too large/ );
	expect( finding.summary ).not.toMatch( /firewall/ );
	expect( remediationText( finding ) ).toMatch( /client_max_body_size/ );
} );

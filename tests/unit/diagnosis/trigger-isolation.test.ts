/**
 * Trigger isolation: the variant that gets through names what the blocking rule reacts to.
 */
import type {
	Observation,
	ProbeResponse,
	VariantId,
} from '../../../src/api/types';
import type { FindingStatus } from '../../../src/diagnosis/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	anonymousForbidden,
	modSecurityNotAcceptable,
	themeNotFound,
} from './fixtures/responses';
import { makeObservation, makeRun } from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

/**
 * The push as KCO 2.0–2.18 sent it is blocked; `passing` lists the variants (based on it) that
 * got through, every other variant is blocked the same way.
 * @param response   The block the failing probes got.
 * @param passing    The variants that got through.
 * @param kcoVersion Installed KCO version.
 */
function sessionPushBlocked(
	response: ProbeResponse,
	passing: VariantId[],
	kcoVersion = '2.16.2'
): ReturnType< typeof makeRun > {
	const variants: VariantId[] = [
		'browser-user-agent',
		'with-referer',
		'without-session-id',
		'get',
	];
	const observations: Observation[] = [
		makeObservation( { variant: 'klarna' } ),
		makeObservation( { variant: 'klarna-session', response } ),
		...variants.map( ( variant ) =>
			passing.includes( variant )
				? makeObservation( { variant, basedOn: 'klarna-session' } )
				: makeObservation( {
						variant,
						basedOn: 'klarna-session',
						response,
					} )
		),
	];
	return makeRun( {
		environment: {
			kco: {
				active: true,
				name: 'Klarna Checkout for WooCommerce',
				version: kcoVersion,
				flow: 'classic',
			},
		},
		observations,
	} );
}

/**
 * The current push (no session id) is blocked; `passing` variants got through.
 * @param response The block the failing probes got.
 * @param passing  The variants that got through.
 */
function pushBlocked(
	response: ProbeResponse,
	passing: VariantId[]
): ReturnType< typeof makeRun > {
	const variants: VariantId[] = [
		'browser-user-agent',
		'with-referer',
		'get',
	];
	return makeRun( {
		observations: [
			makeObservation( { variant: 'klarna', response } ),
			makeObservation( { variant: 'klarna-session' } ),
			...variants.map( ( variant ) =>
				passing.includes( variant )
					? makeObservation( { variant } )
					: makeObservation( { variant, response } )
			),
		],
	} );
}

interface Case {
	behaviour: string;
	run: ReturnType< typeof makeRun >;
	status: FindingStatus;
	cause: string;
	summary: RegExp;
	remediation: RegExp;
}

const cases: Case[] = [
	{
		behaviour: 'says the block happens only with User-Agent APIs-Klarna',
		run: pushBlocked( anonymousForbidden, [ 'browser-user-agent' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary:
			/^Something that did not identify itself blocks this callback only when the User-Agent is APIs-Klarna/,
		remediation: /matches the User-Agent “APIs-Klarna”/,
	},
	{
		behaviour:
			'combines the product name with the trigger when the block page names itself',
		run: pushBlocked( modSecurityNotAcceptable, [ 'browser-user-agent' ] ),
		status: 'fail',
		cause: 'ModSecurity',
		summary:
			/^ModSecurity blocks this callback only when the User-Agent is APIs-Klarna/,
		remediation:
			/ModSecurity: allow[\s\S]*matches the User-Agent “APIs-Klarna”/,
	},
	{
		behaviour:
			'recognises the session id without Referer pattern of rule 211180 when a Referer lets it through',
		run: sessionPushBlocked( anonymousForbidden, [ 'with-referer' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary:
			/only when a kco_session_id parameter arrives without a Referer: the pattern of ModSecurity rule 211180 \(Comodo WAF\) or OWASP CRS 2 rule 950000/,
		remediation:
			/Disable ModSecurity rule 211180[\s\S]*Switch off security rules[\s\S]*contact Klarna merchant support[\s\S]*push only as a backup/,
	},
	{
		behaviour:
			'recognises the same pattern when dropping the session id lets it through',
		run: sessionPushBlocked( anonymousForbidden, [ 'without-session-id' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary: /kco_session_id parameter arrives without a Referer/,
		remediation: /rule 211180/,
	},
	{
		behaviour:
			'says the block happens only without a Referer when no session id was sent',
		run: pushBlocked( anonymousForbidden, [ 'with-referer' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary: /only when it arrives without a Referer/,
		remediation: /requires a Referer/,
	},
	{
		behaviour: 'says POST is blocked but GET is not',
		run: pushBlocked( anonymousForbidden, [ 'get' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary: /blocks POST requests to this callback but lets GET through/,
		remediation: /rule on POST requests or on JSON request bodies/,
	},
	{
		behaviour: 'says every request is blocked when no variant got through',
		run: pushBlocked( anonymousForbidden, [] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary:
			/blocks every request to this callback, not only Klarna-shaped ones/,
		remediation:
			/keyed on the address these checks come from[\s\S]*Copy as curl/,
	},
	{
		behaviour:
			'reports a 404 that a browser User-Agent gets past as a block, not as missing permalinks',
		run: pushBlocked( themeNotFound, [ 'browser-user-agent' ] ),
		status: 'fail',
		cause: 'Something that did not identify itself',
		summary: /only when the User-Agent is APIs-Klarna/,
		remediation: /APIs-Klarna/,
	},
	{
		behaviour: 'keeps a 404 a 404 when every variant is not found either',
		run: pushBlocked( themeNotFound, [] ),
		status: 'fail',
		cause: 'address not found',
		summary: /was not found \(404\)/,
		remediation: /Save Changes/,
	},
];

describe( 'trigger isolation from variant probes', () => {
	it.each( cases )( '$behaviour', ( item ) => {
		const finding = endpointFindingOf( item.run );
		expect( finding.status ).toBe( item.status );
		expect( finding.cause ).toBe( item.cause );
		expect( finding.summary ).toMatch( item.summary );
		expect( remediationText( finding ) ).toMatch( item.remediation );
	} );

	it( 'records which variant passed and which failed', () => {
		const finding = endpointFindingOf(
			pushBlocked( anonymousForbidden, [ 'browser-user-agent' ] )
		);
		expect( finding.variants ).toEqual( [
			{ variant: 'klarna', passed: false, outcome: 'HTTP 403 Forbidden' },
			{
				variant: 'klarna-session',
				passed: true,
				outcome: 'reached WordPress (signed echo)',
			},
			{
				variant: 'browser-user-agent',
				passed: true,
				outcome: 'reached WordPress (signed echo)',
			},
			{
				variant: 'with-referer',
				passed: false,
				outcome: 'HTTP 403 Forbidden',
			},
			{ variant: 'get', passed: false, outcome: 'HTTP 403 Forbidden' },
		] );
		expect( evidenceText( finding ) ).toMatch(
			/Variants: As Klarna sends it: HTTP 403 Forbidden; .*With a browser’s User-Agent: reached WordPress \(signed echo\)/
		);
	} );

	it( 'passes a push whose retired shape is blocked when the installed KCO no longer sends kco_session_id, and says what the old shape met', () => {
		const finding = endpointFindingOf(
			sessionPushBlocked(
				anonymousForbidden,
				[ 'with-referer', 'without-session-id' ],
				'3.1.0'
			)
		);
		expect( finding.status ).toBe( 'pass' );
		expect( finding.state ).toBe( 'passed' );
		expect( evidenceText( finding ) ).toMatch( /rule 211180/ );
		expect( evidenceText( finding ) ).toMatch(
			/KCO 3\.1\.0 no longer adds kco_session_id/
		);
	} );

	it( 'fails a push whose session shape is blocked while the installed KCO still sends it', () => {
		const finding = endpointFindingOf(
			sessionPushBlocked(
				anonymousForbidden,
				[ 'with-referer', 'without-session-id' ],
				'2.18.0'
			)
		);
		expect( finding.status ).toBe( 'fail' );
		expect( finding.state ).toBe( 'blocked' );
	} );

	it( 'treats a variant with no basedOn as derived from the Klarna shape', () => {
		const run = makeRun( {
			observations: [
				makeObservation( {
					variant: 'klarna',
					response: anonymousForbidden,
				} ),
				makeObservation( { variant: 'klarna-session' } ),
				makeObservation( {
					variant: 'browser-user-agent',
					basedOn: null,
				} ),
			],
		} );
		expect( endpointFindingOf( run ).summary ).toMatch(
			/only when the User-Agent is APIs-Klarna/
		);
	} );

	it( 'names no trigger when only a variant that changed nothing relevant got through', () => {
		const run = makeRun( {
			observations: [
				makeObservation( {
					variant: 'klarna',
					response: anonymousForbidden,
				} ),
				makeObservation( { variant: 'klarna-session' } ),
				makeObservation( {
					variant: 'browser-user-agent',
					response: anonymousForbidden,
				} ),
				makeObservation( { variant: 'without-session-id' } ),
			],
		} );
		expect( endpointFindingOf( run ).summary ).toMatch(
			/^Something that did not identify itself blocked this callback \(HTTP 403\)/
		);
	} );

	it( 'finds rule 211180 on the classic validation too, without the push’s backup note', () => {
		const response = anonymousForbidden;
		const run = makeRun( {
			endpointIds: [ 'validation' ],
			observations: [
				makeObservation( { endpoint: 'validation', response } ),
				makeObservation( {
					endpoint: 'validation',
					variant: 'browser-user-agent',
					response,
				} ),
				makeObservation( {
					endpoint: 'validation',
					variant: 'with-referer',
				} ),
			],
		} );
		const finding = endpointFindingOf( run, 'validation' );
		expect( finding.summary ).toMatch( /rule 211180/ );
		expect( remediationText( finding ) ).not.toMatch( /backup/ );
	} );

	it( 'ignores variants derived from another Klarna shape', () => {
		const run = makeRun( {
			observations: [
				makeObservation( {
					variant: 'klarna',
					response: anonymousForbidden,
				} ),
				makeObservation( { variant: 'klarna-session' } ),
				makeObservation( {
					variant: 'browser-user-agent',
					basedOn: 'klarna-session',
				} ),
			],
		} );
		const finding = endpointFindingOf( run );
		expect( finding.summary ).toMatch(
			/blocked this callback \(HTTP 403\)/
		);
	} );
} );

describe( 'when both Klarna shapes of the push are blocked', () => {
	it( 'names the trigger isolated from the shape the variants were based on', () => {
		const variants: VariantId[] = [
			'browser-user-agent',
			'with-referer',
			'without-session-id',
			'get',
		];
		const run = makeRun( {
			observations: [
				makeObservation( {
					variant: 'klarna',
					response: modSecurityNotAcceptable,
				} ),
				makeObservation( {
					variant: 'klarna-session',
					response: modSecurityNotAcceptable,
				} ),
				...variants.map( ( variant ) =>
					variant === 'browser-user-agent'
						? makeObservation( {
								variant,
								basedOn: 'klarna-session',
							} )
						: makeObservation( {
								variant,
								basedOn: 'klarna-session',
								response: modSecurityNotAcceptable,
							} )
				),
			],
		} );

		const finding = endpointFindingOf( run, 'push' );

		expect( finding.status ).toBe( 'fail' );
		expect( finding.summary ).toContain( 'APIs-Klarna' );
		expect( finding.summary ).toMatch( /only when the User-Agent/ );
	} );
} );

/**
 * Probes that got no HTTP answer: what the transport's error says, and when it says nothing
 * about Klarna's path.
 */
import type { Environment, TransportError } from '../../../src/api/types';
import type { FindingStatus } from '../../../src/diagnosis/types';
import { endpointFindingOf, remediationText } from './fixtures/find';
import { makeObservation, makeRun } from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

/** The server resolves its own public name to a private address (hosts file, split DNS). */
const INTERNAL_PATH: Partial< Environment > = {
	hostAddresses: [ '10.0.4.17' ],
	hostAddressClass: 'private',
};

interface Case {
	behaviour: string;
	error: TransportError;
	environment?: Partial< Environment >;
	measuredAlone?: boolean;
	connectMs?: number | null;
	totalMs?: number;
	status: FindingStatus;
	cause: string;
	summary: RegExp;
	remediation?: RegExp;
}

const cases: Case[] = [
	{
		behaviour: 'reports an expired certificate from cURL’s message',
		error: {
			code: 'tls',
			message: 'SSL certificate problem: certificate has expired',
		},
		status: 'fail',
		cause: 'an expired certificate',
		summary: /has expired/,
		remediation: /Let’s Encrypt/,
	},
	{
		behaviour: 'reports a self-signed certificate',
		error: {
			code: 'tls',
			message: 'SSL certificate problem: self-signed certificate',
		},
		status: 'fail',
		cause: 'a self-signed certificate',
		summary: /self-signed/,
	},
	{
		behaviour: 'reports a certificate for another host name',
		error: {
			code: 'tls',
			message:
				"SSL: no alternative certificate subject name matches target host name 'shop.nordicgoods.se'",
		},
		status: 'fail',
		cause: 'a certificate for another host name',
		summary: /for another name than this site/,
	},
	{
		behaviour: 'reports a certificate sent without its intermediates',
		error: {
			code: 'tls',
			message:
				'SSL certificate problem: unable to get local issuer certificate',
		},
		status: 'fail',
		cause: 'an incomplete certificate chain',
		summary: /without the intermediate certificates/,
		remediation: /fullchain/,
	},
	{
		behaviour: 'reports any other TLS failure as an HTTPS problem',
		error: {
			code: 'tls',
			message:
				'OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to shop.nordicgoods.se:443',
		},
		status: 'fail',
		cause: 'an HTTPS problem',
		summary: /secure \(HTTPS\) connection to the site failed/,
	},
	{
		behaviour:
			'calls a TLS failure on the server’s internal path inconclusive, not Klarna’s problem',
		error: {
			code: 'tls',
			message: 'SSL certificate problem: self-signed certificate',
		},
		environment: INTERNAL_PATH,
		status: 'warn',
		cause: 'inconclusive',
		summary: /through an internal address/,
		remediation: /Copy as curl/,
	},
	{
		behaviour: 'reports a DNS failure with the vendor’s tunnelling advice',
		error: {
			code: 'dns',
			message: 'Could not resolve host: shop.nordicgoods.se',
		},
		status: 'fail',
		cause: 'a DNS failure',
		summary: /The name shop\.nordicgoods\.se could not be looked up/,
		remediation: /ngrok/,
	},
	{
		behaviour: 'reports a refused connection on the public address',
		error: {
			code: 'connect',
			message:
				'Failed to connect to shop.nordicgoods.se port 443 after 3 ms: Connection refused',
		},
		status: 'fail',
		cause: 'connection refused',
		summary: /refused the connection/,
	},
	{
		behaviour:
			'calls a refused connection on the internal path inconclusive',
		error: {
			code: 'connect',
			message:
				'Failed to connect to shop.nordicgoods.se port 443 after 0 ms: Connection refused',
		},
		environment: INTERNAL_PATH,
		status: 'warn',
		cause: 'inconclusive',
		summary: /could not connect to its own site/,
	},
	{
		behaviour:
			'calls a timeout among concurrent probes inconclusive until re-tried alone',
		error: {
			code: 'timeout',
			message:
				'Operation timed out after 10001 milliseconds with 0 bytes received',
		},
		measuredAlone: false,
		totalMs: 10001,
		status: 'warn',
		cause: 'inconclusive',
		summary: /timed out while other checks were running/,
	},
	{
		behaviour: 'fails a callback that timed out when measured alone',
		error: {
			code: 'timeout',
			message:
				'Operation timed out after 10001 milliseconds with 0 bytes received',
		},
		measuredAlone: true,
		totalMs: 10001,
		status: 'fail',
		cause: 'no answer in time',
		summary:
			/did not answer within 10\.0 s, even with no other check running/,
	},
	{
		behaviour:
			'calls a timeout that never connected on the internal path inconclusive',
		error: {
			code: 'timeout',
			message: 'Connection timed out after 10000 milliseconds',
		},
		environment: INTERNAL_PATH,
		measuredAlone: true,
		connectMs: null,
		status: 'warn',
		cause: 'inconclusive',
		summary: /could not connect to its own site in time/,
	},
	{
		behaviour: 'calls a probe cut off by the run’s deadline inconclusive',
		error: { code: 'deadline', message: 'Run deadline of 25 s reached' },
		status: 'warn',
		cause: 'inconclusive',
		summary: /run ended before this check got an answer/,
	},
	{
		behaviour: 'calls an unexplained transport error inconclusive',
		error: {
			code: 'other',
			message: 'Recv failure: Connection reset by peer',
		},
		status: 'warn',
		cause: 'inconclusive',
		summary: /failed before any answer came back/,
	},
];

describe( 'transport errors', () => {
	it.each( cases )( '$behaviour', ( item ) => {
		const run = makeRun( {
			environment: item.environment,
			observations: [
				makeObservation( {
					error: item.error,
					measuredAlone: item.measuredAlone,
					connectMs: item.connectMs,
					totalMs: item.totalMs,
				} ),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} );
		const finding = endpointFindingOf( run );
		expect( finding.status ).toBe( item.status );
		expect( finding.cause ).toBe( item.cause );
		expect( finding.summary ).toMatch( item.summary );
		if ( item.remediation ) {
			expect( remediationText( finding ) ).toMatch( item.remediation );
		}
		expect( finding.evidence ).toContainEqual( {
			label: 'Network error',
			value: `${ item.error.code }: ${ item.error.message }`,
		} );
	} );

	it( 'judges a timed-out probe by its re-try sent alone', () => {
		const run = makeRun( {
			observations: [
				makeObservation( {
					error: { code: 'timeout', message: 'Operation timed out' },
					totalMs: 10000,
				} ),
				makeObservation( { measuredAlone: true, totalMs: 180 } ),
				makeObservation( { variant: 'klarna-session' } ),
			],
		} );
		expect( endpointFindingOf( run ).status ).toBe( 'pass' );
	} );
} );

/**
 * Runs, findings and diagnoses for component tests, built directly (the diagnosis itself is
 * tested on its own): each builder takes only what a test cares about.
 */
import type {
	Environment,
	ExternalProbe,
	Run,
	RunSummary,
} from '../../../src/api/types';
import type { Diagnosis, Finding } from '../../../src/diagnosis/types';

export function anEnvironment(
	overrides: Partial< Environment > = {}
): Environment {
	return {
		homeUrl: 'http://127.0.0.1:8888',
		siteUrl: 'http://127.0.0.1:8888',
		host: '127.0.0.1',
		hostAddresses: [ '127.0.0.1' ],
		hostAddressClass: 'loopback',
		permalinkStructure: '/%postname%/',
		wordpressVersion: '6.8.3',
		phpVersion: '8.2.29',
		serverSoftware: 'Apache/2.4.62 (Debian)',
		woocommerce: { active: true, version: '10.3.0' },
		kco: {
			active: true,
			name: 'Klarna Checkout for WooCommerce',
			version: '2.21.0',
			flow: 'classic',
		},
		plugins: [],
		maintenanceFile: false,
		certificate: null,
		certificateError: null,
		...overrides,
	};
}

export function aRun( overrides: Partial< Run > = {} ): Run {
	return {
		id: 'run-1',
		startedAt: '2026-03-12T14:05:00Z',
		durationMs: 4200,
		endpointIds: [ 'push', 'notification' ],
		endpoints: [
			{
				id: 'push',
				label: 'Push',
				method: 'POST',
				path: '/wc-api/KCO_WC_Push/',
				deadlineMs: null,
				strictDeadlineMs: null,
				kcoVersions: '2.0–',
				usedByInstalledKco: true,
			},
			{
				id: 'notification',
				label: 'Notification',
				method: 'POST',
				path: '/wc-api/KCO_WC_Notification/',
				deadlineMs: null,
				strictDeadlineMs: null,
				kcoVersions: '2.0–2.19',
				usedByInstalledKco: false,
			},
		],
		environment: anEnvironment(),
		observations: [
			{
				endpoint: 'push',
				variant: 'klarna',
				basedOn: null,
				request: {
					method: 'POST',
					url: 'http://127.0.0.1:8888/wc-api/KCO_WC_Push/?kco-action=push',
					headers: { 'User-Agent': 'APIs-Klarna' },
					bodyBytes: 0,
					bodySha256: 'e3b0',
				},
				error: null,
				response: {
					status: 200,
					reason: 'OK',
					headers: {},
					body: '{}',
					bodyTruncated: false,
				},
				redirects: [],
				timing: {
					totalMs: 120,
					connectMs: 1,
					tlsMs: null,
					measuredAlone: true,
				},
				echo: null,
			},
		],
		trimmed: false,
		...overrides,
	};
}

export function aRunSummary(
	overrides: Partial< RunSummary > = {}
): RunSummary {
	return {
		id: 'run-1',
		startedAt: '2026-03-12T14:05:00Z',
		durationMs: 4200,
		source: 'page',
		endpointIds: [ 'push', 'notification' ],
		overall: 'ok',
		verdicts: [
			{ id: 'push', state: 'passed', used: true },
			{ id: 'notification', state: 'passed', used: true },
		],
		...overrides,
	};
}

export function aFinding( overrides: Partial< Finding > = {} ): Finding {
	return {
		id: 'endpoint:push',
		group: 'endpoint',
		endpoint: 'push',
		status: 'pass',
		title: 'Push callback',
		summary: 'Klarna can reach the push callback.',
		evidence: [ { label: 'Status', value: 'HTTP 200 OK' } ],
		remediation: [],
		usedByKlarna: true,
		...overrides,
	};
}

export const publicUrlFailure = aFinding( {
	id: 'requirement:public-url',
	group: 'requirement',
	endpoint: undefined,
	status: 'fail',
	title: 'Public address',
	summary: 'Your site answers at 127.0.0.1, which Klarna cannot reach.',
	cause: 'a private address',
	remediation: [
		{
			text: 'Put the shop on a public domain name.',
			copy: [ 'https://shop.example/wc-api/*' ],
		},
		{ text: 'Run the checks again.' },
	],
} );

export function aDiagnosis( findings: Finding[] ): Diagnosis {
	const counts = { pass: 0, warn: 0, fail: 0, info: 0 };
	for ( const finding of findings ) {
		counts[ finding.status ] += 1;
	}
	const problems = findings.filter(
		( finding ) =>
			finding.status === 'fail' && finding.usedByKlarna !== false
	).length;
	let overall: Diagnosis[ 'overall' ] = 'pass';
	if ( counts.fail > 0 ) {
		overall = 'fail';
	} else if ( counts.warn > 0 ) {
		overall = 'warn';
	}
	return { findings, counts, problems, overall };
}

export function anExternalProbe(
	overrides: Partial< ExternalProbe > = {}
): ExternalProbe {
	return {
		endpoint: 'push',
		url: 'http://127.0.0.1:8888/wc-api/KCO_WC_Push/',
		method: 'POST',
		headers: { 'User-Agent': 'APIs-Klarna' },
		body: '',
		curl: "curl -X POST -H 'User-Agent: APIs-Klarna' 'http://127.0.0.1:8888/wc-api/KCO_WC_Push/'",
		expiresAt: '2026-03-12T14:20:00Z',
		...overrides,
	};
}

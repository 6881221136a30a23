/**
 * Probes that got no HTTP answer: TLS, DNS, connection, timeout, the run's deadline. The
 * transport's own message (cURL's wording) tells the TLS cases apart.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Observation, TransportError } from '../api/types';
import {
	certificateStep,
	contactHostStep,
	externalTestStep,
	rerunStep,
} from './remediation';
import { formatDuration } from './plain-text';
import { loopbackPathDiffers } from './site-address';
import type { EndpointContext, Verdict } from './endpoint-context';
import { noFreeWorkerVerdict } from './worker-capacity';

type TlsProblem = 'expired' | 'self-signed' | 'wrong-host' | 'chain' | 'other';

/**
 * cURL/OpenSSL wording, e.g. "SSL certificate problem: certificate has expired".
 * @param message The transport’s error message.
 */
export function tlsProblem( message: string ): TlsProblem {
	const text = message.toLowerCase();
	if ( /expired/.test( text ) ) {
		return 'expired';
	}
	if ( /self[- ]signed/.test( text ) ) {
		return 'self-signed';
	}
	if (
		/no alternative certificate subject name|does(?:n't| not) match|subject name|hostname mismatch|host name mismatch/.test(
			text
		)
	) {
		return 'wrong-host';
	}
	if (
		/local issuer|issuer certificate|certificate chain|verify the first certificate/.test(
			text
		)
	) {
		return 'chain';
	}
	return 'other';
}

function tlsVerdict( error: TransportError ): Verdict {
	const steps = [ certificateStep(), contactHostStep(), rerunStep() ];
	switch ( tlsProblem( error.message ) ) {
		case 'expired':
			return {
				status: 'fail',
				summary: __(
					'The site’s HTTPS certificate has expired, so Klarna’s servers refuse to send the callback.',
					'kco-callback-doctor'
				),
				causeId: 'certificate-expired',
				cause: __( 'an expired certificate', 'kco-callback-doctor' ),
				remediation: steps,
			};
		case 'self-signed':
			return {
				status: 'fail',
				summary: __(
					'The site uses a self-signed HTTPS certificate, which Klarna’s servers do not trust, so the callback is refused.',
					'kco-callback-doctor'
				),
				causeId: 'certificate-self-signed',
				cause: __( 'a self-signed certificate', 'kco-callback-doctor' ),
				remediation: steps,
			};
		case 'wrong-host':
			return {
				status: 'fail',
				summary: __(
					'The HTTPS certificate the server presents is for another name than this site, so Klarna’s servers refuse to send the callback.',
					'kco-callback-doctor'
				),
				causeId: 'certificate-wrong-host',
				cause: __(
					'a certificate for another host name',
					'kco-callback-doctor'
				),
				remediation: steps,
			};
		case 'chain':
			return {
				status: 'fail',
				summary: __(
					'The server sends its HTTPS certificate without the intermediate certificates, so it cannot be verified and Klarna’s call can be refused.',
					'kco-callback-doctor'
				),
				causeId: 'certificate-chain',
				cause: __(
					'an incomplete certificate chain',
					'kco-callback-doctor'
				),
				remediation: [
					{
						text: __(
							'Install the full certificate chain (the certificate plus its intermediate certificates, often called “fullchain”) on the web server; your hosting control panel usually does this when you reinstall the certificate.',
							'kco-callback-doctor'
						),
					},
					contactHostStep(),
					rerunStep(),
				],
			};
		case 'other':
			return {
				status: 'fail',
				summary: __(
					'The secure (HTTPS) connection to the site failed, so Klarna’s call cannot be delivered.',
					'kco-callback-doctor'
				),
				causeId: 'tls-error',
				cause: __( 'an HTTPS problem', 'kco-callback-doctor' ),
				remediation: steps,
			};
	}
}

function inconclusive( causeId: string, summary: string ): Verdict {
	return {
		status: 'warn',
		summary,
		causeId,
		cause: __( 'inconclusive', 'kco-callback-doctor' ),
		remediation: [ rerunStep(), externalTestStep() ],
		externalTest: true,
	};
}

function connectVerdict(): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The site refused the connection, so Klarna’s servers cannot deliver the callback.',
			'kco-callback-doctor'
		),
		causeId: 'connection-refused',
		cause: __( 'connection refused', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Make sure the web server accepts connections on the site’s address and port (443 for HTTPS) from the internet.',
					'kco-callback-doctor'
				),
			},
			contactHostStep(),
			rerunStep(),
		],
	};
}

function dnsVerdict( host: string ): Verdict {
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %s: host name of the site, e.g. shop.example. */
			__(
				'The name %s could not be looked up, so Klarna’s servers cannot find the site.',
				'kco-callback-doctor'
			),
			host
		),
		causeId: 'dns-failure',
		cause: __( 'a DNS failure', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Check that the domain is registered and that its DNS records point to your web server (your domain registrar or host shows them).',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'If this site runs on your own computer or a private network, Klarna cannot reach it: use a tunnelling service such as ngrok to give it a public address while you develop.',
					'kco-callback-doctor'
				),
			},
			rerunStep(),
		],
	};
}

function timeoutVerdict( observation: Observation ): Verdict {
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %s: how long the check waited, e.g. "10.0 s". */
			__(
				'The site did not answer within %s, even with no other check running; Klarna gives up on a callback that takes this long.',
				'kco-callback-doctor'
			),
			formatDuration( observation.timing.totalMs )
		),
		causeId: 'timeout',
		cause: __( 'no answer in time', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Find what makes the site slow to answer: a heavy plugin, an overloaded server or too few PHP workers. Your host can see this in the server’s logs.',
					'kco-callback-doctor'
				),
			},
			contactHostStep(),
			rerunStep(),
		],
	};
}

/**
 * The verdict for a probe that ended in a transport error.
 * @param observation One probe and what was seen of it.
 * @param error       The transport error.
 * @param context     What the endpoint checks know about the endpoint under test.
 */
export function transportVerdict(
	observation: Observation,
	error: TransportError,
	context: EndpointContext
): Verdict {
	// No answer because this very run holds the only worker is no fact about the site.
	const starved =
		error.code === 'timeout' || error.code === 'deadline'
			? noFreeWorkerVerdict( context )
			: null;
	if ( starved ) {
		return starved;
	}
	// The server reached itself through a hosts-file or split-DNS address: a connection problem
	// on that path may not exist on Klarna's (docs/probe-protocol.md §9).
	const ownPathOnly = loopbackPathDiffers( context.environment );
	const neverConnected = observation.timing.connectMs === null;
	switch ( error.code ) {
		case 'tls':
			return ownPathOnly
				? inconclusive(
						'own-path-tls',
						__(
							'The secure connection failed from the server itself, which reaches the site through an internal address; Klarna’s path may be fine.',
							'kco-callback-doctor'
						)
					)
				: tlsVerdict( error );
		case 'dns':
			return dnsVerdict( context.environment.host );
		case 'connect':
			return ownPathOnly
				? inconclusive(
						'own-path-connect',
						__(
							'The server could not connect to its own site through an internal address; this says nothing yet about Klarna’s path.',
							'kco-callback-doctor'
						)
					)
				: connectVerdict();
		case 'timeout':
			if ( ! observation.timing.measuredAlone ) {
				return inconclusive(
					'busy-server',
					__(
						'The check timed out while other checks were running, and was not repeated alone: a busy server queues its own requests, so this says nothing about Klarna’s calls yet.',
						'kco-callback-doctor'
					)
				);
			}
			if ( neverConnected && ownPathOnly ) {
				return inconclusive(
					'own-path-timeout',
					__(
						'The server could not connect to its own site in time through an internal address; this says nothing yet about Klarna’s path.',
						'kco-callback-doctor'
					)
				);
			}
			return timeoutVerdict( observation );
		case 'deadline':
			return inconclusive(
				'run-deadline',
				__(
					'The run ended before this check got an answer, so it could not be judged.',
					'kco-callback-doctor'
				)
			);
		case 'other':
			return inconclusive(
				'transport-error',
				__(
					'The request failed before any answer came back, for a reason the server did not explain clearly.',
					'kco-callback-doctor'
				)
			);
	}
}

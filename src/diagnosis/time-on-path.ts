/**
 * Time is part of the path (DESIGN.md §3.13). A proxy, load balancer or CDN in front of the site
 * waits only so long for WordPress's answer, then gives up with its own error (nginx:
 * `proxy_read_timeout`, 60 s by default, answered as 504 Gateway Time-out; Cloudflare: 524 "A
 * timeout occurred"). An echo that returns at once cannot see that limit; the held answer, which
 * the responder sends only just before Klarna's deadline, can. Klarna waits 3 s for validation,
 * 10 s with strict validation (DESIGN.md §1).
 */
import { __, sprintf } from '@wordpress/i18n';

import type {
	EndpointDescriptor,
	Observation,
	ProbeResponse,
} from '../api/types';
import { decisiveObservation, isVerified } from './observations';
import { formatDuration, header, oneLine, statusLine } from './plain-text';
import { contactHostStep, externalTestStep, rerunStep } from './remediation';
import type { Evidence, RemediationStep } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/** Statuses a proxy or CDN answers when the site took longer than it waits. */
const GATEWAY_TIMEOUTS = [ 504, 524 ];

/**
 * Whether a proxy or CDN answered that it gave up waiting for the site.
 * @param response An answer.
 */
export function isGatewayTimeout( response: ProbeResponse ): boolean {
	return GATEWAY_TIMEOUTS.includes( response.status );
}

interface Proxy {
	/** What the owner calls it: `nginx`, `Cloudflare`. */
	name: string;
	/** The setting that sets its limit, when known. */
	setting: string | null;
}

/**
 * Who answered in WordPress's place, from the answer's own headers.
 * @param response The proxy's answer.
 */
export function proxyOf( response: ProbeResponse | null ): Proxy | null {
	if ( ! response ) {
		return null;
	}
	const server = header( response, 'server' ) ?? '';
	const via = header( response, 'via' ) ?? '';
	if ( response.status === 524 || /cloudflare/i.test( server ) ) {
		return {
			name: 'Cloudflare',
			setting: __(
				'Cloudflare’s origin timeout (“Proxy Read Timeout”, 100 s unless your plan lets you change it)',
				'kco-callback-doctor'
			),
		};
	}
	if ( /nginx|openresty/i.test( server ) ) {
		return {
			name: 'nginx',
			setting: 'proxy_read_timeout / fastcgi_read_timeout',
		};
	}
	if ( /varnish/i.test( via ) || header( response, 'x-varnish' ) !== null ) {
		return { name: 'Varnish', setting: 'first_byte_timeout' };
	}
	if ( /awselb|elb/i.test( server ) ) {
		return {
			name: __( 'an AWS load balancer', 'kco-callback-doctor' ),
			setting: __( 'its idle timeout', 'kco-callback-doctor' ),
		};
	}
	if ( /apache/i.test( server ) ) {
		return { name: 'Apache', setting: 'ProxyTimeout / Timeout' };
	}
	return null;
}

function proxyName( proxy: Proxy | null ): string {
	return (
		proxy?.name ??
		__( 'a proxy in front of the site', 'kco-callback-doctor' )
	);
}

/**
 * `a proxy timeout (nginx)`: the cause line of both verdicts below.
 * @param proxy The proxy, when it named itself.
 */
function proxyTimeoutCause( proxy: Proxy | null ): string {
	return proxy
		? sprintf(
				/* translators: %s: name of a proxy or CDN, e.g. "nginx". */
				__( 'a proxy timeout (%s)', 'kco-callback-doctor' ),
				proxy.name
			)
		: __( 'a proxy timeout', 'kco-callback-doctor' );
}

/**
 * How long Klarna waits for this callback, in words.
 * @param descriptor The endpoint as the catalogue describes it.
 */
function klarnaWaits( descriptor: EndpointDescriptor ): string {
	const { deadlineMs, strictDeadlineMs } = descriptor;
	if ( deadlineMs === null ) {
		return __( 'as long as its own timeout', 'kco-callback-doctor' );
	}
	return strictDeadlineMs !== null && strictDeadlineMs !== deadlineMs
		? sprintf(
				/* translators: 1: deadline, e.g. "3.0 s"; 2: deadline with strict validation, e.g. "10.0 s". */
				__(
					'%1$s (%2$s with strict validation)',
					'kco-callback-doctor'
				),
				formatDuration( deadlineMs ),
				formatDuration( strictDeadlineMs )
			)
		: formatDuration( deadlineMs );
}

/**
 * The fix: raise the proxy's limit above Klarna's longest wait, for the callback addresses.
 * @param proxy      The proxy, when it named itself.
 * @param descriptor The endpoint as the catalogue describes it.
 */
function raiseLimitSteps(
	proxy: Proxy | null,
	descriptor: EndpointDescriptor
): RemediationStep[] {
	const longest = formatDuration(
		descriptor.strictDeadlineMs ?? descriptor.deadlineMs ?? 10000
	);
	const raise =
		proxy?.setting !== null && proxy?.setting !== undefined
			? sprintf(
					/* translators: 1: name of a proxy, e.g. "nginx"; 2: its setting, e.g. "proxy_read_timeout"; 3: Klarna's longest wait, e.g. "10.0 s". */
					__(
						'Raise the time %1$s waits for the site (%2$s) to more than %3$s, at least for the callback addresses; hosts often keep a short limit for the shop while wp-admin gets a longer one.',
						'kco-callback-doctor'
					),
					proxy.name,
					proxy.setting,
					longest
				)
			: sprintf(
					/* translators: %s: Klarna's longest wait, e.g. "10.0 s". */
					__(
						'Find the proxy, load balancer or CDN in front of the site (your host knows it) and raise the time it waits for the site to more than %s, at least for the callback addresses.',
						'kco-callback-doctor'
					),
					longest
				);
	return [
		{ text: raise },
		{
			text: __(
				'Klarna’s call also needs KCO to answer in time: keep the site fast (fewer slow plugins, a current PHP version), so that KCO’s answer comes well within the limit.',
				'kco-callback-doctor'
			),
		},
		contactHostStep(),
		rerunStep(),
	];
}

/**
 * What was seen of the held answer, in one line.
 * @param held The held-answer probe.
 */
function heldEvidence( held: Observation ): Evidence[] {
	const heldMs = held.echo?.heldMs;
	const lines: Evidence[] = [
		{
			label: __( 'Held answer', 'kco-callback-doctor' ),
			value: held.response
				? sprintf(
						/* translators: 1: the answer that came back instead, e.g. "504 Gateway Time-out"; 2: after how long, e.g. "3.0 s". */
						__(
							'got %1$s after %2$s instead of the answer',
							'kco-callback-doctor'
						),
						statusLine( held.response ),
						formatDuration( held.timing.totalMs )
					)
				: sprintf(
						/* translators: 1: kind of network error, e.g. "other"; 2: the transport's message; 3: after how long, e.g. "3.0 s". */
						__(
							'the connection ended (%1$s: %2$s) after %3$s, without an answer',
							'kco-callback-doctor'
						),
						held.error?.code ?? '',
						oneLine( held.error?.message ?? '', 200 ),
						formatDuration( held.timing.totalMs )
					),
		},
	];
	if ( heldMs !== undefined ) {
		lines.push( {
			label: __( 'Held back for', 'kco-callback-doctor' ),
			value: formatDuration( heldMs ),
		} );
	}
	const server = held.response ? header( held.response, 'server' ) : null;
	if ( server !== null ) {
		lines.push( { label: 'server', value: oneLine( server ) } );
	}
	return lines;
}

/**
 * Whether the held answer was cut off on the way: a server error or a connection that ended
 * without an answer, where the same request answered at once got through.
 * @param held The held-answer probe.
 */
function wasCut( held: Observation ): boolean {
	if ( held.response ) {
		return held.echo === null && held.response.status >= 500;
	}
	return held.error?.code === 'other';
}

/**
 * The endpoint's held answer, when it was cut off on the way back (the verdict calls the
 * endpoint `slow` then, verdict.ts); null when it came back, was not sent or could not be judged.
 * @param observations The endpoint's observations.
 * @param endpoint     Id of the endpoint.
 */
export function cutHeldAnswer(
	observations: Observation[],
	endpoint: EndpointDescriptor[ 'id' ]
): Observation | null {
	const held = decisiveObservation( observations, 'held-answer' );
	return held && ! isVerified( held, endpoint ) && wasCut( held )
		? held
		: null;
}

/**
 * A warning when the callback passes but an answer held until just under Klarna's deadline is
 * cut off on the way back; null when it came back, was not sent (a quick run, no deadline) or
 * could not be judged.
 * @param context What the endpoint checks know about the endpoint under test.
 */
export function heldAnswerVerdict( context: EndpointContext ): Verdict | null {
	const held = cutHeldAnswer( context.observations, context.descriptor.id );
	if ( ! held ) {
		return null;
	}
	const proxy = proxyOf( held.response );
	return {
		status: 'warn',
		summary: sprintf(
			/* translators: 1: who cut the answer, e.g. "nginx"; 2: after how long, e.g. "3.0 s"; 3: how long Klarna waits, e.g. "3.0 s (10.0 s with strict validation)". */
			__(
				'The callback reaches WooCommerce, but a slower answer does not come back: %1$s gave up after %2$s, while Klarna waits %3$s. A call that KCO needs longer to answer is lost on the way back.',
				'kco-callback-doctor'
			),
			proxyName( proxy ),
			formatDuration( held.timing.totalMs ),
			klarnaWaits( context.descriptor )
		),
		causeId: 'proxy-timeout',
		cause: proxyTimeoutCause( proxy ),
		evidence: heldEvidence( held ),
		remediation: raiseLimitSteps( proxy, context.descriptor ),
	};
}

/**
 * The verdict for a Klarna-shaped probe a proxy answered with its own gateway timeout, or null
 * for any other answer. Measured alone, the proxy's limit is shorter than the site's answer;
 * among other probes, it says nothing yet (DESIGN.md §3.8).
 * @param observation The failing Klarna-shaped probe.
 * @param response    Its answer.
 * @param context     What the endpoint checks know about the endpoint under test.
 */
export function gatewayTimeoutVerdict(
	observation: Observation,
	response: ProbeResponse,
	context: EndpointContext
): Verdict | null {
	if ( ! isGatewayTimeout( response ) ) {
		return null;
	}
	const proxy = proxyOf( response );
	if ( ! observation.timing.measuredAlone ) {
		return {
			status: 'warn',
			summary: sprintf(
				/* translators: 1: who gave up, e.g. "nginx"; 2: after how long, e.g. "3.0 s". */
				__(
					'%1$s gave up waiting for the site after %2$s while other checks ran at the same time, and the check could not be repeated alone: a busy server queues its own requests, so this says nothing about Klarna’s calls yet.',
					'kco-callback-doctor'
				),
				proxyName( proxy ),
				formatDuration( observation.timing.totalMs )
			),
			causeId: 'busy-server',
			cause: __( 'inconclusive', 'kco-callback-doctor' ),
			remediation: [ rerunStep(), externalTestStep() ],
			externalTest: true,
		};
	}
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: 1: who gave up, e.g. "nginx"; 2: after how long, e.g. "3.0 s"; 3: HTTP status, e.g. 504. */
			__(
				'%1$s in front of the site gave up waiting for WordPress after %2$s and answered HTTP %3$d, even with no other check running, so Klarna’s call fails the same way.',
				'kco-callback-doctor'
			),
			proxyName( proxy ),
			formatDuration( observation.timing.totalMs ),
			response.status
		),
		causeId: 'proxy-timeout',
		cause: proxyTimeoutCause( proxy ),
		remediation: raiseLimitSteps( proxy, context.descriptor ),
	};
}

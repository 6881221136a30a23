/**
 * What the card says about an endpoint whose path's canary did not come back (canary-outcome.ts):
 * the path removes the probe header, or the canary was stopped in front of WordPress.
 */
import { __ } from '@wordpress/i18n';

import type { Observation } from '../api/types';
import type { Evidence } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/** The probe header the responder recognises (includes/Probe/Token.php HEADER). */
export const PROBE_HEADER = 'X-KCO-Doctor-Probe';

/**
 * A line saying that only the canary travelled this path.
 */
function onlyCanaryEvidence(): Evidence {
	return {
		label: __( 'Checks sent on this path', 'kco-callback-doctor' ),
		value: __(
			'Only a first, harmless test request without Klarna data. Klarna-shaped checks are sent only where that request came back with the doctor’s own signed answer, so that none of them can reach Klarna Checkout itself.',
			'kco-callback-doctor'
		),
	};
}

/**
 * A line saying that Klarna-shaped checks went only in the `?wc-api=` form, because only the
 * canary's `?wc-api=` form came back with its echo (the pretty /wc-api/ address did not).
 */
function onlyQueryFormEvidence(): Evidence {
	return {
		label: __( 'Checks sent on this path', 'kco-callback-doctor' ),
		value: __(
			'A first, harmless test request without Klarna data did not reach WooCommerce at the /wc-api/ address Klarna calls, but did as ?wc-api=. So the Klarna-shaped checks were sent only in the ?wc-api= form, where the doctor answers them, and none went to the /wc-api/ address.',
			'kco-callback-doctor'
		),
	};
}

/**
 * The path removes the probe header: nothing Klarna-shaped was sent, and why that matters.
 */
export function headerStrippedVerdict(): Verdict {
	return {
		status: 'warn',
		summary: __(
			'Not checked: a test request on this path reached WordPress without the doctor’s X-KCO-Doctor-Probe header, so something on the way (a proxy, CDN, firewall or web-server rule) removes it. Every Klarna-shaped check would then be handled by Klarna Checkout itself as a real callback, so none was sent.',
			'kco-callback-doctor'
		),
		cause: __(
			'the path removes the doctor’s probe header',
			'kco-callback-doctor'
		),
		causeId: 'probe-header-stripped',
		evidence: [
			{
				label: __( 'What it means', 'kco-callback-doctor' ),
				value: __(
					'Klarna’s own callbacks do not need this header, so its removal alone does not break them; it only stops this check from testing the path safely. Whether Klarna gets through is not known yet.',
					'kco-callback-doctor'
				),
			},
			{
				label: __( 'Header', 'kco-callback-doctor' ),
				value: PROBE_HEADER,
			},
			onlyCanaryEvidence(),
		],
		// No external test here: it sends a Klarna-shaped request, and on a path that strips the
		// header that request reaches KCO as a real callback. Its command stops at the canary
		// (ExternalProbesController), so offering it would only repeat this card's finding.
		remediation: [
			{
				text: __(
					'Let the X-KCO-Doctor-Probe request header through to WordPress: remove it from what your proxy, CDN or firewall strips, or allow it there (for example a “RequestHeader unset” line in the Apache configuration, an nginx proxy that does not pass unknown headers, or a header allowlist in the CDN or WAF).',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'Then run the checks again: they first send the same harmless test request, and test Klarna’s callbacks only once it comes back with the doctor’s signed answer, which proves the header now arrives.',
					'kco-callback-doctor'
				),
			},
		],
	};
}

/**
 * The canary was stopped in front of WordPress: explain its answer as the path's failure.
 * @param canary  The canary's observation.
 * @param context What the endpoint checks know about the endpoint under test.
 * @param explain How a failing probe is explained (endpoint.ts failureVerdict).
 */
export function canaryStoppedVerdict(
	canary: Observation,
	context: EndpointContext,
	explain: ( primary: Observation, context: EndpointContext ) => Verdict
): Verdict {
	const verdict = explain( canary, context );
	const queryFormSent = context.observations.some(
		( item ) => item.variant === 'wc-api-query'
	);
	return {
		...verdict,
		evidence: [
			...( verdict.evidence ?? [] ),
			queryFormSent ? onlyQueryFormEvidence() : onlyCanaryEvidence(),
		],
	};
}

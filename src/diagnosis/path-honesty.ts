/**
 * Path honesty (docs/probe-protocol.md §9): a loopback can go straight to the web server while Klarna's
 * calls cross the site's CDN or cloud firewall. When the echo shows no proxy headers but the
 * site shows a CDN/WAF, the check did not test that part of the path and must say so.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Environment, Observation } from '../api/types';
import { allowCallbackUrlsStep, externalTestStep } from './remediation';
import type { RemediationContext } from './fingerprints';
import type { Verdict } from './endpoint-context';
import { bypassedEdge } from './verdict';

/**
 * A warning when the passing probes arrived with no proxy header although the site shows a
 * CDN/WAF; otherwise null.
 * @param passing         The Klarna-shaped probes that came back verified.
 * @param runObservations Every observation of the run.
 * @param environment     Facts about the site.
 * @param remediation     Addresses to name in the fix.
 */
export function pathHonestyVerdict(
	passing: Observation[],
	runObservations: Observation[],
	environment: Environment,
	remediation: RemediationContext
): Verdict | null {
	const edge = bypassedEdge( passing, runObservations, environment );
	if ( ! edge ) {
		return null;
	}
	return {
		status: 'warn',
		summary: sprintf(
			/* translators: %s: name of a CDN or cloud firewall, e.g. "Cloudflare". */
			__(
				'The check reached WooCommerce straight from the server, without passing through %s; Klarna’s calls do pass through it, so this part of their path is untested.',
				'kco-callback-doctor'
			),
			edge.name
		),
		causeId: 'cdn-not-crossed',
		product: { id: edge.id, name: edge.name },
		cause: edge.name,
		evidence: [
			{
				label: __( 'CDN or firewall seen in', 'kco-callback-doctor' ),
				value: edge.seenIn,
			},
		],
		remediation: [
			externalTestStep(),
			{
				text: sprintf(
					/* translators: %s: name of a CDN or cloud firewall, e.g. "Cloudflare". */
					__(
						'If the external test is blocked, allow the callback addresses in %s (a WAF skip or allow rule for these paths).',
						'kco-callback-doctor'
					),
					edge.name
				),
			},
			allowCallbackUrlsStep( remediation ),
		],
		externalTest: true,
	};
}

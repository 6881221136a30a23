/**
 * Path honesty (DESIGN.md §3.6): a loopback can go straight to the web server while Klarna's
 * calls cross the site's CDN or cloud firewall. When the echo shows no proxy headers but the
 * site shows a CDN/WAF, the check did not test that part of the path and must say so.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Environment, Observation, ProbeResponse } from '../api/types';
import { header } from './plain-text';
import { allowCallbackUrlsStep, externalTestStep } from './remediation';
import type { RemediationContext } from './fingerprints';
import type { Verdict } from './verdict';

export interface Edge {
	/** The CDN/WAF as the owner knows it. */
	name: string;
	/** What showed it: a response header or an active plugin. */
	seenIn: string;
}

interface EdgeMarker {
	name: string;
	header: string;
	pattern: RegExp;
}

/** Headers that each edge network adds to every response it forwards. */
const EDGE_MARKERS: EdgeMarker[] = [
	{ name: 'Cloudflare', header: 'cf-ray', pattern: /./ },
	{ name: 'Cloudflare', header: 'server', pattern: /cloudflare/i },
	{ name: 'Sucuri', header: 'x-sucuri-id', pattern: /./ },
	{ name: 'Sucuri', header: 'server', pattern: /sucuri|cloudproxy/i },
	{ name: 'Imperva', header: 'x-iinfo', pattern: /./ },
	{ name: 'Imperva', header: 'x-cdn', pattern: /imperva|incapsula/i },
	{ name: 'Amazon CloudFront', header: 'x-amz-cf-id', pattern: /./ },
	{ name: 'Amazon CloudFront', header: 'via', pattern: /cloudfront/i },
	{ name: 'Akamai', header: 'server', pattern: /akamaighost/i },
	{ name: 'Fastly', header: 'x-fastly-request-id', pattern: /./ },
	{ name: 'bunny.net', header: 'server', pattern: /bunnycdn/i },
];

function edgeInResponse( response: ProbeResponse ): Edge | null {
	for ( const marker of EDGE_MARKERS ) {
		const value = header( response, marker.header );
		if ( value !== null && marker.pattern.test( value ) ) {
			return { name: marker.name, seenIn: marker.header };
		}
	}
	return null;
}

/**
 * The CDN/WAF the site shows on any response of the run, or through an active CDN plugin.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param environment  Facts about the site.
 */
export function detectEdge(
	observations: Observation[],
	environment: Environment
): Edge | null {
	for ( const observation of observations ) {
		const edge = observation.response
			? edgeInResponse( observation.response )
			: null;
		if ( edge ) {
			return edge;
		}
	}
	const plugin = environment.plugins.find(
		( item ) => item.category === 'cdn'
	);
	return plugin ? { name: plugin.name, seenIn: plugin.slug } : null;
}

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
	const bypassed = passing.some(
		( item ) => item.echo !== null && item.echo.proxyHeaders.length === 0
	);
	if ( ! bypassed ) {
		return null;
	}
	const edge = detectEdge( runObservations, environment );
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

/**
 * A /wc-api/ callback that never reached WooCommerce (DESIGN.md §3.11). KCO always hands Klarna
 * the pretty path `/wc-api/NAME/`; WooCommerce routes it only through WordPress's rewrite rules,
 * but honours `?wc-api=NAME` on any address (woocommerce/includes/class-woocommerce.php,
 * WooCommerce::api_request_url(), which builds that form when permalinks are plain). So where the
 * pretty path fails and the `?wc-api=` form of the same request gets its echo, the path is what
 * fails. What the pretty path gets depends on the web server, not on the cause: where WordPress
 * manages .htaccess, plain permalinks empty its rewrite block and Apache answers 404; a server
 * whose own configuration sends unknown paths to index.php (nginx `try_files $uri $uri/
 * /index.php?$args`, Apache `FallbackResource /index.php`) answers with WordPress's front page,
 * 200 and HTML, which is not a cache or a CDN.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Observation, ProbeResponse } from '../api/types';
import { isVerified } from './observations';
import { oneLine } from './plain-text';
import { contactHostStep, rerunStep } from './remediation';
import type { Evidence, RemediationStep } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/**
 * The wc-api name a callback URL carries in its path, or null when it is not a /wc-api/ path.
 * @param url The probe's URL.
 */
function wcApiName( url: string ): string | null {
	try {
		return (
			new URL( url ).pathname.match( /\/wc-api\/([^/]+)\/?$/ )?.[ 1 ] ??
			null
		);
	} catch {
		return null;
	}
}

/**
 * The wc-api name a `?wc-api=NAME` address carries, or null.
 * @param url The probe's URL.
 */
function queryWcApiName( url: string ): string | null {
	try {
		return new URL( url ).searchParams.get( 'wc-api' );
	} catch {
		return null;
	}
}

/**
 * The `?wc-api=NAME` form sent for this Klarna-shaped probe, if one was. Where the path's
 * canary was all that went to the pretty address, the forms are based on Klarna's shapes.
 * @param primary      The failing Klarna-shaped probe.
 * @param observations Observations of the endpoint.
 */
function plainFormOf(
	primary: Observation,
	observations: Observation[]
): Observation | null {
	const forms = observations.filter(
		( item ) => item.variant === 'wc-api-query'
	);
	return (
		forms.find( ( item ) => item.basedOn === primary.variant ) ??
		forms[ 0 ] ??
		null
	);
}

/**
 * Why a server with plain permalinks answers the pretty address the way it did.
 * @param response The answer to the pretty address.
 */
function whatCameBack( response: ProbeResponse ): string {
	return response.status === 404
		? __(
				'The server answered 404 Not Found: with plain permalinks WordPress empties its rewrite rules in .htaccess, so the web server itself does not know the address.',
				'kco-callback-doctor'
			)
		: sprintf(
				/* translators: %d: HTTP status, e.g. 200. */
				__(
					'The server answered HTTP %d with a web page instead of WooCommerce: its own configuration sends unknown addresses to WordPress (nginx’s try_files … /index.php?$args, Apache’s FallbackResource), and with plain permalinks WordPress shows its front page for them.',
					'kco-callback-doctor'
				),
				response.status
			);
}

function confirmation( form: Observation | null, name: string ): Evidence {
	const label = __( 'The ?wc-api= form', 'kco-callback-doctor' );
	if ( form === null ) {
		return {
			label,
			value: __(
				'not sent in this run, so not confirmed',
				'kco-callback-doctor'
			),
		};
	}
	return {
		label,
		value: isVerified( form, form.endpoint )
			? sprintf(
					/* translators: %s: wc-api name, e.g. KCO_WC_Push. */
					__(
						'The same request sent to ?wc-api=%s reached WooCommerce: only the pretty address fails.',
						'kco-callback-doctor'
					),
					oneLine( name, 80 )
				)
			: sprintf(
					/* translators: %s: wc-api name, e.g. KCO_WC_Push. */
					__(
						'The same request sent to ?wc-api=%s did not reach WooCommerce either: after the permalinks are fixed, run the checks again, something else may stand in the way too.',
						'kco-callback-doctor'
					),
					oneLine( name, 80 )
				),
	};
}

function permalinkSteps(): RemediationStep[] {
	return [
		{
			text: __(
				'Go to Settings → Permalinks, choose any structure other than “Plain” (for example “Post name”) and click “Save Changes”.',
				'kco-callback-doctor'
			),
		},
		rerunStep(),
	];
}

function rewriteSteps(): RemediationStep[] {
	return [
		{
			text: __(
				'Go to Settings → Permalinks and click “Save Changes” without changing anything: WordPress rebuilds its rewrite rules, WooCommerce’s /wc-api/ rule among them.',
				'kco-callback-doctor'
			),
		},
		{
			text: __(
				'If that does not help, the web server does not pass the address to WordPress: on Apache, the .htaccess file needs WordPress’s rewrite rules and AllowOverride must allow them; on nginx, the site’s location block needs try_files $uri $uri/ /index.php?$args; A redirect or security plugin can also claim /wc-api/ addresses.',
				'kco-callback-doctor'
			),
		},
		contactHostStep(),
		rerunStep(),
	];
}

/**
 * The verdict for a /wc-api/ callback that got a 404 or a 2xx without its echo, when the site's
 * facts and the `?wc-api=` form say why; null when they do not.
 * @param primary  The failing Klarna-shaped probe, or the path's canary when only the canary went
 *                 to the pretty address (the runner then sends Klarna's shapes as `?wc-api=` only).
 * @param response Its answer.
 * @param context  What the endpoint checks know about the endpoint under test.
 */
export function unroutedCallbackVerdict(
	primary: Observation,
	response: ProbeResponse,
	context: EndpointContext
): Verdict | null {
	const unrouted =
		response.status === 404 ||
		( response.status >= 200 && response.status < 300 );
	const prettyName = wcApiName( primary.request.url );
	if ( ! unrouted || primary.echo !== null || prettyName === null ) {
		return null;
	}
	const form = plainFormOf( primary, context.observations );
	// Name the callback, not the canary that stood in for it on the pretty address.
	const name =
		( form === null ? null : queryWcApiName( form.request.url ) ) ??
		prettyName;
	if ( context.environment.permalinkStructure === '' ) {
		return {
			status: 'fail',
			summary: __(
				'The callback’s address does not reach WooCommerce because the site uses plain permalinks, and KCO always gives Klarna the pretty /wc-api/ address.',
				'kco-callback-doctor'
			),
			causeId: 'plain-permalinks',
			cause: __( 'plain permalinks', 'kco-callback-doctor' ),
			evidence: [
				{
					label: __( 'What came back', 'kco-callback-doctor' ),
					value: whatCameBack( response ),
				},
				confirmation( form, name ),
			],
			remediation: permalinkSteps(),
		};
	}
	if ( form === null || ! isVerified( form, form.endpoint ) ) {
		return null;
	}
	return {
		status: 'fail',
		summary: __(
			'The callback’s /wc-api/ address does not reach WooCommerce, though the same request as ?wc-api= does: WordPress’s rewrite rules or the web server do not route the pretty address.',
			'kco-callback-doctor'
		),
		causeId: 'wc-api-not-routed',
		cause: __(
			'the /wc-api/ address is not routed to WooCommerce',
			'kco-callback-doctor'
		),
		evidence: [ confirmation( form, name ) ],
		remediation: rewriteSteps(),
	};
}

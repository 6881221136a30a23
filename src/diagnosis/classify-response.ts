/**
 * What an HTTP answer that is not the probe's echo means, most specific cause first: WordPress's
 * own answers, a blocker that names itself, a trigger the variants isolate, then the status.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { KnownPlugin, Observation, ProbeResponse } from '../api/types';
import { contentRuleVerdict } from './content-rule';
import { identificationEvidence } from './identification';
import { challengeRemediation } from './challenge';
import { identifyBlocker, matchingSignature } from './fingerprints';
import {
	isContentTrigger,
	isolateTrigger,
	triggerHint,
	triggerRemediation,
	triggerSentence,
	type Trigger,
} from './isolate-trigger';
import {
	maintenancePluginSteps,
	wordpressMaintenanceSteps,
} from './maintenance';
import { multilingualPluginStep } from './multilingual-plugins';
import { header } from './plain-text';
import { noHandlerAnswer, restError } from './wordpress-answer';
import { unroutedCallbackVerdict } from './plain-permalinks';
import { gatewayTimeoutVerdict } from './time-on-path';
import {
	allowCallbackUrlsStep,
	contactHostStep,
	rerunStep,
	uniqueSteps,
} from './remediation';
import type { RemediationStep } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/** wp_maintenance() in wp-includes/load.php: 503, `Retry-After: 600`, this (translated) text. */
const WORDPRESS_MAINTENANCE_TEXT =
	'Briefly unavailable for scheduled maintenance';

/**
 * Statuses that firewalls and security plugins answer a blocked request with.
 * @param status HTTP status.
 */
function isBlockStatus( status: number ): boolean {
	return status >= 400 && status < 500 && status !== 404 && status !== 413;
}

export function isWordPressMaintenance(
	response: ProbeResponse,
	context: EndpointContext
): boolean {
	if ( response.status !== 503 ) {
		return false;
	}
	if ( response.body.includes( WORDPRESS_MAINTENANCE_TEXT ) ) {
		return true;
	}
	// The text is translated on non-English sites; the .maintenance file and Retry-After tell.
	return (
		context.environment.maintenanceFile &&
		header( response, 'retry-after' ) !== null
	);
}

const UNIDENTIFIED = (): string =>
	__( 'Something that did not identify itself', 'kco-callback-doctor' );

/**
 * WooCommerce answered `-1` (no handler) or the REST API found no route.
 * @param context What the endpoint checks know about the endpoint under test.
 * @param reached Which dispatcher answered: WooCommerce or the REST API.
 */
function noHandlerVerdict(
	context: EndpointContext,
	reached: 'woocommerce' | 'rest'
): Verdict {
	const { descriptor, environment } = context;
	if ( descriptor.usedByInstalledKco === false ) {
		return {
			status: 'info',
			summary: sprintf(
				/* translators: %s: KCO versions that use this callback, e.g. "2.0–2.19". */
				__(
					'Your KCO version does not use this callback (Klarna calls it only for KCO %s). The request travelled all the way to WordPress, so nothing needs to change.',
					'kco-callback-doctor'
				),
				descriptor.kcoVersions
			),
			remediation: [],
		};
	}
	if ( ! environment.kco.active ) {
		return {
			status: 'warn',
			summary: __(
				'The request reached WordPress, but Klarna Checkout for WooCommerce is not active to answer it.',
				'kco-callback-doctor'
			),
			causeId: 'kco-inactive',
			cause: __( 'KCO not active', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Activate Klarna Checkout for WooCommerce (or Kustom Checkout) under Plugins, then run the checks again.',
						'kco-callback-doctor'
					),
				},
			],
		};
	}
	return {
		status: 'fail',
		summary:
			reached === 'woocommerce'
				? __(
						'WooCommerce received the callback, but no Klarna Checkout handler is registered for it, so Klarna’s call would be refused.',
						'kco-callback-doctor'
					)
				: __(
						'WordPress received the callback, but the checkout block’s validation route is not registered, so Klarna’s call would be refused.',
						'kco-callback-doctor'
					),
		causeId: 'no-kco-handler',
		cause: __( 'no KCO handler', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Update Klarna Checkout for WooCommerce to its latest version under Plugins → Installed Plugins, and make sure it is active and enabled in WooCommerce → Settings → Payments.',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'If it still fails, another plugin may be unhooking KCO: send the report from this page to Klarna’s plugin support.',
					'kco-callback-doctor'
				),
			},
			rerunStep(),
		],
	};
}

function maintenanceVerdict(
	context: EndpointContext,
	plugin: KnownPlugin | null
): Verdict {
	if ( plugin === null ) {
		return {
			status: 'fail',
			summary: __(
				'WordPress is in maintenance mode (HTTP 503, “Briefly unavailable for scheduled maintenance”), as it is while it installs updates, so Klarna’s call is turned away until it ends.',
				'kco-callback-doctor'
			),
			causeId: 'maintenance-mode',
			cause: __( 'WordPress maintenance mode', 'kco-callback-doctor' ),
			remediation: [
				...wordpressMaintenanceSteps(
					context.environment.maintenanceFile
				),
				rerunStep(),
			],
		};
	}
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %s: name of a maintenance or coming-soon plugin. */
			__(
				'%s answers in maintenance mode (HTTP 503), so Klarna’s call is turned away until it ends.',
				'kco-callback-doctor'
			),
			plugin.name
		),
		causeId: 'maintenance-mode',
		product: { id: plugin.slug, name: plugin.name },
		cause: plugin.name,
		remediation: [
			...maintenancePluginSteps( plugin.name, context.remediation ),
			rerunStep(),
		],
	};
}

/**
 * What the card says first about a product's block: the trigger the variants isolated, the
 * challenge no server can solve, or the plain block.
 * @param product   The product that answered, e.g. `Cloudflare`.
 * @param response  Its answer.
 * @param trigger   What the variants isolated, or null.
 * @param challenge Whether the answer was a challenge (fingerprints.ts, Signature.challenge).
 */
function blockerSummary(
	product: string,
	response: ProbeResponse,
	trigger: Trigger | null,
	challenge: boolean
): string {
	if ( trigger !== null ) {
		return triggerSentence( trigger, product );
	}
	if ( challenge ) {
		return sprintf(
			/* translators: 1: name of the product that challenged, e.g. "Cloudflare"; 2: HTTP status, e.g. 403. */
			__(
				'%1$s answered this callback with a challenge (HTTP %2$d) that Klarna’s servers can never solve, so Klarna’s call does not reach KCO.',
				'kco-callback-doctor'
			),
			product,
			response.status
		);
	}
	return sprintf(
		/* translators: 1: name of the product that blocked, e.g. "Cloudflare"; 2: HTTP status, e.g. 403. */
		__(
			'%1$s blocked this callback (HTTP %2$d), so Klarna’s call does not reach KCO.',
			'kco-callback-doctor'
		),
		product,
		response.status
	);
}

function blockerVerdict(
	response: ProbeResponse,
	context: EndpointContext,
	trigger: Trigger | null
): Verdict | null {
	const fingerprint = identifyBlocker( response );
	// A web server's own page (or none that names anything) cannot explain a content rule: a
	// firewall running in the server matched Klarna's content (docs/probe-protocol.md §8).
	if (
		isContentTrigger( trigger ) &&
		( ! fingerprint || fingerprint.kind === 'web-server' )
	) {
		return contentRuleVerdict( response, context, trigger, fingerprint );
	}
	if ( ! fingerprint ) {
		return null;
	}
	const hint =
		trigger !== null && trigger !== 'every-request'
			? [ triggerHint( trigger ) ]
			: [];
	const productSteps = fingerprint.remediation( context.remediation );
	// A challenge is not lowered away: the card says so first, then the product's skip rule.
	const challenge =
		matchingSignature( fingerprint, response )?.challenge === true;
	const steps = challenge
		? challengeRemediation( fingerprint.product, productSteps )
		: productSteps;
	return {
		status: 'fail',
		summary: blockerSummary(
			fingerprint.product,
			response,
			trigger,
			challenge
		),
		causeId: 'blocked-by-product',
		product: { id: fingerprint.id, name: fingerprint.product },
		cause: fingerprint.product,
		evidence: [ identificationEvidence( fingerprint, response ) ],
		remediation: uniqueSteps( [ ...steps, ...hint, rerunStep() ] ),
	};
}

/**
 * The verdict when the answer is a product's own block page (or block redirect), with the
 * trigger the variants isolated; null when no fingerprint matches.
 * @param observation The failing Klarna-shaped probe.
 * @param response    Its answer.
 * @param context     What the endpoint checks know about the endpoint under test.
 */
export function identifiedBlockerVerdict(
	observation: Observation,
	response: ProbeResponse,
	context: EndpointContext
): Verdict | null {
	return blockerVerdict(
		response,
		context,
		isolateTrigger(
			observation,
			context.observations,
			context.descriptor.id
		)
	);
}

function basicAuthVerdict( context: EndpointContext ): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The site asks for a user name and password (HTTP authentication) before WordPress, and Klarna’s servers cannot log in.',
			'kco-callback-doctor'
		),
		causeId: 'http-authentication',
		cause: __(
			'password protection (HTTP authentication)',
			'kco-callback-doctor'
		),
		remediation: [
			{
				text: __(
					'Staging sites are often protected this way. Exclude the callback addresses from the password protection (your host’s staging or “Directory Privacy” settings, or the .htaccess / nginx rule that asks for the password), or test Klarna on a site without it.',
					'kco-callback-doctor'
				),
			},
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

function restRestrictedVerdict(): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The WordPress REST API refused the request, so the checkout block’s validation call from Klarna is turned away.',
			'kco-callback-doctor'
		),
		causeId: 'rest-api-restricted',
		cause: __( 'REST API restrictions', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'A plugin limits the REST API to logged-in users (for example “Disable REST API” or a security plugin’s REST setting). Allow the kco-block routes in its settings.',
					'kco-callback-doctor'
				),
			},
			rerunStep(),
		],
	};
}

function notFoundVerdict( context: EndpointContext ): Verdict {
	const { environment } = context;
	if ( environment.permalinkStructure === '' ) {
		return {
			status: 'fail',
			summary: __(
				'The callback address was not found because the site uses plain permalinks, and KCO always gives Klarna the pretty address.',
				'kco-callback-doctor'
			),
			causeId: 'plain-permalinks',
			cause: __( 'plain permalinks', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Go to Settings → Permalinks, choose any structure other than “Plain” (for example “Post name”) and click “Save Changes”.',
						'kco-callback-doctor'
					),
				},
				rerunStep(),
			],
		};
	}
	const multilingual = environment.plugins.filter(
		( plugin ) => plugin.category === 'multilingual'
	);
	return {
		status: 'fail',
		summary: __(
			'The callback address was not found (404): the request did not reach WooCommerce, so Klarna’s call would fail the same way.',
			'kco-callback-doctor'
		),
		causeId: 'not-found',
		cause: __( 'address not found', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Go to Settings → Permalinks and click “Save Changes” without changing anything: WordPress rebuilds its rewrite rules.',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'If it is still not found, the web server does not pass the address to WordPress: on Apache, the .htaccess file needs WordPress’s rewrite rules and AllowOverride must allow them; on nginx, the site’s location block needs try_files $uri $uri/ /index.php?$args;',
					'kco-callback-doctor'
				),
			},
			...multilingual.map( multilingualPluginStep ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

function tooLargeVerdict(): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The server rejected the request body as too large (413), though it is no bigger than the order data Klarna sends.',
			'kco-callback-doctor'
		),
		causeId: 'request-too-large',
		cause: __( 'a request size limit', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Raise the request body limit for the callback addresses (LimitRequestBody on Apache, client_max_body_size on nginx, SecRequestBodyLimit in ModSecurity).',
					'kco-callback-doctor'
				),
			},
			contactHostStep(),
			rerunStep(),
		],
	};
}

function unidentifiedBlockVerdict(
	response: ProbeResponse,
	context: EndpointContext,
	trigger: Trigger | null
): Verdict {
	const summary =
		trigger !== null
			? triggerSentence( trigger, UNIDENTIFIED() )
			: sprintf(
					/* translators: %d: HTTP status, e.g. 403. */
					__(
						'Something that did not identify itself blocked this callback (HTTP %d), so Klarna’s call does not reach KCO.',
						'kco-callback-doctor'
					),
					response.status
				);
	const remediation =
		trigger !== null
			? triggerRemediation( trigger, context )
			: [
					{
						text: __(
							'Find the firewall: ask your host whether a web application firewall (for example ModSecurity or Imunify360) runs on the server, and look in your CDN’s and security plugins’ logs for a blocked request at the time of this check. The evidence below helps them find it.',
							'kco-callback-doctor'
						),
					},
					allowCallbackUrlsStep( context.remediation ),
					contactHostStep(),
					rerunStep(),
				];
	return {
		status: 'fail',
		summary,
		causeId: 'unidentified-block',
		cause: UNIDENTIFIED(),
		remediation,
		externalTest: trigger === 'every-request' ? true : undefined,
	};
}

function serverErrorVerdict(
	response: ProbeResponse,
	context: EndpointContext
): Verdict {
	let explanation: RemediationStep;
	if ( response.status === 500 ) {
		explanation = {
			text: __(
				'An internal server error usually means a PHP error or a broken server rule: look at WooCommerce → Status → Logs (fatal-errors) and at your host’s error log for the time of this check.',
				'kco-callback-doctor'
			),
		};
	} else if ( response.status === 502 || response.status === 504 ) {
		explanation = {
			text: __(
				'A proxy or CDN in front of the site got no valid answer from it in time: the web server or PHP is overloaded or crashed. Your host can see why in the server’s logs.',
				'kco-callback-doctor'
			),
		};
	} else {
		explanation = {
			text: __(
				'The server said it cannot answer now. An overloaded server answers this way, and so do some firewalls that do not identify themselves: ask your host which one it was.',
				'kco-callback-doctor'
			),
		};
	}
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %d: HTTP status, e.g. 500. */
			__(
				'The server failed to answer the callback (HTTP %d), so Klarna’s call fails too.',
				'kco-callback-doctor'
			),
			response.status
		),
		causeId: 'server-error',
		cause: __( 'a server error', 'kco-callback-doctor' ),
		remediation: [
			explanation,
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

function answeredElsewhereVerdict( context: EndpointContext ): Verdict {
	const caches = context.environment.plugins.filter(
		( plugin ) => plugin.category === 'cache' || plugin.category === 'cdn'
	);
	const names = caches.map( ( plugin ) => plugin.name ).join( ', ' );
	return {
		status: 'fail',
		summary: __(
			'Something answered in place of WordPress: the request got a page, but not from WooCommerce, so Klarna’s call would not reach KCO either.',
			'kco-callback-doctor'
		),
		causeId: 'answered-elsewhere',
		cause: __(
			'an answer from something other than WordPress',
			'kco-callback-doctor'
		),
		remediation: [
			{
				text:
					names !== ''
						? sprintf(
								/* translators: %s: names of cache or CDN plugins, e.g. "WP Rocket". */
								__(
									'A page cache, a CDN or a challenge page can answer like this. Exclude the callback addresses from caching in %s and in your CDN’s cache rules.',
									'kco-callback-doctor'
								),
								names
							)
						: __(
								'A page cache, a CDN or a challenge page can answer like this. Exclude the callback addresses from caching in your cache plugin, your host’s cache and your CDN’s cache rules.',
								'kco-callback-doctor'
							),
			},
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

function unknownStatusVerdict( context: EndpointContext ): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The server answered with a status this check does not expect, so Klarna’s call would not be answered as KCO intends.',
			'kco-callback-doctor'
		),
		causeId: 'unexpected-answer',
		cause: __( 'an unexpected answer', 'kco-callback-doctor' ),
		remediation: [
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

/**
 * The verdict for a Klarna-shaped probe that got an HTTP answer other than its echo, after
 * redirects are ruled out.
 * @param observation One probe and what was seen of it.
 * @param response    The HTTP answer that was received.
 * @param context     What the endpoint checks know about the endpoint under test.
 */
export function classifyResponse(
	observation: Observation,
	response: ProbeResponse,
	context: EndpointContext
): Verdict {
	const unhandled = noHandlerAnswer( response );
	if ( unhandled ) {
		return noHandlerVerdict( context, unhandled );
	}
	if ( isWordPressMaintenance( response, context ) ) {
		return maintenanceVerdict( context, null );
	}
	// A gateway timeout is about time, not content: no block page to fingerprint.
	const cutOff = gatewayTimeoutVerdict( observation, response, context );
	if ( cutOff ) {
		return cutOff;
	}
	// A 413 names its cause itself: a body-size limit also lifts when the body shrinks, which
	// must not read as a firewall's content rule (docs/probe-protocol.md §8).
	if ( response.status === 413 ) {
		return tooLargeVerdict();
	}
	const trigger = isolateTrigger(
		observation,
		context.observations,
		context.descriptor.id
	);
	const blocked = blockerVerdict( response, context, trigger );
	if ( blocked ) {
		return blocked;
	}
	// A 404 or a front page for a /wc-api/ path: the site's permalinks and the ?wc-api= form
	// say whether the path was never routed (DESIGN.md §3.11), before a cache is suspected.
	const unrouted = unroutedCallbackVerdict( observation, response, context );
	if ( unrouted ) {
		return unrouted;
	}
	const maintenancePlugin = context.environment.plugins.find(
		( plugin ) => plugin.category === 'maintenance'
	);
	const { status } = response;
	if ( status === 503 && maintenancePlugin ) {
		return maintenanceVerdict( context, maintenancePlugin );
	}
	// A variant that got through proves a rule picks on Klarna's shape, whatever the status.
	if ( trigger !== null && trigger !== 'every-request' ) {
		return unidentifiedBlockVerdict( response, context, trigger );
	}
	if ( status === 401 && header( response, 'www-authenticate' ) !== null ) {
		return basicAuthVerdict( context );
	}
	const rest = restError( response );
	if (
		( status === 401 || status === 403 ) &&
		rest !== null &&
		rest.code.startsWith( 'rest_' )
	) {
		return restRestrictedVerdict();
	}
	if ( status === 404 ) {
		return notFoundVerdict( context );
	}
	if ( isBlockStatus( status ) ) {
		return unidentifiedBlockVerdict( response, context, trigger );
	}
	if ( status >= 500 && status < 600 ) {
		return serverErrorVerdict( response, context );
	}
	if ( status >= 200 && status < 300 ) {
		return answeredElsewhereVerdict( context );
	}
	return unknownStatusVerdict( context );
}

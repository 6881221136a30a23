/**
 * Redirects of a callback. Klarna's call must be answered at the address KCO gave it: after a
 * 301/302/303 an HTTP client repeats the request as a GET without its body, so the order data
 * never reaches KCO.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Observation, RedirectHop } from '../api/types';
import { multilingualPluginStep } from './multilingual-plugins';
import {
	allowCallbackUrlsStep,
	contactHostStep,
	homeBase,
	rerunStep,
	uniqueSteps,
} from './remediation';
import { isSameSite } from './same-site';
import type { RemediationStep } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';
import { redirectHops } from './verdict';

/**
 * - `offsite`: to another site (same-site.ts), whatever else changes: never a fix to adopt.
 * - `host`: to another host name of the same site (`www.`, a subdomain, the bare domain).
 */
export type RedirectKind =
	'offsite' | 'language' | 'scheme' | 'host' | 'login' | 'other';

/** A classified hop; `target` is the resolved Location, null when it could not be parsed. */
export type RedirectFinding =
	| { kind: 'offsite' | 'scheme' | 'host'; hop: RedirectHop; target: URL }
	| {
			kind: 'language' | 'login' | 'other';
			hop: RedirectHop;
			target: URL | null;
	  };

/** Where a callback path starts: WooCommerce API or REST. */
const CALLBACK_MARKER = /\/(?:wc-api|wp-json)\//i;

/** `/en`, `/sv-se`, `/pt_BR`, `/zh-hans`: the shapes multilingual plugins put in front. */
const LANGUAGE_SEGMENT = /^\/[a-z]{2,3}(?:[-_][a-z]{2,4})?\/?$/i;

function parse( location: string, base: string ): URL | null {
	try {
		return new URL( location, base );
	} catch {
		return null;
	}
}

function isLanguagePrefixed( from: URL, to: URL ): boolean {
	const fromMarker = from.pathname.search( CALLBACK_MARKER );
	const toMarker = to.pathname.search( CALLBACK_MARKER );
	if ( fromMarker >= 0 && toMarker >= 0 ) {
		const fromPrefix = from.pathname.slice( 0, fromMarker );
		const toPrefix = to.pathname.slice( 0, toMarker );
		if (
			toPrefix.startsWith( fromPrefix ) &&
			LANGUAGE_SEGMENT.test( toPrefix.slice( fromPrefix.length ) )
		) {
			return true;
		}
	}
	return to.searchParams.has( 'lang' ) && ! from.searchParams.has( 'lang' );
}

function isLoginPage( to: URL ): boolean {
	return /wp-login\.php|\/wp-admin\/?|\/(?:log-?in|sign-?in|my-account)(?:\/|$)/i.test(
		to.pathname
	);
}

/**
 * What kind of redirect a hop is.
 * @param hop One redirect.
 */
export function classifyHop( hop: RedirectHop ): RedirectFinding {
	const from = parse( hop.url, hop.url );
	const target = from ? parse( hop.location, from.href ) : null;
	if ( ! from || ! target ) {
		return { kind: 'other', hop, target };
	}
	// Checked first: a login page, a language prefix or https on someone else's site is still
	// someone else's site.
	if ( ! isSameSite( from.hostname, target.hostname ) ) {
		return { kind: 'offsite', hop, target };
	}
	if ( isLoginPage( target ) ) {
		return { kind: 'login', hop, target };
	}
	if ( isLanguagePrefixed( from, target ) ) {
		return { kind: 'language', hop, target };
	}
	if ( from.protocol !== target.protocol ) {
		return { kind: 'scheme', hop, target };
	}
	if ( from.host.toLowerCase() !== target.host.toLowerCase() ) {
		return { kind: 'host', hop, target };
	}
	return { kind: 'other', hop, target };
}

/**
 * The kinds of redirect in a chain, most specific first, one hop each.
 * @param hops A redirect chain.
 */
export function explainRedirects( hops: RedirectHop[] ): RedirectFinding[] {
	const order: RedirectKind[] = [
		'offsite',
		'login',
		'language',
		'scheme',
		'host',
		'other',
	];
	const classified = hops.map( classifyHop );
	return order
		.map( ( kind ) => classified.find( ( item ) => item.kind === kind ) )
		.filter( ( item ): item is RedirectFinding => item !== undefined );
}

/**
 * Why a redirect breaks the callback, by status.
 * @param status HTTP status.
 */
function bodyLossSentence( status: number ): string {
	return status === 307 || status === 308
		? __(
				'Klarna’s call has to be answered at the address KCO gave it; a redirect makes it depend on Klarna following it with its data intact.',
				'kco-callback-doctor'
			)
		: __(
				'After this kind of redirect an HTTP client repeats the call as a GET without its body, so Klarna’s order data never reaches KCO.',
				'kco-callback-doctor'
			);
}

function languageVerdict( context: EndpointContext ): Verdict {
	const plugins = context.environment.plugins.filter(
		( plugin ) => plugin.category === 'multilingual'
	);
	const steps: RemediationStep[] =
		plugins.length > 0
			? plugins.map( multilingualPluginStep )
			: [
					{
						text: __(
							'Find the setting that adds a language to your addresses (a multilingual plugin, or a redirect rule in your theme or server) and exclude /wc-api/ and /wp-json/ from it.',
							'kco-callback-doctor'
						),
					},
				];
	return {
		status: 'fail',
		summary: __(
			'The callback is redirected to a language version of its address, which the vendor’s requirements forbid: Klarna’s call does not arrive as sent.',
			'kco-callback-doctor'
		),
		causeId: 'language-redirect',
		product:
			plugins.length === 1 && plugins[ 0 ]
				? { id: plugins[ 0 ].slug, name: plugins[ 0 ].name }
				: undefined,
		cause:
			plugins.length > 0
				? plugins.map( ( plugin ) => plugin.name ).join( ', ' )
				: __( 'a language redirect', 'kco-callback-doctor' ),
		remediation: [ ...steps, rerunStep() ],
	};
}

function schemeVerdict( target: URL, context: EndpointContext ): Verdict {
	if ( target.protocol === 'https:' ) {
		return {
			status: 'fail',
			summary: __(
				'The callback address starts with http:// and the server redirects it to https://, so Klarna’s call loses its data on the way.',
				'kco-callback-doctor'
			),
			causeId: 'https-redirect',
			cause: __( 'an http to https redirect', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'In Settings → General, set both “WordPress Address (URL)” and “Site Address (URL)” to the https:// address below, so KCO gives Klarna https callback addresses. Then place a test order.',
						'kco-callback-doctor'
					),
					copy: [
						homeBase( context.environment ).replace(
							/^http:/i,
							'https:'
						),
					],
				},
				rerunStep(),
			],
		};
	}
	return {
		status: 'fail',
		summary: __(
			'The server redirects the https:// callback address to http://, so Klarna’s call loses its data on the way.',
			'kco-callback-doctor'
		),
		causeId: 'http-redirect',
		cause: __( 'an https to http redirect', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Find and remove the rule that sends HTTPS requests to http:// (web server configuration, a redirect plugin, or your CDN’s SSL setting, for example Cloudflare’s “Flexible” SSL mode).',
					'kco-callback-doctor'
				),
			},
			contactHostStep(),
			rerunStep(),
		],
	};
}

/**
 * A redirect to another host name of the same site: moving the Site Address there is the fix.
 * Only ever reached for same-site targets (classifyHop checks `offsite` first).
 * @param target Where the server redirects to.
 */
function hostVerdict( target: URL ): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The server redirects the callback to another host name (for example with or without www), so Klarna’s call loses its data on the way.',
			'kco-callback-doctor'
		),
		causeId: 'host-redirect',
		cause: __( 'a redirect to another host name', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'In Settings → General, set “WordPress Address (URL)” and “Site Address (URL)” to the address your server redirects to, shown below, so KCO gives Klarna the final address.',
					'kco-callback-doctor'
				),
				copy: [ `${ target.protocol }//${ target.host }` ],
			},
			rerunStep(),
		],
	};
}

function offsiteVerdict( target: URL, context: EndpointContext ): Verdict {
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %s: host name the callback is redirected to, e.g. "pay.example.net". */
			__(
				'The callback is redirected to another site (%s), not to an address of this shop. Klarna’s call does not arrive here, and the shop has no say over what the other site does with it.',
				'kco-callback-doctor'
			),
			target.hostname
		),
		cause: __( 'a redirect to another site', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Find the rule that sends the callback addresses away and remove it, or exclude the callback addresses from it: a redirect plugin (for example Redirection → Redirects), the web server’s configuration (.htaccess or nginx), or your CDN’s redirect or page rules.',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'If you did not set up this redirect, treat it as a warning sign: a plugin, theme or server file may have been changed without your knowledge. Ask your host or developer to check the site.',
					'kco-callback-doctor'
				),
			},
			allowCallbackUrlsStep( context.remediation ),
			rerunStep(),
		],
	};
}

function loginVerdict( context: EndpointContext ): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The callback is redirected to a login page, so Klarna’s call never reaches KCO.',
			'kco-callback-doctor'
		),
		causeId: 'login-redirect',
		cause: __( 'a login redirect', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'A plugin or server rule requires visitors to log in: a private-site, coming-soon or membership plugin, or staging protection. Exclude the callback addresses from it, or turn it off while the shop takes orders.',
					'kco-callback-doctor'
				),
			},
			allowCallbackUrlsStep( context.remediation ),
			rerunStep(),
		],
	};
}

function otherVerdict( context: EndpointContext ): Verdict {
	return {
		status: 'fail',
		summary: __(
			'The callback is redirected to another address, so Klarna’s call does not arrive where KCO expects it.',
			'kco-callback-doctor'
		),
		causeId: 'redirect',
		cause: __( 'a redirect', 'kco-callback-doctor' ),
		remediation: [
			{
				text: __(
					'Look for the rule that redirects it: a redirect plugin (for example Redirection → Redirects), the web server’s configuration (.htaccess or nginx), or your CDN’s redirect rules, and exclude the callback addresses from it.',
					'kco-callback-doctor'
				),
			},
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		],
	};
}

function verdictFor(
	found: RedirectFinding,
	context: EndpointContext
): Verdict {
	switch ( found.kind ) {
		case 'offsite':
			return offsiteVerdict( found.target, context );
		case 'language':
			return languageVerdict( context );
		case 'scheme':
			return schemeVerdict( found.target, context );
		case 'host':
			return hostVerdict( found.target );
		case 'login':
			return loginVerdict( context );
		case 'other':
			return otherVerdict( context );
	}
}

/**
 * The verdict for a redirected callback, or null when there is no redirect to explain. The most
 * specific redirect names the cause; the fixes for the other redirects of the chain follow.
 * @param observation One probe and what was seen of it.
 * @param context     What the endpoint checks know about the endpoint under test.
 */
export function redirectVerdict(
	observation: Observation,
	context: EndpointContext
): Verdict | null {
	const chain = explainRedirects( redirectHops( observation ) );
	const main = chain[ 0 ];
	if ( ! main ) {
		return null;
	}
	const others = chain.slice( 1 );
	const verdict = verdictFor( main, context );
	const rerun = rerunStep();
	const moreSteps = others.flatMap(
		( found ) => verdictFor( found, context ).remediation
	);
	return {
		...verdict,
		evidence: [
			{
				label: __( 'Why a redirect breaks it', 'kco-callback-doctor' ),
				value: bodyLossSentence( main.hop.status ),
			},
		],
		remediation: [
			...uniqueSteps(
				[ ...verdict.remediation, ...moreSteps ].filter(
					( step ) => step.text !== rerun.text
				)
			),
			rerun,
		],
	};
}

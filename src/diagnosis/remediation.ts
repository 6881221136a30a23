/**
 * What every fix needs: the exact callback addresses of this site, and the steps that recur in
 * many fixes (allow the addresses, test from outside, ask the host, tell Klarna, check again).
 */
import { __ } from '@wordpress/i18n';

import type { EndpointDescriptor, Environment } from '../api/types';
import type { RemediationContext } from './fingerprints';
import type { RemediationStep } from './types';

/**
 * The WooCommerce API names KCO registers; the vendor's troubleshooting page asks merchants to
 * allow each of them (kco-callbacks-troubleshooting.txt, "Be aware of firewalls").
 */
const WC_API_CALLBACKS = [
	'KCO_WC_Push',
	'KCO_WC_Notification',
	'KCO_WC_Shipping_Option_Update',
	'KCO_WC_Validation',
] as const;

const BLOCK_ROUTE_FALLBACK = '/wp-json/kco-block/';

/**
 * The wc-api name of the checkout block's validation callback in KCO's development builds before
 * 2.16.0 (blocks/src/ValidationCallback.php: site_url( '/wc-api/kco-block-validation' ) with the
 * query right after the name, no trailing slash, so the address to allow ends in `*`, not `/*`).
 * Every release uses the REST route instead; allowing this address too costs nothing.
 */
const BLOCK_WC_API_CALLBACK = 'kco-block-validation';

/**
 * The home URL without a trailing slash (keeps a sub-directory install's path).
 * @param environment Facts about the site.
 */
export function homeBase( environment: Environment ): string {
	try {
		const url = new URL( environment.homeUrl );
		return `${ url.protocol }//${ url.host }${ url.pathname }`.replace(
			/\/+$/,
			''
		);
	} catch {
		return `https://${ environment.host }`;
	}
}

/**
 * The WordPress address (site URL) without a trailing slash; KCO builds the block checkout's
 * wc-api validation URL from it. Falls back to the home URL's base.
 * @param environment Facts about the site.
 */
export function siteBase( environment: Environment ): string {
	try {
		const url = new URL( environment.siteUrl );
		return `${ url.protocol }//${ url.host }${ url.pathname }`.replace(
			/\/+$/,
			''
		);
	} catch {
		return homeBase( environment );
	}
}

/**
 * `/wp-json/kco-block/` as the catalogue builds the block validation path.
 * @param endpoints The endpoints as the catalogue describes them.
 */
function blockRoutePrefix( endpoints: EndpointDescriptor[] ): string {
	const descriptor = endpoints.find(
		( item ) => item.id === 'block-validate'
	);
	const match = descriptor?.path.match( /^(.*\/kco-block\/)/ );
	const prefix = match?.[ 1 ] ?? BLOCK_ROUTE_FALLBACK;
	return prefix.startsWith( '/' ) ? prefix : `/${ prefix }`;
}

/**
 * The addresses to allow, from the site's own home URL.
 * @param environment Facts about the site.
 * @param endpoints   The endpoints as the catalogue describes them.
 */
export function buildRemediationContext(
	environment: Environment,
	endpoints: EndpointDescriptor[]
): RemediationContext {
	const base = homeBase( environment );
	const allowUrls: string[] = WC_API_CALLBACKS.map(
		( name ) => `${ base }/wc-api/${ name }/*`
	);
	const usesBlocks =
		environment.kco.flow === 'blocks' ||
		endpoints.some(
			( item ) =>
				item.id === 'block-validate' || item.id === 'block-validation'
		);
	if ( usesBlocks ) {
		allowUrls.push(
			`${ siteBase( environment ) }/wc-api/${ BLOCK_WC_API_CALLBACK }*`
		);
		allowUrls.push( `${ base }${ blockRoutePrefix( endpoints ) }*` );
	}
	return {
		host: environment.host,
		wildcardUrl: `${ base }/wc-api/*`,
		allowUrls,
	};
}

/**
 * "Allow these addresses", with the wildcard first and each callback URL to copy.
 * @param context The callback addresses of the site.
 */
export function allowCallbackUrlsStep(
	context: RemediationContext
): RemediationStep {
	return {
		text: __(
			'Allow Klarna’s callback addresses. The first address below covers all of them; the others are the single callbacks, if you prefer to allow them one by one.',
			'kco-callback-doctor'
		),
		copy: [ context.wildcardUrl, ...context.allowUrls ],
	};
}

/**
 * "Run the external test". Safe on any path: the command sends its canary first and the
 * Klarna-shaped request only when the canary's echo came back (ExternalProbesController), so a
 * path no canary of the run crossed cannot turn it into a real callback.
 */
export function externalTestStep(): RemediationStep {
	return {
		text: __(
			'Test from outside your server: use “Copy as curl” on this card and run the command from another network, for example on your own computer. Klarna’s calls arrive that way, through your CDN and firewalls. The command first sends a harmless test request and sends Klarna’s request only when that one comes back with the doctor’s signed answer; otherwise it says so and stops.',
			'kco-callback-doctor'
		),
	};
}

export function contactHostStep(): RemediationStep {
	return {
		text: __(
			'If you cannot change this yourself, send the report from this page (“Copy report”) to your hosting provider and ask them to let these requests through to WordPress.',
			'kco-callback-doctor'
		),
	};
}

export function contactKlarnaStep(): RemediationStep {
	return {
		text: __(
			'If orders already stayed in “Pending payment” because of this, contact Klarna merchant support once it is fixed, so they can check the unacknowledged orders with you.',
			'kco-callback-doctor'
		),
	};
}

export function certificateStep(): RemediationStep {
	return {
		text: __(
			'Install a valid certificate for this exact site name, for example a free Let’s Encrypt certificate from your hosting control panel, and make sure it renews automatically.',
			'kco-callback-doctor'
		),
	};
}

export function rerunStep(): RemediationStep {
	return {
		text: __(
			'Run the checks again to confirm the fix.',
			'kco-callback-doctor'
		),
	};
}

/**
 * Steps in order, without repeating a step two sources both suggest.
 * @param steps Steps, possibly repeating each other.
 */
export function uniqueSteps( steps: RemediationStep[] ): RemediationStep[] {
	const seen = new Set< string >();
	return steps.filter( ( step ) => {
		if ( seen.has( step.text ) ) {
			return false;
		}
		seen.add( step.text );
		return true;
	} );
}

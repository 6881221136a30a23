/**
 * Blocker fingerprints: how each WAF, CDN, security plugin or web server identifies itself in a
 * response that blocked a probe, and what the store owner should do about it.
 * (Contract stub: to be filled by the fingerprint research.)
 */
import type { ProbeResponse } from '../api/types';
import type { RemediationStep } from './types';

export type BlockerKind =
	| 'cdn'
	| 'host-firewall'
	| 'server-firewall'
	| 'security-plugin'
	| 'web-server';

/** What a remediation needs to know about the site to name exact URLs and screens. */
export interface RemediationContext {
	/** Home host, e.g. `shop.example`. */
	host: string;
	/** `https://shop.example/wc-api/*` (scheme of the home URL). */
	wildcardUrl: string;
	/** Each callback URL to allow, e.g. `https://shop.example/wc-api/KCO_WC_Push/*`. */
	allowUrls: string[];
}

export interface Fingerprint {
	/** Stable id, e.g. `cloudflare`. */
	id: string;
	/** Product name as the owner knows it, e.g. `Cloudflare`. */
	product: string;
	kind: BlockerKind;
	/** Whether this response is this product's block. */
	matches: ( response: ProbeResponse ) => boolean;
	/** Numbered steps, in the product's own words and screens. */
	remediation: ( context: RemediationContext ) => RemediationStep[];
}

export const fingerprints: Fingerprint[] = [];

/**
 * The product that blocked this response, or null. When several match, the first in
 * `fingerprints` wins: the list is ordered most specific first, so the result is deterministic.
 */
export function identifyBlocker( response: ProbeResponse ): Fingerprint | null {
	return fingerprints.find( ( fingerprint ) => fingerprint.matches( response ) ) ?? null;
}

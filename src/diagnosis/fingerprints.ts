/**
 * Blocker fingerprints: how each WAF, CDN, security plugin or web server identifies itself in a
 * response that blocked a probe, and what the store owner should do about it.
 *
 * Every marker below was learnt from public WAF-detection projects, vendor documentation or the
 * product's own source, cited above each fingerprint; the patterns are our own.
 *
 * ORDER (first match wins, see identifyBlocker):
 * 1. Security plugins inside WordPress. They answer last, behind any CDN or host firewall, so
 *    when their own page came back, everything in front of them only passed it through (a
 *    Wordfence page served through Cloudflare is Wordfence's block).
 * 2. Firewalls of the hosting server. A named rule set comes before the engine it runs on:
 *    Imunify360 and Comodo WAF before ModSecurity.
 * 3. Edge services (CDN/WAF in front of the server). A rebranded service comes before the one it
 *    is built on: SiteLock before Imperva, GoDaddy before Sucuri.
 * 4. Generic web-server pages last: LiteSpeed, nginx, Apache. They only say which server
 *    answered, never why.
 *
 * Edge headers (`server: cloudflare`, `cf-ray`, `x-sucuri-id`, `x-iinfo`, `x-amz-cf-id`,
 * `x-cache: Error from cloudfront`, `server: imunify360-webshield`, `x-proxy-cache`) are on every
 * response that passed through the edge, including the origin's own errors and plain 200s, so
 * they never identify a blocker on their own: a signature needs a marker only the block page has.
 */
import { __, sprintf } from '@wordpress/i18n';

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

/**
 * One way a product gives itself away. Every condition given must hold.
 */
export interface Signature {
	/** What was seen, as it appears in the response (technical text, shown verbatim). */
	marker: string;
	/** Statuses the product sends this page with; omitted means any error status (400 and up). */
	status?: readonly number[] | 'any';
	/** Pattern for the reason phrase of the status line. */
	reason?: RegExp;
	/** A header (lower-case name) that must be present, and a pattern its value must match. */
	header?: { name: string; value?: RegExp };
	/** Patterns the body (first 8 KB, maybe truncated) must all match. */
	body?: readonly RegExp[];
	/**
	 * Set when this answer is a challenge (a JavaScript check or a CAPTCHA a browser must solve),
	 * not a plain block: Klarna calls server to server and can never solve one, so the card says
	 * that only a skip rule for the callback addresses helps.
	 */
	challenge?: true;
}

export interface Fingerprint {
	/** Stable id, e.g. `cloudflare`. */
	id: string;
	/** Product name as the owner knows it, e.g. `Cloudflare`. */
	product: string;
	kind: BlockerKind;
	/** Whether this response is this product's block. */
	matches: ( response: ProbeResponse ) => boolean;
	/** Numbered steps (in array order), in the product's own words and screens. */
	remediation: ( context: RemediationContext ) => RemediationStep[];
	/** The signatures `matches` checks; present on every built-in fingerprint. */
	signatures?: readonly Signature[];
}

const ERROR_STATUS_FLOOR = 400;

/** Cloudflare's block and challenge statuses: 403; 429 for rate limits and Super Bot Fight Mode; 503 for the old challenge. */
const CLOUDFLARE_STATUSES = [ 403, 429, 503 ] as const;

const REDIRECT_STATUSES = [ 301, 302, 303, 307, 308 ] as const;

/**
 * A case-insensitive pattern for a literal phrase, where a space matches any run of whitespace
 * (block pages wrap lines anywhere).
 *
 * @param text The phrase as the product writes it.
 */
function phrase( text: string ): RegExp {
	const escaped = text.replace( /[.*+?^${}()|[\]\\]/g, '\\$&' );
	return new RegExp( escaped.replace( / +/g, '\\s+' ), 'i' );
}

function headerValue(
	headers: Record< string, string >,
	name: string
): string | undefined {
	const exact = headers[ name ];
	if ( exact !== undefined ) {
		return exact;
	}
	// The API promises lower-case names (src/api/types.ts); tolerate a producer that forgot.
	const key = Object.keys( headers ).find(
		( candidate ) => candidate.toLowerCase() === name
	);
	return key === undefined ? undefined : headers[ key ];
}

function statusAllowed( signature: Signature, status: number ): boolean {
	if ( signature.status === 'any' ) {
		return true;
	}
	if ( signature.status ) {
		return signature.status.includes( status );
	}
	return status >= ERROR_STATUS_FLOOR;
}

/**
 * Whether every condition of the signature holds for the response.
 *
 * @param signature The signature to check.
 * @param response  The response that blocked a probe.
 */
export function signatureHolds(
	signature: Signature,
	response: ProbeResponse
): boolean {
	if ( ! statusAllowed( signature, response.status ) ) {
		return false;
	}
	if ( signature.reason && ! signature.reason.test( response.reason ) ) {
		return false;
	}
	if ( signature.header ) {
		const value = headerValue( response.headers, signature.header.name );
		if ( value === undefined ) {
			return false;
		}
		if (
			signature.header.value &&
			! signature.header.value.test( value )
		) {
			return false;
		}
	}
	return ( signature.body ?? [] ).every( ( pattern ) =>
		pattern.test( response.body )
	);
}

/**
 * The first signature of the fingerprint the response shows, for the evidence; null when none.
 *
 * @param fingerprint The fingerprint whose signatures to check.
 * @param response    The response that blocked a probe.
 */
export function matchingSignature(
	fingerprint: Fingerprint,
	response: ProbeResponse
): Signature | null {
	return (
		fingerprint.signatures?.find( ( signature ) =>
			signatureHolds( signature, response )
		) ?? null
	);
}

function defineFingerprint(
	definition: Omit< Fingerprint, 'matches' | 'signatures' > & {
		signatures: readonly Signature[];
	}
): Fingerprint {
	return {
		...definition,
		matches: ( response ) =>
			definition.signatures.some( ( signature ) =>
				signatureHolds( signature, response )
			),
	};
}

/* ---------------------------------------------------------------------------------------------
 * Remediation building blocks. Plain text only: the UI numbers the steps and renders no HTML.
 *
 * Klarna publishes the addresses its callbacks come from, per environment (production and
 * playground differ): https://docs.klarna.com/api/callbacks/. Steps that suggest allowing them
 * point there ("published on docs.klarna.com") instead of copying a list that Klarna may change;
 * the path rule (allowStep) comes first because it does not depend on where the call comes from.
 * ------------------------------------------------------------------------------------------- */

function step( text: string ): RemediationStep {
	return { text };
}

/**
 * The step that allows the callback URLs; its copy buttons hold every URL to allow.
 *
 * @param text    What to do, in the product's own screens.
 * @param context The site's URLs to allow.
 */
function allowStep(
	text: string,
	context: RemediationContext
): RemediationStep {
	return { text, copy: [ context.wildcardUrl, ...context.allowUrls ] };
}

function retestStep(): RemediationStep {
	return step(
		__(
			'Run the Callback Doctor again. When every callback passes, Klarna can reach your shop; tell Klarna merchant support if orders are still stuck in “Pending payment”.',
			'kco-callback-doctor'
		)
	);
}

/* ---------------------------------------------------------------------------------------------
 * 1. Security plugins (inside WordPress).
 * ------------------------------------------------------------------------------------------- */

/*
 * Wordfence. Sources: Wordfence plugin source, vendor/wordfence/wf-waf/src/views/403.php (WAF
 * block, 403) and lib/wf503.php (lockout, 503), as mirrored in SourceGlobalCDN/Wordfence;
 * EnableSecurity/wafw00f wafw00f/plugins/wordfence.py; stamparm/identYwaf data.json ("wordfence");
 * sqlmapproject/sqlmap waf/wordfence.py.
 * The current pages start with about 7 KB of inline CSS and end with an inline SVG badge, so
 * "Generated by Wordfence" falls beyond our 8 KB; the headline (or the page's own `.wf-btn-default`
 * CSS on a translated or truncated page) is what we reliably get.
 */
const wordfence = defineFingerprint( {
	id: 'wordfence',
	product: 'Wordfence',
	kind: 'security-plugin',
	signatures: [
		{
			marker: '“A potentially unsafe operation has been detected in your request to this site”',
			body: [
				phrase(
					'A potentially unsafe operation has been detected in your request'
				),
			],
		},
		{
			marker: '“Your access to this site has been limited”',
			body: [ phrase( 'Your access to this site has been limited' ) ],
		},
		{
			marker: '“Generated by Wordfence”',
			body: [ phrase( 'Generated by Wordfence' ) ],
		},
		{
			marker: '“broke one of the Wordfence blocking rules”',
			body: [
				/broke one of (?:the )?Wordfence (?:advanced )?blocking rules/i,
			],
		},
		{
			marker: 'link to wordfence.com/help',
			body: [ /wordfence\.com\/help\//i ],
		},
		{
			marker: 'Wordfence block page styles (.wf-btn-default)',
			status: [ 403, 503 ],
			body: [ /\.wf-btn-default\b/i ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'In WordPress, open Wordfence → Tools → Live Traffic, show only blocked requests, and find the one to /wc-api/ (or /wp-json/kco-block/). It says which firewall rule or block stopped it.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'If a firewall rule blocked it (a 403 “potentially unsafe operation” page), open Wordfence → Firewall → All Firewall Options → Advanced Firewall Options → Allowlisted URLs and add each address below (only the part from /wc-api/ on), or choose “Add Param to Firewall Allowlist” on the blocked request in Live Traffic.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If the page said “Your access to this site has been limited by the site owner” (a 503), the caller was blocked, not the address: remove the matching block under Wordfence → Firewall → Blocking, make sure Rate Limiting and Country Blocking do not catch Klarna, and add Klarna’s callback IP addresses (published on docs.klarna.com) to “Allowlisted IP addresses that bypass all rules” in All Firewall Options.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not switch the Wordfence firewall off or back to Learning Mode for the whole site, and do not allowlist this server’s own IP address: that only makes this check pass, Klarna stays blocked.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Solid Security (formerly iThemes Security). Source: the plugin's lockout template,
 * better-wp-security/core/templates/lockout/lockout.php (seen in Enterwell/wp-starter,
 * wp-content/plugins/better-wp-security/core/templates/lockout/lockout.php): a "Forbidden" page
 * whose stylesheet lives in that folder, with a `lockout_screen` (older: `lock_out_screen`) box.
 * Bans written to .htaccess produce the server's generic 403 instead; see Apache/LiteSpeed/nginx.
 */
const solidSecurity = defineFingerprint( {
	id: 'solid-security',
	product: 'Solid Security (iThemes Security)',
	kind: 'security-plugin',
	signatures: [
		{
			marker: 'lockout template of better-wp-security',
			body: [
				/\/(?:better-wp-security|ithemes-security-pro)\/core\/templates\/lockout\//i,
			],
		},
		{
			marker: 'id="lockout_screen"',
			body: [ /id=["']lock_?out_screen["']/i ],
		},
		{
			marker: '“You have been locked out” (Solid Security lockout page)',
			body: [
				phrase( 'You have been locked out' ),
				/itsec|better-wp-security|solid security/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'In WordPress, open Security → Firewall → Logs (Security → Logs in older iThemes Security) and find the lockout or ban that hit the callback request.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Release the lockout under Security → Dashboard → Active Lockouts, then add Klarna’s callback IP addresses (published on docs.klarna.com) to Security → Settings → Global Settings → Authorized IPs so they are never locked out again.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Solid Security has no list of allowed addresses, so check its bans instead: in Security → Settings → Features → Firewall → Ban Users, make sure neither the user agent “APIs-Klarna” nor any part of the addresses below is on the banned lists.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not turn off Solid Security’s firewall or lockouts for the whole site, and do not authorize this server’s own IP address: that only makes this check pass, Klarna stays blocked.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * All-In-One Security (AIOS). Source: wp-plugins/all-in-one-wp-security-and-firewall,
 * classes/wp-security-general-init-tasks.php and the blocking class
 * (do_general_ip_blocking_tasks): a blocked or locked-out caller is redirected to
 * http://127.0.0.1. The doctor does not follow redirects to other hosts, so that redirect is the
 * response we get. AIOS's .htaccess firewall rules produce the server's generic 403 instead.
 */
const allInOneSecurity = defineFingerprint( {
	id: 'aios',
	product: 'All-In-One Security (AIOS)',
	kind: 'security-plugin',
	signatures: [
		{
			marker: 'redirect to http://127.0.0.1',
			status: REDIRECT_STATUSES,
			header: {
				name: 'location',
				value: /^\s*https?:\/\/127\.0\.0\.1(?::\d+)?\/?\s*$/i,
			},
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Your shop sent the caller away to 127.0.0.1: that is how All-In-One Security (AIOS) turns away an address it has locked out or blocked.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'In WordPress, open WP Security → Dashboard → Locked IP Addresses (WP Security → User Security in newer versions) and unlock any entry for Klarna’s or your own server’s address.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Open WP Security → Firewall → Allow list (newer versions) and add Klarna’s callback IP addresses (published on docs.klarna.com). Then check WP Security → Blacklist Manager (Ban users): neither the user agent “APIs-Klarna” nor any part of the addresses below may be banned.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not deactivate AIOS or its whole firewall, and do not allow-list this server’s own IP address: that only makes this check pass, Klarna stays blocked.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * BulletProof Security. Sources: EnableSecurity/wafw00f wafw00f/plugins/bulletproof.py (the
 * plugin's 403 template: "403 Forbidden Error Page", a `bpsMessage` box, "If you arrived here due
 * to a search ...").
 */
const bulletproofSecurity = defineFingerprint( {
	id: 'bulletproof-security',
	product: 'BulletProof Security',
	kind: 'security-plugin',
	signatures: [
		{
			marker: 'class="bpsMessage"',
			body: [ /class=["'][^"']*\bbpsMessage\b/i ],
		},
		{
			marker: '“403 Forbidden Error Page” with “If you arrived here due to a search”',
			body: [
				phrase( '403 Forbidden Error Page' ),
				phrase( 'If you arrived here due to a search' ),
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'BulletProof Security’s own 403 page answered: a rule in the .htaccess files it writes stopped the request before WordPress ran. Open BPS Security → Security Log and find the entry for /wc-api/ (or /wp-json/kco-block/).',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Open BPS Security → Setup Wizard or Security Modes → Custom Code, and in “CUSTOM CODE PLUGIN/THEME SKIP/BYPASS RULES” add a skip rule for the addresses below (BPS support can give you the exact lines). Save, then activate Root Folder BulletProof Mode again so the .htaccess file is rebuilt.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not delete the .htaccess file or leave Root Folder BulletProof Mode off to get callbacks through: that removes every BPS rule, and the skip rule for these addresses is enough.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Shield Security (plugin slug wp-simple-firewall). Sources: EnableSecurity/wafw00f
 * wafw00f/plugins/shieldsecurity.py; stamparm/identYwaf data.json ("shieldsecurity");
 * projectdiscovery/nuclei-templates http/technologies/waf-detect.yaml ("shieldsecurity").
 */
const shieldSecurity = defineFingerprint( {
	id: 'shield-security',
	product: 'Shield Security',
	kind: 'security-plugin',
	signatures: [
		{
			marker: '“You were blocked by the Shield”',
			body: [ phrase( 'You were blocked by the Shield' ) ],
		},
		{
			marker: '“remaining transgression(s) against this site”',
			body: [
				/remaining (?:transgression|offense)\(?s?\)? against this site/i,
			],
		},
		{
			marker: '“Something in the URL, Form or Cookie data wasn’t appropriate”',
			body: [
				/Something in the URL,?\s+Form or Cookie data wasn\S{1,7}t appropriate/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Shield counts offenses per caller address and blocks an address after too many. In WordPress, open Shield Security → IP Manager (IP Rules) and remove any block on Klarna’s or your own server’s address.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Add Klarna’s callback IP addresses (published on docs.klarna.com) to the bypass list in the same IP Manager, so they never collect offenses.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Open Shield Security → Configuration → Firewall and add the addresses below to “Whitelist Parameters” (page exclusions), so the firewall does not inspect Klarna’s calls.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not switch Shield’s firewall or IP blocking off for the whole site, and do not bypass this server’s own IP address: that only makes this check pass, Klarna stays blocked.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * MalCare. Sources: EnableSecurity/wafw00f wafw00f/plugins/malcare.py; stamparm/identYwaf
 * data.json ("malcare"): "Blocked because of Malicious Activities", "Firewall powered by MalCare".
 */
const malcare = defineFingerprint( {
	id: 'malcare',
	product: 'MalCare',
	kind: 'security-plugin',
	signatures: [
		{
			marker: '“Blocked because of Malicious Activities”',
			body: [ phrase( 'Blocked because of Malicious Activities' ) ],
		},
		{
			marker: '“Firewall powered by MalCare”',
			body: [
				/Firewall(?:\s|<[^>]*>)*powered\s+by(?:\s|<[^>]*>)*MalCare/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'MalCare’s firewall answered. Log in to your MalCare dashboard, open this site → Firewall, and find the blocked request to /wc-api/ (or /wp-json/kco-block/) in the firewall log.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'In the MalCare dashboard, open Firewall → Settings and allowlist the addresses below, or allowlist Klarna’s callback IP addresses (published on docs.klarna.com). If you cannot find the setting, ask MalCare support to allow these addresses.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not switch MalCare’s firewall off for the whole site: an allow-list entry for these addresses is enough.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * NinjaFirewall. Sources: stamparm/identYwaf data.json ("ninjafirewall"); sqlmapproject/sqlmap
 * waf/ninjafirewall.py; 0xInfection/Awesome-WAF: title "NinjaFirewall: 403 Forbidden" and "For
 * security reasons, it was blocked and logged". The HTTP code is configurable, so the title may
 * carry another code.
 */
const ninjaFirewall = defineFingerprint( {
	id: 'ninjafirewall',
	product: 'NinjaFirewall',
	kind: 'security-plugin',
	signatures: [
		{
			marker: 'title “NinjaFirewall: 403 Forbidden”',
			body: [ /NinjaFirewall:\s*\d{3}\b/i ],
		},
		{
			marker: '“For security reasons, it was blocked and logged”',
			body: [ /For security reasons?,?\s+it was blocked and logged/i ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'In WordPress, open NinjaFirewall → Logs → Firewall Log and find the blocked request to /wc-api/ (or /wp-json/kco-block/); note the rule ID it names.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Open NinjaFirewall → Rules Editor and disable that one rule ID. The rest of the firewall stays on.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'With NinjaFirewall WP+ Edition you can instead allow the addresses below under NinjaFirewall → Access Control → URL Access Control (enter the part from /wc-api/ on).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not disable NinjaFirewall or its whole rule set: one disabled rule (or one allowed address) is enough.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/* ---------------------------------------------------------------------------------------------
 * 2. Firewalls of the hosting server.
 * ------------------------------------------------------------------------------------------- */

/*
 * Imunify360 (CloudLinux). Sources: EnableSecurity/wafw00f wafw00f/plugins/imunify360.py;
 * stamparm/identYwaf data.json ("imunify360"); sqlmapproject/sqlmap waf/imunify360.py:
 * `server: imunify360-webshield`, "protected by Imunify360", "Powered by Imunify360",
 * "imunify360 preloader". Bot protection answers automated callers with "Access denied by
 * Imunify360 bot-protection", sometimes with status 200, and its challenge says "Please wait while
 * your request is being verified" (CloudLinux help article "Why the IP address is added to the
 * graylist"), so those markers count whatever the status. WebShield puts its server header on
 * every response it proxies, the origin's own errors included, so the header only corroborates.
 */
const imunify360 = defineFingerprint( {
	id: 'imunify360',
	product: 'Imunify360',
	kind: 'server-firewall',
	signatures: [
		{
			marker: '“Access denied by Imunify360”',
			status: 'any',
			body: [ phrase( 'Access denied by Imunify360' ) ],
		},
		{
			marker: '“protected by Imunify360” / “Powered by Imunify360”',
			status: 'any',
			body: [ /(?:protected|powered) by Imunify360/i ],
		},
		{
			marker: '“imunify360 preloader”',
			status: 'any',
			body: [ /imunify360[\s-]preloader/i ],
			challenge: true,
		},
		{
			marker: 'server: imunify360-webshield with a challenge page',
			status: 'any',
			header: { name: 'server', value: /imunify360/i },
			body: [
				/Please wait while your request is being verified|One moment,? please/i,
			],
			challenge: true,
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Imunify360 runs on your hosting server, not in WordPress; its settings are in the server’s control panel (WHM, Plesk or DirectAdmin). On shared hosting, send the next steps to your host.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'If the answer said “Access denied by Imunify360 bot-protection” or showed a “please wait” check, Klarna’s servers were treated as a bot: ask the host to add Klarna’s callback IP addresses (published on docs.klarna.com) to Imunify360 → Firewall → White List.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'If a WAF rule blocked it, ask the host to find the rule ID for the addresses below under Imunify360 → Incidents and to disable that rule for your domain (Imunify360 → Firewall → Disabled rules) instead of turning the firewall off.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not ask for Imunify360 to be disabled for your whole account, and do not rely on passing its check in your own browser: that lets your browser in, never Klarna’s servers.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * SiteGround anti-bot and WAF. Sources: EnableSecurity/wafw00f wafw00f/plugins/siteground.py;
 * stamparm/identYwaf data.json ("siteground"); sqlmapproject/sqlmap waf/siteground.py; public
 * captures of the challenge: HTTP 202, header `sg-captcha: challenge`, a meta refresh to
 * /.well-known/sgcaptcha/. The challenge uses 202, so it counts whatever the status.
 * `x-proxy-cache` is on every SiteGround response and identifies nothing.
 */
const siteground = defineFingerprint( {
	id: 'siteground',
	product: 'SiteGround',
	kind: 'host-firewall',
	signatures: [
		{
			marker: 'header sg-captcha',
			status: 'any',
			header: { name: 'sg-captcha' },
			challenge: true,
		},
		{
			marker: 'redirect to /.well-known/sgcaptcha/',
			status: 'any',
			body: [ /\/\.well-known\/sg-?captcha\//i ],
			challenge: true,
		},
		{
			marker: '“Our system thinks you might be a robot!”',
			status: 'any',
			body: [ phrase( 'Our system thinks you might be a robot' ) ],
			challenge: true,
		},
		{
			marker: '“The page you are trying to access is restricted due to a security rule”',
			body: [ phrase( 'is restricted due to a security rule' ) ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'SiteGround’s servers answered with their own robot check or security rule, before WordPress ran; neither can be switched off from WordPress.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Contact SiteGround support (Site Tools → Help), explain that Klarna Checkout’s server-to-server callbacks are being challenged, and ask them to exclude the addresses below from the bot protection and the WAF.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'In Site Tools → Security → Blocked Traffic, make sure no Klarna address and no user agent “APIs-Klarna” is blocked.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not try to pass the robot check in your own browser: that lets your browser in, never Klarna’s servers.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Comodo WAF (a ModSecurity rule set). Sources: EnableSecurity/wafw00f
 * wafw00f/plugins/comodo.py; stamparm/identYwaf data.json ("comodo");
 * projectdiscovery/nuclei-templates http/technologies/waf-detect.yaml ("comodo"): the server header
 * "Protected by COMODO WAF". That header is the server's signature on every response, so it
 * only counts with the statuses a denial uses; otherwise its denials look like the server's
 * generic 403. Klarna's
 * troubleshooting page names rule 211180 ("Session Fixation: SessionID Parameter Name with No
 * Referer") as the one that blocks the push.
 */
const comodoWaf = defineFingerprint( {
	id: 'comodo-waf',
	product: 'Comodo WAF',
	kind: 'server-firewall',
	signatures: [
		{
			marker: 'server: Protected by COMODO WAF',
			status: [ 403, 406 ],
			header: { name: 'server', value: /COMODO WAF/i },
		},
		{
			marker: '“Protected by COMODO WAF”',
			body: [ phrase( 'Protected by COMODO WAF' ) ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Comodo WAF, a set of ModSecurity rules on your hosting server, refused the request. Klarna’s own guide names Comodo rule 211180 (“Session Fixation: SessionID Parameter Name with No Referer”), which matches Klarna’s push call.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'If you manage the server, open WHM (or Plesk) → ModSecurity Tools or the Comodo WAF plugin → Rules, and disable rule 211180, or exclude it for the addresses below. On shared hosting, send this to your host with the addresses.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'As Klarna’s guide asks, then tell Klarna merchant support that the rule blocked their callbacks.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not switch ModSecurity or the whole Comodo rule set off for the domain: disabling rule 211180 (or excluding these addresses from it) is enough.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * ModSecurity. Sources: EnableSecurity/wafw00f wafw00f/plugins/modsecurity.py; stamparm/identYwaf
 * data.json ("modsecurity"); projectdiscovery/nuclei-templates waf-detect.yaml ("modsecurity",
 * "modsecurityowasp"). Checked on this machine with Apache 2.4 and mod_security2 2.9.7: a default
 * `deny,status:403` returns Apache's plain 403 page (see the Apache fingerprint), and
 * `status:406` returns Apache's "Not Acceptable ... An appropriate representation of the
 * requested resource" page; older cPanel builds add "This error was generated by Mod_Security.".
 * Apache only sends 406 on its own for content negotiation, which a POST to /wc-api/ never uses,
 * so that page means ModSecurity.
 */
const modSecurity = defineFingerprint( {
	id: 'modsecurity',
	product: 'ModSecurity',
	kind: 'server-firewall',
	signatures: [
		{
			marker: '“This error was generated by Mod_Security”',
			body: [ /This error was generated by Mod.?Security/i ],
		},
		{
			marker: '“mod_security rules triggered” / “rules of the mod_security module”',
			body: [
				/mod.?security rules triggered|rules of the mod.?security module|Protected by Mod.?Security|blocked by mod.?security/i,
			],
		},
		{
			marker: '/modsecurity-errorpage/',
			body: [ /\/modsecurity[-_]errorpage\//i ],
		},
		{
			marker: 'server: mod_security',
			status: [ 403, 406 ],
			header: { name: 'server', value: /mod.?security/i },
		},
		{
			marker: 'reason “ModSecurity Action”',
			reason: /ModSecurity Action/i,
		},
		{
			marker: 'Apache 406 “Not Acceptable” page',
			status: [ 406 ],
			body: [
				/<h1>\s*Not Acceptable!?\s*<\/h1>/i,
				phrase(
					'An appropriate representation of the requested resource'
				),
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'ModSecurity, a firewall module on your hosting server, refused the request before WordPress ran, so no WordPress setting changes this.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'With cPanel you can prove it: open Security → ModSecurity, switch it off for this domain, run the Callback Doctor again, and switch it back on right away.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Ask your host to look up the addresses below in the ModSecurity audit log (or the web server’s error log), and to disable the rule it names for these addresses only, not the whole firewall. Rules known to hit Klarna’s push call: Comodo 211180 and OWASP CRS 2.x 950000.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not leave ModSecurity switched off for the domain: disable only the one rule for these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/* ---------------------------------------------------------------------------------------------
 * 3. Edge services in front of the server.
 * ------------------------------------------------------------------------------------------- */

/*
 * SiteLock (TrueShield, built on Imperva's network). Sources: EnableSecurity/wafw00f
 * wafw00f/plugins/sitelock.py; stamparm/identYwaf data.json ("sitelock"): "SiteLock Incident ID",
 * "SiteLock will remember you". The SiteLock trust seal also shows on ordinary pages, so it is no
 * marker. Dashboard: https://docs.sectigo.com/sitelock/sitelock-dashboard/firewall.html
 */
const sitelock = defineFingerprint( {
	id: 'sitelock',
	product: 'SiteLock (TrueShield)',
	kind: 'cdn',
	signatures: [
		{
			marker: '“SiteLock Incident ID”',
			status: 'any',
			body: [ phrase( 'SiteLock Incident ID' ) ],
		},
		{
			marker: '“SiteLock will remember you”',
			status: 'any',
			body: [ phrase( 'SiteLock will remember you' ) ],
		},
		{
			marker: '“Sitelock is leader in Business Website Security Services”',
			body: [
				phrase( 'is leader in Business Website Security Services' ),
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'SiteLock’s firewall answered before the request reached your server. Log in to the SiteLock dashboard and open Firewall; the incident ID on the block page identifies the event.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Under Firewall → Proactive Settings, allow the addresses below (and Klarna’s callback IP addresses, published on docs.klarna.com), or ask SiteLock support to allow them.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not turn the SiteLock firewall off or lower its protection for the whole site: limit the exception to these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Imperva Cloud WAF (Incapsula). Sources: EnableSecurity/wafw00f wafw00f/plugins/incapsula.py;
 * stamparm/identYwaf data.json ("incapsula"); projectdiscovery/nuclei-templates waf-detect.yaml
 * ("incapsula"). `x-iinfo`, `x-cdn: Imperva` and the `incap_ses`/`visid_incap` cookies are on
 * every proxied response and Imperva injects `/_Incapsula_Resource` scripts into ordinary pages,
 * so only the incident ID or the "Request unsuccessful" page count. Its bot challenge is served
 * with status 200.
 */
const imperva = defineFingerprint( {
	id: 'imperva',
	product: 'Imperva (Incapsula)',
	kind: 'cdn',
	signatures: [
		{
			marker: '“Incapsula incident ID”',
			status: 'any',
			body: [ phrase( 'Incapsula incident ID' ) ],
		},
		{
			marker: '“Request unsuccessful” with /_Incapsula_Resource',
			status: 'any',
			body: [
				phrase( 'Request unsuccessful' ),
				/\/_Incapsula_Resource/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Imperva (formerly Incapsula) answered before the request reached your server. Log in to the Imperva Cloud Security Console, open your site → Security Events, and search for the incident ID from the block page.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'On that event, add an exception for the rule that fired, limited to the addresses below; or, in the site’s WAF settings, allowlist Klarna’s callback IP addresses (published on docs.klarna.com). If the page was a bot check (“Request unsuccessful”), also exclude these addresses from Bot Protection.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If your host or agency manages Imperva for you, send them these steps and the incident ID.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not lower the security or bot protection settings of the whole site: limit the exception to these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * GoDaddy Website Firewall (Sucuri's firewall under GoDaddy's name). Sources:
 * EnableSecurity/wafw00f wafw00f/plugins/godaddy.py; stamparm/identYwaf data.json ("godaddy"):
 * "GoDaddy Security - Access Denied", "Access Denied - GoDaddy Website Firewall". These pages also
 * carry Sucuri's headers; the GoDaddy name decides which dashboard the owner has.
 */
const godaddyFirewall = defineFingerprint( {
	id: 'godaddy-firewall',
	product: 'GoDaddy Website Firewall',
	kind: 'cdn',
	signatures: [
		{
			marker: '“Access Denied - GoDaddy Website Firewall”',
			body: [
				/GoDaddy\s+(?:Website\s+Firewall|Security)\s*-\s*Access Denied|Access Denied\s*-\s*GoDaddy\s+(?:Website\s+Firewall|Security)/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'GoDaddy’s Website Firewall (built on Sucuri) answered before the request reached your server. Sign in to GoDaddy and open My Products → Website Security and Backups → Manage → Firewall.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Open Settings → Access Control → Allowlist URL Paths (“Whitelist URL Paths” on older screens) and add the addresses below (the part from /wc-api/ on).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If calls are still blocked, open the firewall’s Reports (Audit Trails), filter by blocked requests and look up the block ID from the X-Sucuri-Block header; GoDaddy support can clear that rule.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not pause the firewall, point your DNS past it, or add your server’s IP address to its allowlisted IPs: all of these either remove the protection or only let your own server through.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Sucuri Website Firewall. Sources: EnableSecurity/wafw00f wafw00f/plugins/sucuri.py;
 * stamparm/identYwaf data.json ("sucuri"); projectdiscovery/nuclei-templates waf-detect.yaml
 * ("sucuri"): header `x-sucuri-block` (only on blocks), "Sucuri WebSite Firewall - Access
 * Denied", cloudproxy@sucuri.net. `x-sucuri-id` and `x-sucuri-cache` are on every proxied
 * response and do not count.
 */
const sucuri = defineFingerprint( {
	id: 'sucuri',
	product: 'Sucuri Website Firewall',
	kind: 'cdn',
	signatures: [
		{
			marker: 'header x-sucuri-block',
			header: { name: 'x-sucuri-block' },
		},
		{
			marker: '“Sucuri WebSite Firewall - Access Denied”',
			body: [
				/Sucuri\s+Web\s*Site\s+Firewall\s*-\s*(?:CloudProxy\s*-\s*)?Access Denied|Access Denied\s*-\s*Sucuri\s+Web\s*Site\s+Firewall/i,
			],
		},
		{
			marker: 'cloudproxy@sucuri.net',
			body: [ /cloudproxy@sucuri\.net/i ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Sucuri’s Website Firewall answered before the request reached your server. Log in to the Sucuri dashboard and open your site’s Firewall (WAF).',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Open Settings → Access Control → Allowlist URL Paths (“Whitelist URL Paths” on older screens) and add the addresses below (the part from /wc-api/ on).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If calls are still blocked, open Reports → Audit Trails, filter by blocked requests and look up the block ID from the X-Sucuri-Block header; Sucuri support can tell you how to clear it.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not pause the firewall, point your DNS past it, or add your server’s IP address to its allowlisted IPs: all of these either remove the protection or only let your own server through.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Cloudflare. Sources: Cloudflare docs, "Detect a Challenge Page response"
 * (https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response:
 * every challenge carries `cf-mitigated: challenge`); cloudflare/cloudflare-docs
 * src/content/docs/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1020.mdx
 * (1020 "Access denied", a firewall rule) and error-1010.mdx (browser signature, Browser
 * Integrity Check); stamparm/identYwaf data.json ("cloudflare": "Attention Required! |
 * Cloudflare"); sqlmapproject/sqlmap waf/cloudflare.py; EnableSecurity/wafw00f
 * wafw00f/plugins/cloudflare.py. Non-browser clients get a plain-text "error code: 1020" body.
 * Remediation: https://developers.cloudflare.com/waf/custom-rules/skip/ and
 * https://developers.cloudflare.com/waf/custom-rules/skip/options/ (Bot Fight Mode cannot be
 * skipped; https://developers.cloudflare.com/bots/get-started/bot-fight-mode/ for where to turn
 * it off). Challenges: https://developers.cloudflare.com/ruleset-engine/rules-language/actions/
 * (JS, Managed and Interactive Challenge are passed only by a client that runs the challenge).
 */
const cloudflare = defineFingerprint( {
	id: 'cloudflare',
	product: 'Cloudflare',
	kind: 'cdn',
	signatures: [
		{
			marker: 'cf-mitigated: challenge',
			status: 'any',
			header: { name: 'cf-mitigated', value: /challenge/i },
			challenge: true,
		},
		{
			marker: '“Attention Required! | Cloudflare”',
			status: CLOUDFLARE_STATUSES,
			body: [ /Attention Required!\s*\|\s*Cloudflare/i ],
		},
		{
			marker: '“… used Cloudflare to restrict access”',
			status: CLOUDFLARE_STATUSES,
			body: [ phrase( 'used Cloudflare to restrict access' ) ],
		},
		{
			marker: '“Sorry, you have been blocked” (Cloudflare)',
			status: CLOUDFLARE_STATUSES,
			body: [ phrase( 'Sorry, you have been blocked' ), /cloudflare/i ],
		},
		{
			marker: 'Cloudflare challenge script (/cdn-cgi/challenge-platform/)',
			status: CLOUDFLARE_STATUSES,
			body: [ /\/cdn-cgi\/challenge-platform\/|_cf_chl_opt/i ],
			challenge: true,
		},
		{
			marker: 'cf-ray with “error code: 10xx”',
			status: CLOUDFLARE_STATUSES,
			header: { name: 'cf-ray' },
			body: [ /error\s+code:?\s*10\d\d\b/i ],
		},
	],
	remediation: ( context ) => [
		step(
			sprintf(
				/* translators: %s: the shop's host name, e.g. shop.example. */
				__(
					'Cloudflare stopped the request at its edge, before it reached your server. In the Cloudflare dashboard choose %s and open Security → Events; filter by the path /wc-api/ to see which rule or feature acted (a 1020 error is a custom rule, 1010 the Browser Integrity Check).',
					'kco-callback-doctor'
				),
				context.host
			)
		),
		allowStep(
			__(
				'Create a skip rule: Security → WAF → Custom rules → Create rule (new dashboard: Security → Security rules → Create rule → Custom rules). Name it “Klarna callbacks”; Field “URI Path”, Operator “starts with”, Value “/wc-api/” (add an “Or” line for any address below that is not under /wc-api/); action “Skip”; tick all remaining custom rules, all rate limiting rules, all managed rules, all Super Bot Fight Mode rules, Browser Integrity Check, Security Level and User Agent Blocking. Place it first and deploy.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Bot Fight Mode (free plan) cannot be skipped by any rule: if Security → Events names it, turn it off under Security → Settings → Bot traffic (older dashboard: Security → Bots).',
				'kco-callback-doctor'
			)
		),
		step(
			sprintf(
				/* translators: %s: the callback URL pattern, e.g. https://shop.example/wc-api/*. */
				__(
					'Klarna’s guide suggests a Page Rule instead. If your account still has Rules → Page Rules, a rule for %s with “Security Level: Essentially Off” and “Browser Integrity Check: Off” also works, but Cloudflare is retiring Page Rules, so prefer the skip rule.',
					'kco-callback-doctor'
				),
				context.wildcardUrl
			)
		),
		step(
			__(
				'Do not lower the Security Level, turn off the WAF, switch on Development Mode or pause Cloudflare for the whole site, and do not allow only this server’s IP address in IP Access rules: the skip rule for these paths is enough.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Akamai (Kona Site Defender, App & API Protector). Sources: EnableSecurity/wafw00f
 * wafw00f/plugins/kona.py; stamparm/identYwaf data.json ("kona"); sqlmapproject/sqlmap
 * waf/kona.py: `server: AkamaiGHost`, "Access Denied ... Reference #18.xxxxxxxx.xxxxxxxxxx.xxxxxxx"
 * (HTML-escaped as "Reference&#32;&#35;18&#46;..."), links to errors.edgesuite.net.
 */
const akamai = defineFingerprint( {
	id: 'akamai',
	product: 'Akamai',
	kind: 'cdn',
	signatures: [
		{
			marker: '“Access Denied … Reference #”',
			body: [
				/<title>\s*Access Denied\s*<\/title>/i,
				/Reference(?:\s|&#32;)*(?:#|&#35;)\s*[0-9a-f]+(?:\.|&#46;)[0-9a-f]+/i,
			],
		},
		{
			marker: 'errors.edgesuite.net',
			body: [ /errors(?:\.|&#46;)edgesuite(?:\.|&#46;)net/i ],
		},
		{
			marker: 'server: AkamaiGHost (403)',
			status: [ 403 ],
			header: { name: 'server', value: /AkamaiGHost/i },
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'Akamai’s edge denied the request (“Access Denied … Reference #”). Akamai is set up by whoever holds the Akamai contract, usually your host or agency, not in WordPress.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Send them the reference number from the page and ask them to exempt the addresses below from the WAF and Bot Manager policies in Akamai Control Center (an exception in the security configuration), or to allow Klarna’s callback IP addresses (published on docs.klarna.com).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not ask for the whole site to be taken off the security configuration: limit the exception to these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * AWS WAF on Amazon CloudFront. Sources: AWS WAF developer guide, "CAPTCHA and Challenge action
 * behavior" (https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-actions.html:
 * `x-amzn-waf-action: challenge` with 202, `captcha` with 405); stamparm/identYwaf data.json
 * ("aws": "Request blocked" with "Generated by cloudfront"); EnableSecurity/wafw00f
 * wafw00f/plugins/cloudfront.py and awswaf.py. `x-amz-cf-id` and `x-cache: Error from cloudfront`
 * are on every error CloudFront passes on (an origin 404 too), so they do not count.
 */
const awsWaf = defineFingerprint( {
	id: 'aws-waf',
	product: 'AWS WAF (Amazon CloudFront)',
	kind: 'cdn',
	signatures: [
		{
			marker: 'x-amzn-waf-action',
			status: 'any',
			header: { name: 'x-amzn-waf-action', value: /challenge|captcha/i },
			challenge: true,
		},
		{
			marker: '“Request blocked” … “Generated by cloudfront (CloudFront)”',
			status: [ 403 ],
			body: [ phrase( 'Request blocked' ), /Generated by cloudfront/i ],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'AWS WAF (on Amazon CloudFront) blocked the request before it reached your server. Whoever manages that AWS account, often your host or agency, has to change its web ACL.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'In the AWS console, open WAF & Shield → Web ACLs → your web ACL → Rules, and add a rule at the top with action “Allow” for requests whose URI path starts with /wc-api/ (one statement per address below), or override the rule that matched (Sampled requests show its name).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If the answer was a Challenge or CAPTCHA (header x-amzn-waf-action), add a scope-down statement to that rule so it leaves out requests whose URI path starts with /wc-api/ (and /wp-json/kco-block/).',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not remove the web ACL from the CloudFront distribution or switch its rules to Count for the whole site: limit the Allow rule to these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/* ---------------------------------------------------------------------------------------------
 * 4. Generic web-server pages. 403 only: their 404 pages (plain permalinks) are no block.
 * ------------------------------------------------------------------------------------------- */

/*
 * LiteSpeed. Sources: EnableSecurity/wafw00f wafw00f/plugins/litespeed.py (`server: LiteSpeed`
 * with 403; "Proudly powered by LiteSpeed Web Server", litespeedtech.com/error-page);
 * projectdiscovery/nuclei-templates waf-detect.yaml ("litespeed"); public captures of its 403
 * page ("Access to this resource on the server is denied!"). `server: LiteSpeed` alone is no
 * marker: WordPress's own 403s on that server carry it too.
 */
const litespeed = defineFingerprint( {
	id: 'litespeed',
	product: 'LiteSpeed Web Server',
	kind: 'web-server',
	signatures: [
		{
			marker: 'LiteSpeed 403 page',
			status: [ 403 ],
			body: [
				/Proudly powered by LiteSpeed Web Server|litespeedtech\.com\/error-page|Access to this resource on the server is denied/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'The LiteSpeed web server answered with its own “403 Forbidden” page. It does not say which rule fired; the usual causes are a deny rule in the .htaccess file, ModSecurity rules on the server (such as Comodo rule 211180), or the host’s anti-bot settings.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Check the .htaccess file in your WordPress folder (with your host’s file manager) for “deny”, “Require” or “RewriteRule … [F]” lines that match wc-api or the user agent APIs-Klarna; security plugins write such lines.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Ask your host to look up the addresses below in the LiteSpeed error log and the ModSecurity log, and to allow them (or disable the one rule that fired for them).',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not delete the whole .htaccess file or ask for ModSecurity to be switched off for the server: remove or exclude only the one line or rule that matched.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * nginx. Sources: sqlmapproject/sqlmap waf/nginx.py ("<center><h1>403 Forbidden</h1></center>"
 * with "<center>nginx</center>"); projectdiscovery/nuclei-templates waf-detect.yaml
 * ("nginxgeneric"). The version may follow ("nginx/1.24.0").
 */
const nginx = defineFingerprint( {
	id: 'nginx',
	product: 'nginx',
	kind: 'web-server',
	signatures: [
		{
			marker: 'nginx 403 page (<center>nginx</center>)',
			status: [ 403 ],
			body: [
				/403 Forbidden/i,
				/<center>\s*nginx(?:\/[\d.]+)?(?:\s*\([^)]*\))?\s*<\/center>/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'The nginx web server answered with its own “403 Forbidden” page. nginx settings live on the server, not in WordPress or .htaccess, so this needs your host.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Ask your host to check the nginx configuration for this site (deny rules, location blocks, blocked user agents such as “APIs-Klarna”, and any firewall module such as ModSecurity or NAXSI) and to allow the addresses below.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'If a security plugin writes nginx rules for you (some offer an nginx.conf file to include), check its blocking settings too.',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Do not ask for the firewall module or the deny rules to be removed for the whole site: limit the exception to these addresses.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/*
 * Apache. Checked on this machine (Apache 2.4.71): `Require all denied` and a default ModSecurity
 * deny both return the same page, "<title>403 Forbidden</title> ... <h1>Forbidden</h1> ... You
 * don't have permission to access this resource."; Apache 2.2 added the path and "on this
 * server". Also projectdiscovery/nuclei-templates waf-detect.yaml ("apachegeneric").
 */
const apache = defineFingerprint( {
	id: 'apache',
	product: 'Apache',
	kind: 'web-server',
	signatures: [
		{
			marker: 'Apache 403 page (“You don’t have permission to access”)',
			status: [ 403 ],
			body: [
				/<h1>\s*Forbidden\s*<\/h1>/i,
				/You don(?:'|&#0?39;|’)t have permission to access/i,
			],
		},
	],
	remediation: ( context ) => [
		step(
			__(
				'The Apache web server answered with its own “Forbidden” page. A ModSecurity rule on the server produces exactly this page too, so it may be ModSecurity (Klarna names Comodo rule 211180).',
				'kco-callback-doctor'
			)
		),
		step(
			__(
				'Check the .htaccess file in your WordPress folder (with your host’s file manager) for “Deny from”, “Require” or “RewriteRule … [F]” lines that match wc-api or the user agent APIs-Klarna; security plugins write such lines. With cPanel, also try switching Security → ModSecurity off for this domain for one test run.',
				'kco-callback-doctor'
			)
		),
		allowStep(
			__(
				'Ask your host to look up the addresses below in the Apache error log (it names the rule or file that refused them) and to allow them.',
				'kco-callback-doctor'
			),
			context
		),
		step(
			__(
				'Do not delete the whole .htaccess file, and do not leave ModSecurity switched off: remove or exclude only the one line or rule that matched.',
				'kco-callback-doctor'
			)
		),
		retestStep(),
	],
} );

/** Most specific first; see ORDER at the top of this file. */
export const fingerprints: Fingerprint[] = [
	wordfence,
	solidSecurity,
	allInOneSecurity,
	bulletproofSecurity,
	shieldSecurity,
	malcare,
	ninjaFirewall,
	imunify360,
	siteground,
	comodoWaf,
	modSecurity,
	sitelock,
	imperva,
	godaddyFirewall,
	sucuri,
	cloudflare,
	akamai,
	awsWaf,
	litespeed,
	nginx,
	apache,
];

/**
 * The product that blocked this response, or null. When several match, the first in
 * `fingerprints` wins: the list is ordered most specific first, so the result is deterministic.
 *
 * @param response A response that was not the probe's echo.
 */
export function identifyBlocker( response: ProbeResponse ): Fingerprint | null {
	return (
		fingerprints.find( ( fingerprint ) =>
			fingerprint.matches( response )
		) ?? null
	);
}

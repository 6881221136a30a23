/**
 * Where, in each security plugin the doctor knows, a store owner lets Klarna's callbacks through.
 * Screens are named as the plugins name them in their current versions; older versions may
 * place them slightly differently, which the texts say where it is known to vary.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { KnownPlugin } from '../api/types';
import type { RemediationStep } from './types';

type StepText = () => string;

/** Keyed by plugin slug (directory name). */
const ALLOW_LIST_PLACES: Record< string, StepText > = {
	wordfence: () =>
		__(
			'Wordfence: open Wordfence → Tools → Live Traffic, find the blocked request to /wc-api/ and choose “Add Param to Firewall Allowlist”. To let Klarna’s servers past every rule, add Klarna’s callback IP addresses (listed in Klarna’s documentation) under Wordfence → Firewall → All Firewall Options → Advanced Firewall Options → “Allowlisted IP addresses that bypass all rules”. Also check Rate Limiting and country blocking on the same screen.',
			'kco-callback-doctor'
		),
	'better-wp-security': () =>
		__(
			'Solid Security (formerly iThemes Security): add Klarna’s callback IP addresses to Authorized IPs (Security → Firewall → Configure → Lockouts; Security → Settings → Global Settings → Authorized Hosts in older versions), and under Banned Users make sure no banned user agent and no HackRepair.com list entry matches “APIs-Klarna”.',
			'kco-callback-doctor'
		),
	'ithemes-security-pro': () =>
		__(
			'Solid Security Pro (formerly iThemes Security Pro): add Klarna’s callback IP addresses to Authorized IPs (Security → Firewall → Configure → Lockouts; Security → Settings → Global Settings → Authorized Hosts in older versions), and under Banned Users make sure no banned user agent matches “APIs-Klarna”.',
			'kco-callback-doctor'
		),
	'all-in-one-wp-security-and-firewall': () =>
		__(
			'All-In-One Security (AIOS): open WP Security → Firewall. Add Klarna’s callback IP addresses in the Allow list tab (Whitelist in older versions), and make sure the 6G firewall rules and the internet bot settings do not block /wc-api/ requests with the User-Agent “APIs-Klarna”.',
			'kco-callback-doctor'
		),
	'wp-simple-firewall': () =>
		__(
			'Shield Security: open Shield Security → IP Manager (IPs & Bots in newer versions) and add Klarna’s callback IP addresses to the bypass list; in the Firewall settings, add the /wc-api/ path to the whitelisted pages and parameters.',
			'kco-callback-doctor'
		),
	ninjafirewall: () =>
		__(
			'NinjaFirewall: open NinjaFirewall → Access Control and add /wc-api/ under URL Access Control → “Allow access to the following URL”. If NinjaFirewall → Logs names a rule ID for the blocked request, disable that rule in NinjaFirewall → Rules Editor.',
			'kco-callback-doctor'
		),
	'nfw-pro': () =>
		__(
			'NinjaFirewall (WP+ Edition): open NinjaFirewall → Access Control and add /wc-api/ under URL Access Control → “Allow access to the following URL”, or add Klarna’s callback IP addresses to the IP allow list there.',
			'kco-callback-doctor'
		),
	'sucuri-scanner': () =>
		__(
			'Sucuri: the Sucuri plugin itself does not block callbacks, the Sucuri Website Firewall does. If you use it, log in to the Sucuri dashboard, open Firewall → Access Control → Allowlist URL Paths and add /wc-api/.',
			'kco-callback-doctor'
		),
	'bulletproof-security': () =>
		__(
			'BulletProof Security: its rules live in your .htaccess file. Open BPS → Custom Code, add a skip/bypass rule for /wc-api/ in the root custom code (for example under “CUSTOM CODE PLUGIN/THEME SKIP/BYPASS RULES”), save it and then re-create the root .htaccess under BPS → Security Modes.',
			'kco-callback-doctor'
		),
	'malcare-security': () =>
		__(
			'MalCare: log in to your MalCare dashboard, open this site’s Firewall settings and add the callback addresses (or Klarna’s callback IP addresses) to the allow-list.',
			'kco-callback-doctor'
		),
	'wp-cerber': () =>
		__(
			'WP Cerber: open Cerber Security → Traffic Inspector settings and add /wc-api/ to the Request whitelist; with the checkout block, also make sure Cerber → Hardening does not restrict the REST API for the kco-block namespace.',
			'kco-callback-doctor'
		),
	'wp-defender': () =>
		__(
			'Defender: open Defender → Firewall → IP Banning and add Klarna’s callback IP addresses to the Allowlist; under Firewall → User Agent Banning make sure “APIs-Klarna” is not banned.',
			'kco-callback-doctor'
		),
	'defender-security': () =>
		__(
			'Defender: open Defender → Firewall → IP Banning and add Klarna’s callback IP addresses to the Allowlist; under Firewall → User Agent Banning make sure “APIs-Klarna” is not banned.',
			'kco-callback-doctor'
		),
	'jetpack-protect': () =>
		__(
			'Jetpack Protect: open Jetpack → Protect → Firewall and add Klarna’s callback IP addresses to the always-allowed IP addresses.',
			'kco-callback-doctor'
		),
};

/**
 * The one step that says where, in this plugin, to let Klarna's callbacks through.
 * @param plugin An active plugin the doctor knows.
 */
export function securityPluginStep( plugin: KnownPlugin ): RemediationStep {
	const place = ALLOW_LIST_PLACES[ plugin.slug ];
	if ( place ) {
		return { text: place() };
	}
	return {
		text: sprintf(
			/* translators: %s: name of a security plugin, e.g. "Wordfence". */
			__(
				'%s: open its settings, find its allow-list (it may be called whitelist, exclusions or trusted URLs) and add /wc-api/; check its log for blocked requests to /wc-api/.',
				'kco-callback-doctor'
			),
			plugin.name
		),
	};
}

/**
 * Where the plugin takes the client's address from with its current setting, and what that means
 * for a test from inside (includes/Probe/ClientAddressPolicy.php).
 * @param plugin An active security plugin.
 */
export function clientAddressSource( plugin: KnownPlugin ): string {
	// Runs stored before the trust was reported name the header alone.
	if ( plugin.clientAddressHeader !== null ) {
		return sprintf(
			/* translators: %s: a request header, e.g. "X-Forwarded-For". */
			__(
				'accepts a public address from the %s header, where the doctor presents one of Klarna’s addresses',
				'kco-callback-doctor'
			),
			plugin.clientAddressHeader
		);
	}
	if ( plugin.clientAddressTrust === 'connection' ) {
		return __(
			'trusts only the connection’s own address: its address rules are untestable from inside, use the external test',
			'kco-callback-doctor'
		);
	}
	return __(
		'where it takes the client’s address from could not be read from its settings',
		'kco-callback-doctor'
	);
}

export function isSecurityPlugin( plugin: KnownPlugin ): boolean {
	return plugin.category === 'security';
}

/**
 * Trigger isolation (docs/probe-protocol.md §8): each variant probe changes one thing of a failing
 * Klarna-shaped probe. The one that gets through names what the blocking rule reacts to.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, Observation } from '../api/types';
import { isVerified, sessionParameters } from './observations';
import {
	allowCallbackUrlsStep,
	contactHostStep,
	contactKlarnaStep,
	externalTestStep,
	rerunStep,
} from './remediation';
import type { RemediationStep } from './types';
import type { EndpointContext } from './endpoint-context';
import { triggerVariantsOf } from './verdict';

export type Trigger =
	| 'user-agent'
	| 'session-without-referer'
	| 'referer'
	| 'order-id'
	| 'query-values'
	| 'order-data'
	| 'request-body'
	| 'post-only'
	| 'every-request';

/** Triggers in Klarna's content rather than its identity (docs/probe-protocol.md §8). */
export type ContentTrigger = Extract<
	Trigger,
	'order-id' | 'query-values' | 'order-data' | 'request-body'
>;

/**
 * Whether a trigger lies in what Klarna's request carries: a block that lifts when only the
 * content changes is a web application firewall's content rule, never a deny on the path.
 * @param trigger What the blocking rule reacts to.
 */
export function isContentTrigger(
	trigger: Trigger | null
): trigger is ContentTrigger {
	return (
		trigger === 'order-id' ||
		trigger === 'query-values' ||
		trigger === 'order-data' ||
		trigger === 'request-body'
	);
}

/**
 * What the block reacts to, or null when no variant was probed.
 * @param primary      The first failing Klarna-shaped probe.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param endpoint     The endpoint the probe was meant for.
 */
export function isolateTrigger(
	primary: Observation,
	observations: Observation[],
	endpoint: EndpointId
): Trigger | null {
	const variants = triggerVariantsOf( primary, observations );
	if ( variants.length === 0 ) {
		return null;
	}
	const passed = new Set(
		variants
			.filter( ( item ) => isVerified( item, endpoint ) )
			.map( ( item ) => item.variant )
	);
	const carriedSession = sessionParameters( primary ).length > 0;
	if ( passed.has( 'browser-user-agent' ) ) {
		return 'user-agent';
	}
	if (
		carriedSession &&
		( passed.has( 'with-referer' ) || passed.has( 'without-session-id' ) )
	) {
		return 'session-without-referer';
	}
	if ( passed.has( 'with-referer' ) ) {
		return 'referer';
	}
	// Content before method: a GET has no body either, so a body rule lets it through too.
	if ( passed.has( 'numeric-order-id' ) ) {
		return 'order-id';
	}
	if ( passed.has( 'plain-query' ) ) {
		return 'query-values';
	}
	if ( passed.has( 'minimal-body' ) ) {
		return 'order-data';
	}
	if ( passed.has( 'no-body' ) ) {
		return 'request-body';
	}
	if ( passed.has( 'get' ) ) {
		return 'post-only';
	}
	return passed.size === 0 ? 'every-request' : null;
}

/**
 * One sentence naming who blocks and on what condition. `blocker` is a product name or the
 * words for an unidentified blocker.
 * @param trigger What the blocking rule reacts to.
 * @param blocker Who blocks: a product name, or words for an unidentified blocker.
 */
export function triggerSentence( trigger: Trigger, blocker: string ): string {
	switch ( trigger ) {
		case 'user-agent':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "Something that did not identify itself". */
				__(
					'%s blocks this callback only when the User-Agent is APIs-Klarna, the one Klarna’s servers send.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'session-without-referer':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Imunify360" or "Something that did not identify itself". */
				__(
					'%s blocks this callback only when a kco_session_id parameter arrives without a Referer: the pattern of ModSecurity rule 211180 (Comodo WAF) or OWASP CRS 2 rule 950000.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'referer':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "Something that did not identify itself". */
				__(
					'%s blocks this callback only when it arrives without a Referer, and Klarna’s calls never carry one.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'order-id':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "A web application firewall rule". */
				__(
					'%s blocks this callback because of Klarna’s order id: the same request with a short numeric id instead of Klarna’s UUID gets through. A content rule matches the shape of the id (OWASP CRS 2 rule 981173, for one, counts its four hyphens as SQL special characters).',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'query-values':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "A web application firewall rule". */
				__(
					'%s blocks this callback because of the values in Klarna’s query string: the same request with plain letters and digits there gets through, so a content rule matches them.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'order-data':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "A web application firewall rule". */
				__(
					'%s blocks this callback because of the order data Klarna posts: the same request with a minimal body gets through, so a content rule matches Klarna’s order JSON (OWASP CRS 3 from paranoia level 2, for one, reads the JSON inside its merchant_data field as SQL injection).',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'request-body':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "A web application firewall rule". */
				__(
					'%s blocks this callback whenever it carries a JSON body: the same request without a body gets through, so a rule inspects or refuses request bodies on this address.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'post-only':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "Something that did not identify itself". */
				__(
					'%s blocks POST requests to this callback but lets GET through, and Klarna always sends POST.',
					'kco-callback-doctor'
				),
				blocker
			);
		case 'every-request':
			return sprintf(
				/* translators: %s: who blocks, e.g. "Cloudflare" or "Something that did not identify itself". */
				__(
					'%s blocks every request to this callback, not only Klarna-shaped ones.',
					'kco-callback-doctor'
				),
				blocker
			);
	}
}

/**
 * The step that says what exactly to exclude from the rule, for a known product or not.
 * @param trigger What the blocking rule reacts to.
 */
export function triggerHint( trigger: Trigger ): RemediationStep {
	switch ( trigger ) {
		case 'user-agent':
			return {
				text: __(
					'Look for a rule that matches the User-Agent “APIs-Klarna” (bad-bot or user-agent block lists) and exclude the callback addresses from it; Klarna cannot change the User-Agent it sends.',
					'kco-callback-doctor'
				),
			};
		case 'session-without-referer':
			return {
				text: __(
					'Disable ModSecurity rule 211180 (Comodo WAF, “Session Fixation: SessionID Parameter Name with No Referer”), or rule 950000 on OWASP CRS 2, for the callback addresses. In Plesk: Websites & Domains → Web Application Firewall → Switch off security rules, and enter the rule ID. On cPanel servers your host does it in WHM → ModSecurity Tools.',
					'kco-callback-doctor'
				),
			};
		case 'referer':
			return {
				text: __(
					'Look for a rule that requires a Referer (hotlink protection, “block requests without referer” or CSRF-style rules) and exclude the callback addresses from it.',
					'kco-callback-doctor'
				),
			};
		case 'order-id':
		case 'query-values':
		case 'order-data':
		case 'request-body':
			return contentRuleHint( trigger );
		case 'post-only':
			return {
				text: __(
					'Look for a rule on POST requests or on JSON request bodies (the firewall’s log names the rule that matched) and exclude the callback addresses from it.',
					'kco-callback-doctor'
				),
			};
		case 'every-request':
			return {
				text: __(
					'Because every kind of request is blocked, the rule may be keyed on the address these checks come from (your own server) or on the address itself: check the firewall’s log, deny rules in .htaccess or the nginx configuration, and IP block lists.',
					'kco-callback-doctor'
				),
			};
	}
}

/**
 * What to exclude for a content rule: the rule (named in the firewall's log) for the callback
 * addresses only, never the whole firewall; and the rules known to hit Klarna's content.
 * @param trigger The part of Klarna's request the rule matches.
 */
export function contentRuleHint( trigger: ContentTrigger ): RemediationStep {
	switch ( trigger ) {
		case 'order-id':
			return {
				text: __(
					'Exclude the callback addresses from the firewall rule that matches Klarna’s order id; Klarna’s order ids are UUIDs and cannot change. The firewall’s log names the rule that matched at the time of this check (on OWASP CRS 2 it is 981173). With ModSecurity that is an exclusion for the callback paths, for example “SecRule REQUEST_URI "@beginsWith /wc-api/KCO_WC_" "id:1000001,phase:1,pass,nolog,ctl:ruleRemoveById=981173"”; keep the firewall on for the rest of the site.',
					'kco-callback-doctor'
				),
			};
		case 'query-values':
			return {
				text: __(
					'Exclude the callback addresses from the firewall rule that matches Klarna’s query values (the firewall’s log names it); keep the firewall on for the rest of the site.',
					'kco-callback-doctor'
				),
			};
		case 'order-data':
			return {
				text: __(
					'Exclude the callback addresses from the firewall rule that matches Klarna’s order data (the firewall’s log names it). On OWASP CRS 3 at paranoia level 2 or higher, rules 942200, 942260, 942340 and 942370 match the JSON in merchant_data: exclude them for the callback paths, or run these paths at paranoia level 1; keep the firewall on for the rest of the site.',
					'kco-callback-doctor'
				),
			};
		case 'request-body':
			return {
				text: __(
					'Let the callback addresses receive JSON request bodies: look for a firewall or server rule that refuses or inspects bodies on these paths (the firewall’s log names it) and exclude the callback addresses from it.',
					'kco-callback-doctor'
				),
			};
	}
}

/**
 * The fix when the blocker did not identify itself but the trigger is known.
 * @param trigger What the blocking rule reacts to.
 * @param context What the endpoint checks know about the endpoint under test.
 */
export function triggerRemediation(
	trigger: Trigger,
	context: EndpointContext
): RemediationStep[] {
	const steps: RemediationStep[] = [
		triggerHint( trigger ),
		allowCallbackUrlsStep( context.remediation ),
		contactHostStep(),
	];
	if ( trigger === 'session-without-referer' ) {
		// The vendor asks merchants hit by rule 211180 to tell Klarna merchant support, and
		// notes that a push means the normal checkout flow went wrong for that order.
		steps.push( contactKlarnaStep() );
		if ( context.descriptor.id === 'push' ) {
			steps.push( {
				text: __(
					'Klarna uses the push only as a backup: if it was needed for an order, the normal checkout flow had a problem too. Look at those orders’ notes to find out why.',
					'kco-callback-doctor'
				),
			} );
		}
	}
	if ( trigger === 'every-request' ) {
		steps.push( externalTestStep() );
	}
	steps.push( rerunStep() );
	return steps;
}

/**
 * A block that lifts when only Klarna's content changes (docs/probe-protocol.md §8): a web application
 * firewall's content rule matched Klarna's order id, query values or order data. A web server's
 * stock error page cannot be the blocker then: Apache, nginx and LiteSpeed have no rules of their
 * own that read a query's values or a JSON body, so the page comes from a firewall module running
 * inside them, and the fix is an exclusion for the callback paths at that firewall.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { ProbeResponse } from '../api/types';
import type { Fingerprint } from './fingerprints';
import { identificationEvidence } from './identification';
import {
	contentRuleHint,
	triggerSentence,
	type ContentTrigger,
} from './isolate-trigger';
import {
	allowCallbackUrlsStep,
	contactHostStep,
	rerunStep,
	uniqueSteps,
} from './remediation';
import type { Evidence } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/**
 * The firewall engine most likely behind a web server's own error page, and why.
 * @param fingerprint The web server whose page came back.
 */
function likelyEngine( fingerprint: Fingerprint ): {
	cause: string;
	why: string;
} {
	switch ( fingerprint.id ) {
		case 'nginx':
			return {
				cause: __(
					'a web application firewall (most likely ModSecurity or NAXSI on nginx)',
					'kco-callback-doctor'
				),
				why: __(
					'nginx has no rules of its own that read a request’s query values or body, and its plain error page is what the ModSecurity and NAXSI modules answer with when they deny a request.',
					'kco-callback-doctor'
				),
			};
		case 'litespeed':
			return {
				cause: __(
					'a web application firewall (most likely a ModSecurity rule set on LiteSpeed)',
					'kco-callback-doctor'
				),
				why: __(
					'LiteSpeed has no rules of its own that read a request’s query values or body; it runs ModSecurity rule sets (Comodo WAF, Imunify360, OWASP CRS), which answer with its plain error page.',
					'kco-callback-doctor'
				),
			};
		default:
			return {
				cause: sprintf(
					/* translators: %s: web server, e.g. "Apache". */
					__(
						'a web application firewall (most likely ModSecurity on %s)',
						'kco-callback-doctor'
					),
					fingerprint.product
				),
				why: sprintf(
					/* translators: %s: web server, e.g. "Apache". */
					__(
						'%s has no rules of its own that read a request’s query values or body, and its stock “Forbidden” page is exactly what a ModSecurity deny returns; ModSecurity is the firewall module hosts run in it (cPanel, Plesk, DirectAdmin).',
						'kco-callback-doctor'
					),
					fingerprint.product
				),
			};
	}
}

/**
 * The verdict for a content rule whose firewall did not name itself: it answered with a web
 * server's page (`fingerprint`) or with a page no fingerprint knows (null).
 * @param response    The block's answer.
 * @param context     What the endpoint checks know about the endpoint under test.
 * @param trigger     The part of Klarna's request the rule matches.
 * @param fingerprint The web server whose page came back, or null.
 */
export function contentRuleVerdict(
	response: ProbeResponse,
	context: EndpointContext,
	trigger: ContentTrigger,
	fingerprint: Fingerprint | null
): Verdict {
	const evidence: Evidence[] = [];
	let cause: string = __(
		'a web application firewall’s content rule',
		'kco-callback-doctor'
	);
	if ( fingerprint ) {
		const engine = likelyEngine( fingerprint );
		cause = engine.cause;
		evidence.push( identificationEvidence( fingerprint, response ), {
			label: __( 'Likely firewall', 'kco-callback-doctor' ),
			value: engine.why,
		} );
	}
	return {
		status: 'fail',
		causeId: 'waf-content-rule',
		summary: triggerSentence(
			trigger,
			__( 'A web application firewall', 'kco-callback-doctor' )
		),
		cause,
		evidence,
		remediation: uniqueSteps( [
			contentRuleHint( trigger ),
			{
				text: __(
					'A rule on a path (an .htaccess deny, a blocked address) would block the neutral requests too, so look in the web application firewall: your host’s ModSecurity or Imunify360, a cloud WAF, or a security plugin’s firewall.',
					'kco-callback-doctor'
				),
			},
			allowCallbackUrlsStep( context.remediation ),
			contactHostStep(),
			rerunStep(),
		] ),
	};
}

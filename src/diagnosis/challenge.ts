/**
 * Challenges: a JavaScript check, a managed challenge or a CAPTCHA that a browser solves and a
 * server-to-server caller never can. Klarna's callbacks come from Klarna's servers with no
 * browser (docs/probe-protocol.md §2), so a challenge on a callback address always fails the
 * call, however "easy" it is set. Only a rule that skips the challenge for these addresses helps
 * (Cloudflare: https://developers.cloudflare.com/ruleset-engine/rules-language/actions/, a
 * challenge is passed only by a client that runs it; AWS WAF: "CAPTCHA and Challenge action
 * behavior", docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-actions.html).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { RemediationStep } from './types';

/**
 * The step that says why a challenge can never be passed by Klarna, and what does not help.
 * @param product The product that served the challenge, e.g. `Cloudflare`.
 */
export function challengeStep( product: string ): RemediationStep {
	return {
		text: sprintf(
			/* translators: %s: name of the product that served the challenge, e.g. "Cloudflare". */
			__(
				'%s answered with a challenge (a JavaScript check or a CAPTCHA that a browser solves). Klarna calls your shop from its servers, with no browser, so it can never pass one: lowering the challenge or the security level does not help. Only a rule that skips the challenge for the callback addresses does:',
				'kco-callback-doctor'
			),
			product
		),
	};
}

/**
 * A product's steps for a challenge: the explanation first, then the product's rule for the
 * callback addresses (its steps with addresses to copy), then the rest in their own order.
 * @param product The product that served the challenge.
 * @param steps   The product's own steps.
 */
export function challengeRemediation(
	product: string,
	steps: RemediationStep[]
): RemediationStep[] {
	const rules = steps.filter( ( step ) => step.copy !== undefined );
	const others = steps.filter( ( step ) => step.copy === undefined );
	return [ challengeStep( product ), ...rules, ...others ];
}

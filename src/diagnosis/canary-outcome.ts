/**
 * What a path's canary says (docs/probe-protocol.md §12), without text: the verdict (verdict.ts)
 * and the card (canary.ts) read it alike. The PHP twin is includes/Verdict/CanaryOutcome.php.
 *
 * Before anything Klarna-shaped travels a path, one signed request goes to an address on it that
 * no KCO handler serves and only the doctor's responder answers; where its echo did not come
 * back, the run sent nothing Klarna-shaped on that path:
 * - `arrived`: the echo came back, the probe header arrives;
 * - `header-stripped`: WordPress dispatched the canary without the header ever reaching the
 *   responder (WooCommerce's `-1`, the REST API's `rest_no_route` for the canary's route), so a
 *   proxy, CDN, firewall or web-server rule removes it;
 * - `stopped`: something in front of the dispatch answered instead (a block page, a password
 *   prompt, a redirect, maintenance, a network error): that is the path's problem for Klarna's
 *   callbacks too.
 */
import type { EndpointDescriptor, Observation } from '../api/types';
import { decisiveObservation } from './observations';
import { noHandlerAnswer } from './wordpress-answer';

export type CanaryOutcome = 'arrived' | 'header-stripped' | 'stopped';

/**
 * The canary that guarded an endpoint's path, when the run sent one: a re-try sent alone
 * outranks the crowded attempt.
 * @param observations Every observation of the run.
 * @param descriptor   The endpoint as the catalogue describes it.
 */
export function canaryOf(
	observations: Observation[],
	descriptor: EndpointDescriptor
): Observation | undefined {
	const { canary } = descriptor;
	if ( canary === undefined ) {
		return undefined;
	}
	return decisiveObservation(
		observations.filter( ( item ) => item.endpoint === canary ),
		'canary'
	);
}

/**
 * What the canary's answer says about its path.
 * @param canary The canary's observation.
 */
export function canaryOutcome( canary: Observation ): CanaryOutcome {
	if ( canary.echo !== null ) {
		return 'arrived';
	}
	// The canary's wc-api name and REST route have no handler but the responder, which only a
	// request that still carries the header reaches.
	if ( canary.response && noHandlerAnswer( canary.response ) !== null ) {
		return 'header-stripped';
	}
	return 'stopped';
}

/**
 * How each probe variant is named to a store owner, and what became of it, in a few words.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, Observation, VariantId } from '../api/types';
import { checkEcho, isCapacityProbe } from './observations';
import { formatDuration, oneLine, statusLine } from './plain-text';
import type { Finding } from './types';

export function variantLabel( variant: VariantId ): string {
	switch ( variant ) {
		case 'klarna':
			return __( 'As Klarna sends it', 'kco-callback-doctor' );
		case 'klarna-session':
			return __(
				'As Klarna sent it for KCO 2.0 to 2.18.3, with kco_session_id',
				'kco-callback-doctor'
			);
		case 'browser-user-agent':
			return __( 'With a browser’s User-Agent', 'kco-callback-doctor' );
		case 'with-referer':
			return __( 'With a Referer', 'kco-callback-doctor' );
		case 'without-session-id':
			return __(
				'Without the session id parameter',
				'kco-callback-doctor'
			);
		case 'get':
			return __( 'As GET instead of POST', 'kco-callback-doctor' );
		case 'public-client-address':
			return __(
				'Presenting a public client address',
				'kco-callback-doctor'
			);
		case 'numeric-order-id':
			return __(
				'With a short numeric order id instead of Klarna’s',
				'kco-callback-doctor'
			);
		case 'plain-query':
			return __(
				'With plain letters and digits as query values',
				'kco-callback-doctor'
			);
		case 'minimal-body':
			return __(
				'With a minimal body instead of Klarna’s order',
				'kco-callback-doctor'
			);
		case 'no-body':
			return __( 'Without a body', 'kco-callback-doctor' );
		case 'canary':
			return __(
				'A first, harmless test request (no Klarna data)',
				'kco-callback-doctor'
			);
		case 'wc-api-query':
			return __(
				'As ?wc-api=NAME, the form for plain permalinks',
				'kco-callback-doctor'
			);
		case 'held-answer':
			return __(
				'With the answer held back until just under Klarna’s deadline',
				'kco-callback-doctor'
			);
		case 'static-file':
			return __(
				'A static file of the site (no callback)',
				'kco-callback-doctor'
			);
		case 'php-page':
			return __(
				'A bare WordPress page, admin-ajax.php (no callback)',
				'kco-callback-doctor'
			);
	}
}

/**
 * Whether a probe counts as through: its own echo for a callback probe, any HTTP answer for a
 * question to the server itself (DESIGN.md §3.8).
 * @param observation One probe and what was seen of it.
 * @param endpoint    The endpoint the probe was meant for.
 */
export function gotThrough(
	observation: Observation,
	endpoint: EndpointId
): boolean {
	return isCapacityProbe( observation )
		? observation.response !== null
		: checkEcho( observation, endpoint ) === 'verified';
}

/**
 * `answered by WordPress`, `HTTP 403 Forbidden`, `timeout after 10.0 s`…
 * @param observation One probe and what was seen of it.
 * @param endpoint    The endpoint the probe was meant for.
 */
export function outcomeOf(
	observation: Observation,
	endpoint: EndpointId
): string {
	const check = checkEcho( observation, endpoint );
	if ( check === 'verified' ) {
		return __( 'reached WordPress (signed echo)', 'kco-callback-doctor' );
	}
	if ( check !== 'no-echo' && check !== 'redirected' ) {
		return __(
			'reached WordPress, but not as it was sent',
			'kco-callback-doctor'
		);
	}
	const lastHop = observation.redirects.at( -1 );
	if ( lastHop ) {
		return sprintf(
			/* translators: 1: HTTP status of a redirect, e.g. 301; 2: the address it points to. */
			__( 'redirected (%1$d) to %2$s', 'kco-callback-doctor' ),
			lastHop.status,
			oneLine( lastHop.location, 200 )
		);
	}
	if ( observation.response ) {
		return statusLine( observation.response );
	}
	const error = observation.error;
	if ( error ) {
		return sprintf(
			/* translators: 1: kind of network error, e.g. "timeout"; 2: time until it happened. */
			__( '%1$s error after %2$s', 'kco-callback-doctor' ),
			error.code,
			formatDuration( observation.timing.totalMs )
		);
	}
	return __( 'no answer recorded', 'kco-callback-doctor' );
}

/**
 * Finding.variants: one entry per variant probed, decisive observation only.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param endpoint     The endpoint the probe was meant for.
 */
export function variantOutcomes(
	observations: Observation[],
	endpoint: EndpointId
): NonNullable< Finding[ 'variants' ] > {
	return observations.map( ( observation ) => ( {
		variant: observation.variant,
		passed: gotThrough( observation, endpoint ),
		outcome: outcomeOf( observation, endpoint ),
	} ) );
}

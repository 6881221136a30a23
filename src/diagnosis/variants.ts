/**
 * How each probe variant is named to a store owner, and what became of it, in a few words.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, Observation, VariantId } from '../api/types';
import { checkEcho } from './observations';
import { formatDuration, oneLine, statusLine } from './plain-text';
import type { Finding } from './types';

export function variantLabel( variant: VariantId ): string {
	switch ( variant ) {
		case 'klarna':
			return __( 'As Klarna sends it', 'kco-callback-doctor' );
		case 'klarna-session':
			return __(
				'As Klarna sent it for KCO 2.0–2.18, with kco_session_id',
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
	}
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
		passed: checkEcho( observation, endpoint ) === 'verified',
		outcome: outcomeOf( observation, endpoint ),
	} ) );
}

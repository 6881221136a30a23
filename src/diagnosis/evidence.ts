/**
 * Evidence lines from an observation: what was sent, what came back, how long it took. Values
 * are plain text; a body is kept verbatim (never interpreted as HTML).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { Echo, EndpointId, Observation } from '../api/types';
import {
	firstLines,
	formatDuration,
	header,
	oneLine,
	statusLine,
} from './plain-text';
import type { Evidence } from './types';
import { outcomeOf, variantLabel } from './variants';

/**
 * Headers that identify who answered or why: CDN and WAF markers, authentication and
 * maintenance answers, redirects, and the kind of content that came back.
 */
export const RELEVANT_HEADERS = [
	'server',
	'cf-ray',
	'cf-mitigated',
	'x-sucuri-id',
	'x-sucuri-block',
	'x-iinfo',
	'x-cdn',
	'x-amz-cf-id',
	'x-cache',
	'via',
	'x-powered-by',
	'www-authenticate',
	'retry-after',
	'location',
	'content-type',
];

export function requestEvidence( observation: Observation ): Evidence {
	return {
		label: __( 'Request', 'kco-callback-doctor' ),
		value: oneLine(
			`${ observation.request.method } ${ observation.request.url }`,
			600
		),
	};
}

export function responseEvidence( observation: Observation ): Evidence[] {
	const response = observation.response;
	if ( ! response ) {
		return [];
	}
	const lines: Evidence[] = [
		{
			label: __( 'Response', 'kco-callback-doctor' ),
			value: statusLine( response ),
		},
	];
	for ( const name of RELEVANT_HEADERS ) {
		const value = header( response, name );
		if ( value !== null ) {
			lines.push( { label: name, value: oneLine( value ) } );
		}
	}
	const body = firstLines( response.body );
	if ( body !== '' ) {
		lines.push( {
			label: response.bodyTruncated
				? __( 'Body (first lines, cut short)', 'kco-callback-doctor' )
				: __( 'Body (first lines)', 'kco-callback-doctor' ),
			value: body,
			verbatim: true,
		} );
	}
	return lines;
}

export function redirectEvidence( observation: Observation ): Evidence[] {
	return observation.redirects.map( ( hop, index ) => ( {
		label: sprintf(
			/* translators: %d: position of a redirect in a chain, starting at 1. */
			__( 'Redirect %d', 'kco-callback-doctor' ),
			index + 1
		),
		value: oneLine(
			sprintf(
				/* translators: 1: HTTP status, e.g. 301; 2: address that answered; 3: address it points to; 4: "followed" or "not followed". */
				__( '%1$d from %2$s to %3$s (%4$s)', 'kco-callback-doctor' ),
				hop.status,
				hop.url,
				hop.location,
				hop.followed
					? __( 'followed', 'kco-callback-doctor' )
					: __( 'not followed', 'kco-callback-doctor' )
			),
			800
		),
	} ) );
}

export function timingEvidence( observation: Observation ): Evidence {
	const { timing } = observation;
	return {
		label: __( 'Time', 'kco-callback-doctor' ),
		value: timing.measuredAlone
			? sprintf(
					/* translators: %s: a duration, e.g. "850 ms". */
					__( '%s (measured alone)', 'kco-callback-doctor' ),
					formatDuration( timing.totalMs )
				)
			: sprintf(
					/* translators: %s: a duration, e.g. "850 ms". */
					__(
						'%s (measured while other checks ran)',
						'kco-callback-doctor'
					),
					formatDuration( timing.totalMs )
				),
	};
}

export function transportEvidence( observation: Observation ): Evidence[] {
	const error = observation.error;
	if ( ! error ) {
		return [];
	}
	return [
		{
			label: __( 'Network error', 'kco-callback-doctor' ),
			value: oneLine( `${ error.code }: ${ error.message }`, 600 ),
		},
	];
}

function addressClassLabel( echo: Echo ): string {
	switch ( echo.clientAddressClass ) {
		case 'loopback':
			return __( 'the server itself (loopback)', 'kco-callback-doctor' );
		case 'private':
			return __( 'a private network address', 'kco-callback-doctor' );
		case 'reserved':
			return __( 'a reserved address', 'kco-callback-doctor' );
		case 'public':
			return __( 'a public address', 'kco-callback-doctor' );
	}
}

export function echoEvidence( observation: Observation ): Evidence[] {
	const echo = observation.echo;
	if ( ! echo ) {
		return [];
	}
	return [
		{
			label: __( 'Arrived as', 'kco-callback-doctor' ),
			value: oneLine(
				sprintf(
					/* translators: 1: HTTP method; 2: the route WordPress dispatched; 3: number of bytes of the request body. */
					__(
						'%1$s to %2$s with %3$d bytes of body',
						'kco-callback-doctor'
					),
					echo.method,
					echo.routedAs,
					echo.bodyBytes
				)
			),
		},
		{
			label: __( 'Arrived from', 'kco-callback-doctor' ),
			value:
				echo.proxyHeaders.length > 0
					? sprintf(
							/* translators: 1: kind of client address, e.g. "a public address"; 2: names of proxy headers. */
							__(
								'%1$s, through a proxy (%2$s)',
								'kco-callback-doctor'
							),
							addressClassLabel( echo ),
							oneLine( echo.proxyHeaders.join( ', ' ) )
						)
					: sprintf(
							/* translators: %s: kind of client address, e.g. "the server itself (loopback)". */
							__(
								'%s, with no proxy headers',
								'kco-callback-doctor'
							),
							addressClassLabel( echo )
						),
		},
	];
}

/** Label of the evidence line that lists the variants (the report prints them as a list). */
export function variantsLabel(): string {
	return __( 'Variants', 'kco-callback-doctor' );
}

/**
 * One line listing what became of each variant probed.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param endpoint     The endpoint the probe was meant for.
 */
export function variantsEvidence(
	observations: Observation[],
	endpoint: EndpointId
): Evidence[] {
	if ( observations.length < 2 ) {
		return [];
	}
	return [
		{
			label: variantsLabel(),
			value: observations
				.map(
					( observation ) =>
						`${ variantLabel( observation.variant ) }: ${ outcomeOf(
							observation,
							endpoint
						) }`
				)
				.join( '; ' ),
		},
	];
}

/**
 * Everything seen of one probe, in reading order. The body of an echo is the doctor's own JSON
 * and says nothing the echo lines do not, so it is left out.
 * @param observation One probe and what was seen of it.
 */
export function observationEvidence( observation: Observation ): Evidence[] {
	const response = responseEvidence( observation ).filter(
		( line ) => observation.echo === null || line.verbatim !== true
	);
	return [
		requestEvidence( observation ),
		...transportEvidence( observation ),
		...redirectEvidence( observation ),
		...response,
		...echoEvidence( observation ),
		timingEvidence( observation ),
	];
}

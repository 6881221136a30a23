/**
 * Picking the observations that decide an endpoint, and checking an echo against the request
 * that produced it (docs/probe-protocol.md §7: a probe passes only when its own signed echo comes back,
 * unchanged in what matters).
 */
import type {
	CanaryId,
	EndpointId,
	Observation,
	VariantId,
} from '../api/types';

/** The probes shaped as Klarna sends them; every one must pass for the endpoint to pass. */
export const KLARNA_VARIANTS: readonly VariantId[] = [
	'klarna',
	'klarna-session',
];

/** The variants that change one thing of a failing Klarna-shaped probe. */
export const TRIGGER_VARIANTS: readonly VariantId[] = [
	'browser-user-agent',
	'with-referer',
	'without-session-id',
	'get',
	'numeric-order-id',
	'plain-query',
	'minimal-body',
	'no-body',
];

/** Questions to the server itself, sent when a probe got no answer in time (DESIGN.md §3.8). */
export const CAPACITY_VARIANTS: readonly VariantId[] = [
	'static-file',
	'php-page',
];

export function isCapacityProbe( observation: Observation ): boolean {
	return CAPACITY_VARIANTS.includes( observation.variant );
}

export type EchoCheck =
	| 'verified'
	| 'no-echo'
	| 'redirected'
	| 'wrong-endpoint'
	| 'method-changed'
	| 'body-lost'
	| 'body-changed';

/**
 * The observation that decides a variant: a re-try sent alone outranks one that ran among
 * others (docs/probe-protocol.md §11), and a later one outranks an earlier one.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param variant      The variant to look for.
 */
export function decisiveObservation(
	observations: Observation[],
	variant: VariantId
): Observation | undefined {
	const ofVariant = observations.filter(
		( item ) => item.variant === variant
	);
	const alone = ofVariant.filter( ( item ) => item.timing.measuredAlone );
	return ( alone.length > 0 ? alone : ofVariant ).at( -1 );
}

/**
 * The decisive observation of each variant that was probed, in the order given.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param variants     Variants in the order to report them.
 */
export function decisiveObservations(
	observations: Observation[],
	variants: readonly VariantId[]
): Observation[] {
	return variants
		.map( ( variant ) => decisiveObservation( observations, variant ) )
		.filter( ( item ): item is Observation => item !== undefined );
}

/**
 * What the echo says about this probe's trip.
 * @param observation One probe and what was seen of it.
 * @param endpoint    The endpoint the probe was meant for.
 */
export function checkEcho(
	observation: Observation,
	endpoint: EndpointId | CanaryId
): EchoCheck {
	const { echo, request } = observation;
	if ( echo === null ) {
		return 'no-echo';
	}
	if ( observation.redirects.length > 0 ) {
		return 'redirected';
	}
	if ( echo.endpoint !== endpoint ) {
		return 'wrong-endpoint';
	}
	if ( echo.method.toUpperCase() !== request.method ) {
		return 'method-changed';
	}
	if ( request.bodyBytes > 0 && echo.bodyBytes === 0 ) {
		return 'body-lost';
	}
	if (
		echo.bodyBytes !== request.bodyBytes ||
		echo.bodySha256.toLowerCase() !== request.bodySha256.toLowerCase()
	) {
		return 'body-changed';
	}
	return 'verified';
}

export function isVerified(
	observation: Observation,
	endpoint: EndpointId | CanaryId
): boolean {
	return checkEcho( observation, endpoint ) === 'verified';
}

/**
 * Query parameter names of the request URL that end in `session_id`.
 * @param observation One probe and what was seen of it.
 */
export function sessionParameters( observation: Observation ): string[] {
	try {
		const url = new URL( observation.request.url );
		return [ ...url.searchParams.keys() ].filter( ( key ) =>
			/session_id$/i.test( key )
		);
	} catch {
		return [];
	}
}

/**
 * One verdict per endpoint, defined once (docs/architecture.md). The PHP twin is
 * includes/Verdict/EndpointState.php; tests/fixtures/verdicts/*.json run under jest and PHPUnit
 * and pin both to the same states, so a card, a history row, a CLI exit code and an alert never
 * disagree. Pure: observations and facts in, ids out, no text.
 *
 * The states, from the observations of one endpoint:
 * 1. Only the decisive observation of each variant counts: a re-try sent alone outranks one sent
 *    among others (docs/probe-protocol.md §11), a later one an earlier one.
 * 2. The Klarna shapes that count are those the installed KCO makes Klarna send: `klarna`, and
 *    `klarna-session` unless KCO is 2.18.4 or later (it dropped kco_session_id from the push).
 *    None of them probed: the path's canary decides (canary-outcome.ts): stopped in front of
 *    WordPress, rule 3 applies to the canary; WordPress answered it without the echo (the probe
 *    header is stripped) or no canary at all: `inconclusive` (nothing Klarna-shaped was sent).
 *    Other probes never count as the endpoint's: not the `?wc-api=` form (plain-permalinks.ts:
 *    Klarna calls the pretty path, so its echo confirms a cause, never a pass), not the held
 *    answer (rule 4), not the capacity questions to the server (worker-capacity.ts).
 * 3. A counted shape whose echo did not verify decides, the one the runner isolated a trigger
 *    for first:
 *    - any redirect (followed, or a final 3xx with a Location): `redirected`;
 *    - a DNS, connection or TLS error: `unreachable`, unless the server reached itself through
 *      an internal address Klarna cannot take, then `inconclusive`;
 *    - a timeout measured alone: `unreachable`; one that was not (the server was busy with the
 *      doctor's own probes), that never connected on an internal path, or while the server had
 *      no worker left for a bare PHP page (DESIGN.md §3.13): `inconclusive`;
 *    - a proxy's gateway timeout (504, 524) among other probes: `inconclusive`, as a timeout;
 *    - the run's deadline, another transport error, or nothing at all: `inconclusive`;
 *    - WordPress's own "no handler" answer (WooCommerce's 400 `-1`, the REST API's 404
 *      `rest_no_route`): `blocked` when an active KCO calls the endpoint, else `inconclusive`
 *      (nothing could answer there yet: KCO inactive, or a callback it does not use);
 *    - any other HTTP answer, or an echo that arrived changed: `blocked`.
 * 4. Every counted shape verified:
 *    - the probe presenting Klarna's public address to a security plugin got an answer other
 *      than its echo: `blocked`;
 *    - a security plugin the loopback could not exercise, or a CDN/WAF the probe did not cross
 *      (docs/probe-protocol.md §9, §3.7: never a pass for what the probe could not test): `inconclusive`;
 *    - slower than the endpoint's Klarna deadline, or the answer held until just under it was
 *      cut off on the way back by a proxy (time-on-path.ts): `slow`;
 *    - otherwise `passed`.
 */
import type {
	EndpointDescriptor,
	EndpointId,
	EndpointState,
	Environment,
	KnownPlugin,
	Observation,
	ProbeResponse,
	Run,
	RunStatus,
	VariantId,
} from '../api/types';
import { canaryOf, canaryOutcome } from './canary-outcome';
import { detectEdge, type Edge } from './edge';
import { isSecurityPlugin } from './security-plugins';
import { isAtLeast } from './kco-version';
import {
	checkEcho,
	decisiveObservation,
	isVerified,
	KLARNA_VARIANTS,
	TRIGGER_VARIANTS,
} from './observations';
import { loopbackPathDiffers } from './site-address';
import { cutHeldAnswer, isGatewayTimeout } from './time-on-path';
import { noHandlerAnswer } from './wordpress-answer';
import { hadNoFreeWorker } from './worker-capacity';

// Part of the REST contract (GET /runs states them), so declared with it.
export type { EndpointState, RunStatus };

/** States in which Klarna's call does not get through. */
export const FAILING_STATES: readonly EndpointState[] = [
	'blocked',
	'redirected',
	'unreachable',
];

export interface EndpointVerdict {
	id: EndpointId;
	state: EndpointState;
	/** Whether Klarna calls it for the installed KCO (every probed one counts without KCO). */
	used: boolean;
	/** The decisive Klarna-shaped probe's final HTTP status, null when none came back. */
	httpStatus: number | null;
}

export interface RunVerdict {
	overall: RunStatus;
	endpoints: EndpointVerdict[];
}

/**
 * KCO 2.18.4 stopped adding kco_session_id to the push (docs/probe-protocol.md §2;
 * class-kco-merchant-urls.php get_push_url() at that tag).
 */
const SESSION_SHAPE_RETIRED_IN = '2.18.4';

/**
 * Whether Klarna still sends this Klarna shape for the installed KCO.
 * @param variant     A Klarna-shaped variant.
 * @param environment Facts about the site.
 */
export function isRetiredShape(
	variant: VariantId,
	environment: Environment
): boolean {
	return (
		variant === 'klarna-session' &&
		isAtLeast( environment.kco.version, SESSION_SHAPE_RETIRED_IN )
	);
}

/**
 * The decisive observation of each variant probed for an endpoint, in the order the variants
 * first appear.
 * @param run The run.
 * @param id  Id of the endpoint.
 */
export function endpointObservations(
	run: Run,
	id: EndpointId
): Observation[] {
	const all = run.observations.filter( ( item ) => item.endpoint === id );
	return [ ...new Set( all.map( ( item ) => item.variant ) ) ]
		.map( ( variant ) => decisiveObservation( all, variant ) )
		.filter( ( item ): item is Observation => item !== undefined );
}

/**
 * The decisive Klarna-shaped observations that count for the installed KCO.
 * @param observations The endpoint's decisive observations.
 * @param environment  Facts about the site.
 */
export function countedKlarnaShapes(
	observations: Observation[],
	environment: Environment
): Observation[] {
	return KLARNA_VARIANTS.filter(
		( variant ) => ! isRetiredShape( variant, environment )
	)
		.map( ( variant ) =>
			observations.find( ( item ) => item.variant === variant )
		)
		.filter( ( item ): item is Observation => item !== undefined );
}

/**
 * The trigger-isolation variants sent for a failing Klarna-shaped probe.
 * @param primary      A failing Klarna-shaped probe.
 * @param observations The endpoint's decisive observations.
 */
export function triggerVariantsOf(
	primary: Observation,
	observations: Observation[]
): Observation[] {
	return observations.filter(
		( item ) =>
			TRIGGER_VARIANTS.includes( item.variant ) &&
			( item.basedOn ?? 'klarna' ) === primary.variant
	);
}

/**
 * The failing Klarna-shaped probe that decides: the first one the runner isolated a trigger
 * for (so the card can name it), else the first one.
 * @param failing      Counted Klarna-shaped probes that did not verify, in order.
 * @param observations The endpoint's decisive observations.
 */
export function primaryFailure(
	failing: Observation[],
	observations: Observation[]
): Observation | null {
	return (
		failing.find(
			( item ) => triggerVariantsOf( item, observations ).length > 0
		) ??
		failing[ 0 ] ??
		null
	);
}

/**
 * The redirect hops of an observation, including an unfollowed final 3xx with a Location.
 * @param observation One probe and what was seen of it.
 */
export function redirectHops( observation: Observation ) {
	const hops = [ ...observation.redirects ];
	const response = observation.response;
	const location = response?.headers.location;
	if (
		response &&
		response.status >= 300 &&
		response.status < 400 &&
		location !== undefined &&
		hops.length === 0
	) {
		hops.push( {
			url: observation.request.url,
			status: response.status,
			location,
			followed: false,
		} );
	}
	return hops;
}

/**
 * The state of a failing Klarna-shaped probe (rule 3 above).
 * @param primary      The decisive failing probe.
 * @param descriptor   The endpoint as the catalogue describes it.
 * @param environment  Facts about the site.
 * @param noFreeWorker Whether the server had no worker left for a bare PHP page meanwhile.
 */
export function failureState(
	primary: Observation,
	descriptor: EndpointDescriptor,
	environment: Environment,
	noFreeWorker: boolean
): EndpointState {
	if ( redirectHops( primary ).length > 0 ) {
		return 'redirected';
	}
	const { error } = primary;
	if ( error ) {
		// The server reached itself through a hosts-file or split-DNS address (docs/probe-protocol.md §9).
		const ownPathOnly = loopbackPathDiffers( environment );
		switch ( error.code ) {
			case 'dns':
				return 'unreachable';
			case 'connect':
			case 'tls':
				return ownPathOnly ? 'inconclusive' : 'unreachable';
			case 'timeout':
				if ( ! primary.timing.measuredAlone || noFreeWorker ) {
					return 'inconclusive';
				}
				return primary.timing.connectMs === null && ownPathOnly
					? 'inconclusive'
					: 'unreachable';
			default:
				return 'inconclusive';
		}
	}
	const check = checkEcho( primary, primary.endpoint );
	if ( check !== 'no-echo' && check !== 'verified' ) {
		return 'blocked';
	}
	if ( ! primary.response ) {
		return 'inconclusive';
	}
	// A busy server queues its own requests: a proxy giving up then says nothing yet.
	if (
		isGatewayTimeout( primary.response ) &&
		! primary.timing.measuredAlone
	) {
		return 'inconclusive';
	}
	// WordPress answered that nothing handles the callback: a failure only where KCO is active
	// and calls it; otherwise there is nothing yet that could answer (rule 3).
	if ( noHandlerAnswer( primary.response ) !== null ) {
		return environment.kco.active && descriptor.usedByInstalledKco !== false
			? 'blocked'
			: 'inconclusive';
	}
	return 'blocked';
}

/** What a passing loopback says about the security plugins that decide in PHP (docs/probe-protocol.md §10). */
export type ClientAddressOutcome =
	| {
			kind: 'untested';
			plugins: KnownPlugin[];
			/** A public address was presented but the site still saw the server itself. */
			headerIgnored: boolean;
	  }
	| {
			kind: 'blocked';
			response: ProbeResponse;
			/** The plugins whose trusted header carried the public address (all when none did). */
			plugins: KnownPlugin[];
	  };

function sentHeader( observation: Observation, name: string ): boolean {
	const wanted = name.toLowerCase();
	return Object.keys( observation.request.headers ).some(
		( key ) => key.toLowerCase() === wanted
	);
}

/**
 * Whether the echo saw the header at the site (a proxy on the way may drop or replace it).
 * @param observation A verified probe.
 * @param name        Header name.
 */
function headerArrived(
	observation: Observation,
	name: string | null
): boolean {
	const wanted = name?.toLowerCase();
	return (
		wanted !== undefined &&
		( observation.echo?.proxyHeaders ?? [] ).some(
			( seen ) => seen.toLowerCase() === wanted
		)
	);
}

function pluginsAddressedBy(
	observation: Observation,
	plugins: KnownPlugin[]
): KnownPlugin[] {
	return plugins.filter(
		( plugin ) =>
			plugin.clientAddressHeader !== null &&
			sentHeader( observation, plugin.clientAddressHeader )
	);
}

/**
 * For an endpoint whose Klarna-shaped probes verified: the security plugins the loopback could
 * not exercise, the block of the probe presenting Klarna's public address, or null.
 * @param passing      The verified Klarna-shaped probes.
 * @param observations The endpoint's decisive observations.
 * @param environment  Facts about the site.
 * @param id           Id of the endpoint.
 */
export function clientAddressOutcome(
	passing: Observation[],
	observations: Observation[],
	environment: Environment,
	id: EndpointId
): ClientAddressOutcome | null {
	const plugins = environment.plugins.filter( isSecurityPlugin );
	const fromServerItself = passing.some(
		( item ) =>
			item.echo !== null && item.echo.clientAddressClass !== 'public'
	);
	if ( plugins.length === 0 || ! fromServerItself ) {
		return null;
	}
	const publicProbe = decisiveObservation(
		observations,
		'public-client-address'
	);
	if ( ! publicProbe ) {
		return { kind: 'untested', plugins, headerIgnored: false };
	}
	if ( isVerified( publicProbe, id ) ) {
		// REMOTE_ADDR stays the loopback; what the plugin judged is the header, if it arrived.
		const judged = pluginsAddressedBy( publicProbe, plugins ).filter(
			( plugin ) =>
				publicProbe.echo?.clientAddressClass === 'public' ||
				headerArrived( publicProbe, plugin.clientAddressHeader )
		);
		if ( judged.length === 0 ) {
			return { kind: 'untested', plugins, headerIgnored: true };
		}
		const untested = plugins.filter(
			( plugin ) => ! judged.includes( plugin )
		);
		return untested.length > 0
			? { kind: 'untested', plugins: untested, headerIgnored: false }
			: null;
	}
	if ( publicProbe.response === null ) {
		// No answer at all (timeout, deadline): the plugin was not exercised either way.
		return { kind: 'untested', plugins, headerIgnored: false };
	}
	const addressed = pluginsAddressedBy( publicProbe, plugins );
	return {
		kind: 'blocked',
		response: publicProbe.response,
		plugins: addressed.length > 0 ? addressed : plugins,
	};
}

/**
 * The CDN/WAF a passing probe went around (its echo saw no proxy header although the site
 * shows one), or null.
 * @param passing         The verified Klarna-shaped probes.
 * @param runObservations Every observation of the run.
 * @param environment     Facts about the site.
 */
export function bypassedEdge(
	passing: Observation[],
	runObservations: Observation[],
	environment: Environment
): Edge | null {
	const bypassed = passing.some(
		( item ) => item.echo !== null && item.echo.proxyHeaders.length === 0
	);
	return bypassed ? detectEdge( runObservations, environment ) : null;
}

/**
 * The time to judge: the slowest measured alone, else the slowest of all; null if none.
 * @param observations Observations of the endpoint (or run) to look at.
 */
export function judgedTiming(
	observations: Observation[]
): { totalMs: number; measuredAlone: boolean } | null {
	const alone = observations.filter( ( item ) => item.timing.measuredAlone );
	const pool = alone.length > 0 ? alone : observations;
	if ( pool.length === 0 ) {
		return null;
	}
	return {
		totalMs: Math.max( ...pool.map( ( item ) => item.timing.totalMs ) ),
		measuredAlone: alone.length > 0,
	};
}

/**
 * Whether the passing probes answered slower than Klarna waits for this endpoint.
 * @param passing    The verified Klarna-shaped probes.
 * @param descriptor The endpoint as the catalogue describes it.
 */
export function isSlow(
	passing: Observation[],
	descriptor: EndpointDescriptor
): boolean {
	const timing = judgedTiming( passing );
	return (
		timing !== null &&
		descriptor.deadlineMs !== null &&
		timing.totalMs > descriptor.deadlineMs
	);
}

/**
 * Whether Klarna calls this endpoint: as the installed KCO says; every probed one without an
 * active KCO (a shop before go-live must get them all through).
 * @param descriptor  The endpoint as the catalogue describes it.
 * @param environment Facts about the site.
 */
export function isUsed(
	descriptor: EndpointDescriptor,
	environment: Environment
): boolean {
	return ! environment.kco.active || descriptor.usedByInstalledKco !== false;
}

/**
 * The descriptor the run gives, or a neutral one (treated as used) when it is missing.
 * @param run The run as the REST API returned it.
 * @param id  Id of the endpoint.
 */
export function describeEndpoint(
	run: Run,
	id: EndpointId
): EndpointDescriptor {
	return (
		run.endpoints.find( ( item ) => item.id === id ) ?? {
			id,
			label: id,
			method: 'POST',
			path: '',
			deadlineMs: null,
			strictDeadlineMs: null,
			kcoVersions: '',
			usedByInstalledKco: null,
		}
	);
}

function stateOfPassing(
	run: Run,
	descriptor: EndpointDescriptor,
	passing: Observation[],
	observations: Observation[]
): { state: EndpointState; response: ProbeResponse | null } {
	const first = passing[ 0 ]?.response ?? null;
	const client = clientAddressOutcome(
		passing,
		observations,
		run.environment,
		descriptor.id
	);
	if ( client?.kind === 'blocked' ) {
		return { state: 'blocked', response: client.response };
	}
	if (
		client !== null ||
		bypassedEdge( passing, run.observations, run.environment ) !== null
	) {
		return { state: 'inconclusive', response: first };
	}
	const cut = cutHeldAnswer( observations, descriptor.id ) !== null;
	return {
		state: cut || isSlow( passing, descriptor ) ? 'slow' : 'passed',
		response: first,
	};
}

/**
 * The verdict on one endpoint of a run.
 * @param run The run as the REST API returned it.
 * @param id  Id of the endpoint.
 */
export function endpointVerdict( run: Run, id: EndpointId ): EndpointVerdict {
	const descriptor = describeEndpoint( run, id );
	const used = isUsed( descriptor, run.environment );
	const observations = endpointObservations( run, id );
	const klarnaShaped = countedKlarnaShapes( observations, run.environment );
	const noFreeWorker = hadNoFreeWorker( observations, run.observations );
	if ( klarnaShaped.length === 0 ) {
		// Nothing Klarna-shaped went where the canary did not come back (rule 2).
		const canary = canaryOf( run.observations, descriptor );
		if ( canary && canaryOutcome( canary ) === 'stopped' ) {
			return {
				id,
				state: failureState(
					canary,
					descriptor,
					run.environment,
					noFreeWorker
				),
				used,
				httpStatus: canary.response?.status ?? null,
			};
		}
		return { id, state: 'inconclusive', used, httpStatus: null };
	}
	const primary = primaryFailure(
		klarnaShaped.filter( ( item ) => ! isVerified( item, id ) ),
		observations
	);
	if ( primary ) {
		return {
			id,
			state: failureState(
				primary,
				descriptor,
				run.environment,
				noFreeWorker
			),
			used,
			httpStatus: primary.response?.status ?? null,
		};
	}
	const { state, response } = stateOfPassing(
		run,
		descriptor,
		klarnaShaped,
		observations
	);
	return { id, state, used, httpStatus: response?.status ?? null };
}

/**
 * Critical when a callback Klarna calls fails, warning when one is slow or could not be judged,
 * ok when every one it calls passed, unknown when nothing Klarna calls was judged.
 * @param endpoints The endpoint verdicts of a run.
 */
export function runStatus( endpoints: EndpointVerdict[] ): RunStatus {
	const used = endpoints.filter( ( item ) => item.used );
	if ( used.length === 0 ) {
		return 'unknown';
	}
	if ( used.some( ( item ) => FAILING_STATES.includes( item.state ) ) ) {
		return 'critical';
	}
	return used.every( ( item ) => item.state === 'passed' ) ? 'ok' : 'warning';
}

/**
 * The verdict on a run: every endpoint it probed, in the run's order.
 * @param run The run as the REST API returned it.
 */
export function runVerdict( run: Run ): RunVerdict {
	const endpoints = run.endpointIds.map( ( id ) =>
		endpointVerdict( run, id )
	);
	return { overall: runStatus( endpoints ), endpoints };
}

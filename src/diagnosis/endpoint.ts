/**
 * One finding per probed endpoint. It passes only when every Klarna-shaped probe came back as
 * its own verified echo, unredirected and unchanged; a pass the probe could not fully exercise
 * (security plugins blind to the loopback, a CDN it did not cross, a slow answer) is a warning.
 * Otherwise the most specific cause of the first failing Klarna-shaped probe is reported.
 */
import { __, sprintf } from '@wordpress/i18n';

import type {
	EndpointDescriptor,
	EndpointId,
	Observation,
	Run,
	VariantId,
} from '../api/types';
import {
	classifyResponse,
	identifiedBlockerVerdict,
} from './classify-response';
import { clientAddressVerdict } from './client-address';
import { echoMismatchVerdict } from './echo-mismatch';
import { observationEvidence, variantsEvidence } from './evidence';
import type { RemediationContext } from './fingerprints';
import { endpointImpact } from './impact';
import { isAtLeast } from './kco-version';
import { latencyVerdict } from './latency';
import {
	checkEcho,
	decisiveObservation,
	decisiveObservations,
	isVerified,
	KLARNA_VARIANTS,
} from './observations';
import { pathHonestyVerdict } from './path-honesty';
import { redirectVerdict } from './redirects';
import { externalTestStep, rerunStep, uniqueSteps } from './remediation';
import { triggerVariantsOf } from './isolate-trigger';
import { transportVerdict } from './transport';
import type { Evidence, Finding, FindingStatus } from './types';
import { variantOutcomes } from './variants';
import type { EndpointContext, Verdict } from './verdict';

const SEVERITY: Record< FindingStatus, number > = {
	fail: 3,
	warn: 2,
	info: 1,
	pass: 0,
};

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

/**
 * The variants probed for an endpoint, in the order they first appear.
 * @param observations Observations of the endpoint (or run) to look at.
 */
function probedVariants( observations: Observation[] ): VariantId[] {
	return [ ...new Set( observations.map( ( item ) => item.variant ) ) ];
}

/**
 * Why the first failing Klarna-shaped probe failed.
 * @param primary The first failing Klarna-shaped probe.
 * @param context What the endpoint checks know about the endpoint under test.
 */
function failureVerdict(
	primary: Observation,
	context: EndpointContext
): Verdict {
	// A redirect can itself be a product's block (AIOS sends blocked clients to 127.0.0.1):
	// an answer that names its blocker is more specific than the redirect's kind.
	const { response } = primary;
	if ( response && response.status >= 300 && response.status < 400 ) {
		const blocked = identifiedBlockerVerdict( primary, response, context );
		if ( blocked ) {
			return blocked;
		}
	}
	const redirected = redirectVerdict( primary, context );
	if ( redirected ) {
		return redirected;
	}
	if ( primary.error ) {
		return transportVerdict( primary, primary.error, context );
	}
	const check = checkEcho( primary, context.descriptor.id );
	if (
		check !== 'no-echo' &&
		check !== 'verified' &&
		check !== 'redirected'
	) {
		return echoMismatchVerdict( check, context );
	}
	if ( response ) {
		return classifyResponse( primary, response, context );
	}
	return {
		status: 'warn',
		summary: __(
			'No answer and no error were recorded for this check, so it could not be judged.',
			'kco-callback-doctor'
		),
		cause: __( 'inconclusive', 'kco-callback-doctor' ),
		remediation: [ rerunStep(), externalTestStep() ],
		externalTest: true,
	};
}

/**
 * A block of the old push shape (with kco_session_id) does not stop orders when the installed
 * KCO no longer sends it (2.19 and later, DESIGN.md §2): then it is a warning.
 * @param verdict The verdict so far.
 * @param primary The first failing Klarna-shaped probe.
 * @param context What the endpoint checks know about the endpoint under test.
 */
function softenRetiredShape(
	verdict: Verdict,
	primary: Observation,
	context: EndpointContext
): Verdict {
	const version = context.environment.kco.version;
	// The primary is the first failing Klarna shape: when it is the old one, `klarna` passed.
	if (
		verdict.status !== 'fail' ||
		primary.variant !== 'klarna-session' ||
		version === null ||
		! isAtLeast( version, '2.19.0' )
	) {
		return verdict;
	}
	return {
		...verdict,
		status: 'warn',
		evidence: [
			...( verdict.evidence ?? [] ),
			{
				label: __( 'Your KCO version', 'kco-callback-doctor' ),
				value: sprintf(
					/* translators: %s: installed KCO version, e.g. 3.2.1. */
					__(
						'KCO %s no longer adds kco_session_id to the push, so this block does not stop orders today; it did for KCO 2.0–2.18.',
						'kco-callback-doctor'
					),
					version
				),
			},
		],
	};
}

/**
 * The pass, or the most severe of what the passing probes could not prove.
 * @param passing The Klarna-shaped probes that came back verified.
 * @param context What the endpoint checks know about the endpoint under test.
 */
function passVerdict(
	passing: Observation[],
	context: EndpointContext
): Verdict {
	const notes = [
		clientAddressVerdict( passing, context ),
		pathHonestyVerdict(
			passing,
			context.runObservations,
			context.environment,
			context.remediation
		),
		latencyVerdict( passing, context.descriptor ),
	]
		.filter( ( item ): item is Verdict => item !== null )
		.sort( ( a, b ) => SEVERITY[ b.status ] - SEVERITY[ a.status ] );
	const [ first, ...others ] = notes;
	if ( ! first ) {
		return {
			status: 'pass',
			summary:
				context.descriptor.usedByInstalledKco === false
					? __(
							'The callback reaches WooCommerce as Klarna sends it (your KCO version does not use it).',
							'kco-callback-doctor'
						)
					: __(
							'The callback reaches WooCommerce exactly as Klarna sends it.',
							'kco-callback-doctor'
						),
			remediation: [],
		};
	}
	const also: Evidence[] = others.map( ( note ) => ( {
		label: __( 'Also', 'kco-callback-doctor' ),
		value: note.summary,
	} ) );
	return {
		status: first.status,
		summary: first.summary,
		cause: first.cause,
		evidence: [
			...also,
			...notes.flatMap( ( note ) => note.evidence ?? [] ),
		],
		remediation: uniqueSteps(
			notes.flatMap( ( note ) => note.remediation )
		),
		externalTest: notes.some( ( note ) => note.externalTest === true ),
	};
}

/**
 * The failing Klarna-shaped probe to explain. When both shapes of an endpoint fail, the runner
 * isolates the trigger from one of them only; explaining that one lets the finding name the
 * trigger, not just the blocker.
 * @param failing      The Klarna-shaped probes that did not come back verified, in order.
 * @param observations The endpoint's decisive observations, trigger variants included.
 */
function primaryFailure(
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

function notProbedVerdict(): Verdict {
	return {
		status: 'warn',
		summary: __(
			'No Klarna-shaped check of this callback came back in this run, so it could not be judged.',
			'kco-callback-doctor'
		),
		cause: __( 'inconclusive', 'kco-callback-doctor' ),
		remediation: [ rerunStep(), externalTestStep() ],
		externalTest: true,
	};
}

export function endpointFinding(
	run: Run,
	id: EndpointId,
	remediation: RemediationContext
): Finding {
	const descriptor = describeEndpoint( run, id );
	const all = run.observations.filter( ( item ) => item.endpoint === id );
	const observations = probedVariants( all )
		.map( ( variant ) => decisiveObservation( all, variant ) )
		.filter( ( item ): item is Observation => item !== undefined );
	const context: EndpointContext = {
		descriptor,
		environment: run.environment,
		runObservations: run.observations,
		observations,
		remediation,
	};
	const klarnaShaped = decisiveObservations( observations, KLARNA_VARIANTS );
	const primary = primaryFailure(
		klarnaShaped.filter( ( item ) => ! isVerified( item, id ) ),
		observations
	);

	let verdict: Verdict;
	if ( klarnaShaped.length === 0 ) {
		verdict = notProbedVerdict();
	} else if ( primary ) {
		verdict = softenRetiredShape(
			failureVerdict( primary, context ),
			primary,
			context
		);
	} else {
		verdict = passVerdict( klarnaShaped, context );
	}

	const shown = primary ?? klarnaShaped[ 0 ];
	const finding: Finding = {
		id: `endpoint:${ id }`,
		group: 'endpoint',
		endpoint: id,
		status: verdict.status,
		title: sprintf(
			/* translators: %s: name of a Klarna callback, e.g. "Push". */
			__( '%s callback', 'kco-callback-doctor' ),
			descriptor.label
		),
		summary: verdict.summary,
		evidence: [
			...( verdict.evidence ?? [] ),
			...( shown ? observationEvidence( shown ) : [] ),
			...variantsEvidence( observations, id ),
		],
		remediation: verdict.remediation,
		usedByKlarna: descriptor.usedByInstalledKco !== false,
		variants: variantOutcomes( observations, id ),
	};
	if ( verdict.status === 'fail' || verdict.status === 'warn' ) {
		finding.impact = endpointImpact( descriptor );
	}
	if ( verdict.cause !== undefined ) {
		finding.cause = verdict.cause;
	}
	if ( verdict.externalTest ) {
		finding.externalTest = true;
	}
	return finding;
}

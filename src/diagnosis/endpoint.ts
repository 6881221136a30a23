/**
 * One finding per probed endpoint, built on the endpoint's verdict (verdict.ts): it passes
 * exactly when the verdict is `passed`, i.e. every Klarna shape the installed KCO sends came back
 * as its own verified echo, unredirected and unchanged; a pass the probe could not fully exercise
 * (security plugins blind to the loopback, a CDN it did not cross, a slow answer) is a warning.
 * Otherwise the most specific cause of the deciding failing Klarna-shaped probe is reported.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, Observation, Run } from '../api/types';
import {
	classifyResponse,
	identifiedBlockerVerdict,
} from './classify-response';
import { canaryStoppedVerdict, headerStrippedVerdict } from './canary';
import { canaryOf, canaryOutcome } from './canary-outcome';
import { clientAddressVerdict } from './client-address';
import { echoMismatchVerdict } from './echo-mismatch';
import { observationEvidence, variantsEvidence } from './evidence';
import type { RemediationContext } from './fingerprints';
import { endpointImpact } from './impact';
import { latencyVerdict } from './latency';
import { checkEcho, isVerified, KLARNA_VARIANTS } from './observations';
import { pathHonestyVerdict } from './path-honesty';
import { redirectVerdict } from './redirects';
import { externalTestStep, rerunStep, uniqueSteps } from './remediation';
import { heldAnswerVerdict } from './time-on-path';
import { transportVerdict } from './transport';
import type { Evidence, Finding, FindingStatus } from './types';
import { variantOutcomes } from './variants';
import type { EndpointContext, Verdict } from './endpoint-context';
import {
	countedKlarnaShapes,
	describeEndpoint,
	endpointObservations,
	endpointVerdict,
	isRetiredShape,
	isUsed,
	primaryFailure,
} from './verdict';

const SEVERITY: Record< FindingStatus, number > = {
	fail: 3,
	warn: 2,
	info: 1,
	pass: 0,
};

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
		causeId: 'not-judged',
		cause: __( 'inconclusive', 'kco-callback-doctor' ),
		remediation: [ rerunStep(), externalTestStep() ],
		externalTest: true,
	};
}

/**
 * A block of the old push shape (with kco_session_id) does not stop orders when the installed
 * KCO no longer sends it (2.18.4 and later, docs/probe-protocol.md §2), so it does not decide the
 * verdict; the card still says so, as it did stop orders for KCO 2.0 to 2.18.3.
 * @param observations The endpoint's decisive observations.
 * @param context      What the endpoint checks know about the endpoint under test.
 */
function retiredShapeNote(
	observations: Observation[],
	context: EndpointContext
): Evidence[] {
	const { environment, descriptor } = context;
	const retired = observations.find(
		( item ) =>
			KLARNA_VARIANTS.includes( item.variant ) &&
			isRetiredShape( item.variant, environment ) &&
			! isVerified( item, descriptor.id )
	);
	if ( ! retired || environment.kco.version === null ) {
		return [];
	}
	return [
		{
			label: __( 'Old push shape', 'kco-callback-doctor' ),
			value: failureVerdict( retired, context ).summary,
		},
		{
			label: __( 'Your KCO version', 'kco-callback-doctor' ),
			value: sprintf(
				/* translators: %s: installed KCO version, e.g. 3.2.1. */
				__(
					'KCO %s no longer adds kco_session_id to the push, so this block does not stop orders today; it did for KCO 2.0 to 2.18.3.',
					'kco-callback-doctor'
				),
				environment.kco.version
			),
		},
	];
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
		heldAnswerVerdict( context ),
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
		causeId: first.causeId,
		product: first.product,
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

function notProbedVerdict(): Verdict {
	return {
		status: 'warn',
		summary: __(
			'No Klarna-shaped check of this callback came back in this run, so it could not be judged.',
			'kco-callback-doctor'
		),
		causeId: 'not-judged',
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
	const observations = endpointObservations( run, id );
	const context: EndpointContext = {
		descriptor,
		environment: run.environment,
		runObservations: run.observations,
		observations,
		remediation,
	};
	const { state } = endpointVerdict( run, id );
	const klarnaShaped = countedKlarnaShapes( observations, run.environment );
	const primary = primaryFailure(
		klarnaShaped.filter( ( item ) => ! isVerified( item, id ) ),
		observations
	);

	// No Klarna-shaped probe went where the canary did not come back (docs/probe-protocol.md §12).
	const canary = canaryOf( run.observations, descriptor );
	const outcome = canary ? canaryOutcome( canary ) : 'arrived';
	let verdict: Verdict;
	if (
		klarnaShaped.length === 0 &&
		canary &&
		outcome === 'header-stripped'
	) {
		verdict = headerStrippedVerdict();
	} else if ( klarnaShaped.length === 0 && canary && outcome === 'stopped' ) {
		verdict = canaryStoppedVerdict( canary, context, failureVerdict );
	} else if ( klarnaShaped.length === 0 ) {
		verdict = notProbedVerdict();
	} else if ( primary ) {
		verdict = failureVerdict( primary, context );
	} else {
		verdict = passVerdict( klarnaShaped, context );
	}

	const shown = primary ?? klarnaShaped[ 0 ] ?? canary;
	const finding: Finding = {
		id: `endpoint:${ id }`,
		group: 'endpoint',
		endpoint: id,
		status: verdict.status,
		state,
		title: sprintf(
			/* translators: %s: name of a Klarna callback, e.g. "Push". */
			__( '%s callback', 'kco-callback-doctor' ),
			descriptor.label
		),
		summary: verdict.summary,
		evidence: [
			...( verdict.evidence ?? [] ),
			...retiredShapeNote( observations, context ),
			...( shown ? observationEvidence( shown ) : [] ),
			...variantsEvidence( observations, id ),
		],
		remediation: verdict.remediation,
		usedByKlarna: isUsed( descriptor, run.environment ),
		variants: variantOutcomes( observations, id ),
	};
	if ( verdict.status === 'fail' || verdict.status === 'warn' ) {
		finding.impact = endpointImpact( descriptor );
	}
	if ( verdict.cause !== undefined ) {
		finding.cause = verdict.cause;
	}
	if ( verdict.causeId !== undefined ) {
		finding.causeId = verdict.causeId;
	}
	if ( verdict.product !== undefined ) {
		finding.product = verdict.product;
	}
	if ( verdict.externalTest ) {
		finding.externalTest = true;
	}
	return finding;
}

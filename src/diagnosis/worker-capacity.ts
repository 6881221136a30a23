/**
 * "No free worker for my own request" is not "the site does not answer" (DESIGN.md §3.8). The
 * run itself is a request the server is still serving, so it holds one worker (an Apache
 * process, a PHP-FPM child, a LiteSpeed LSAPI process) until every probe is back. A server with
 * one worker, or with all of them busy, can then answer no probe at all, while Klarna's calls,
 * which arrive one at a time on an otherwise idle worker, would be answered. When a probe timed
 * out, the runner asked the server two plain questions: a static file (only the web server
 * needed) and a bare admin-ajax.php (a PHP worker needed, no plugin's work). If the PHP page got
 * no answer either, the check is inconclusive, with the external test offered.
 */
import { __ } from '@wordpress/i18n';

import type { Observation } from '../api/types';
import { decisiveObservation } from './observations';
import { externalTestStep, rerunStep } from './remediation';
import type { RemediationStep } from './types';
import type { EndpointContext, Verdict } from './endpoint-context';

/**
 * The decisive observation of a capacity question: the endpoint's own, else the run's (the
 * runner asks once per run).
 * @param variant The question.
 * @param context What the endpoint checks know about the endpoint under test.
 */
function question(
	variant: 'static-file' | 'php-page',
	context: EndpointContext
): Observation | undefined {
	return (
		decisiveObservation( context.observations, variant ) ??
		decisiveObservation( context.runObservations, variant )
	);
}

/**
 * Whether the server had no worker left for a second PHP request while the run held one: the
 * bare PHP page timed out (the run's own deadline says nothing). The verdict calls a probe that
 * got no answer then `inconclusive` (verdict.ts), the card says why (noFreeWorkerVerdict).
 * @param observations    The endpoint's observations.
 * @param runObservations Every observation of the run.
 */
export function hadNoFreeWorker(
	observations: Observation[],
	runObservations: Observation[]
): boolean {
	const php =
		decisiveObservation( observations, 'php-page' ) ??
		decisiveObservation( runObservations, 'php-page' );
	return php?.error?.code === 'timeout';
}

function workersStep(): RemediationStep {
	return {
		text: __(
			'Ask your host how many requests the site can serve at the same time (PHP-FPM pm.max_children, LiteSpeed LSAPI children, Apache MaxRequestWorkers). With only one, every visitor waits while another is served, and this check, which calls the site from the site, cannot get an answer at all.',
			'kco-callback-doctor'
		),
	};
}

/**
 * The verdict for a probe that timed out while the server had no worker left for a second
 * request; null when the server did answer a plain request (then the timeout is the site's).
 * @param context What the endpoint checks know about the endpoint under test.
 */
export function noFreeWorkerVerdict(
	context: EndpointContext
): Verdict | null {
	if ( ! hadNoFreeWorker( context.observations, context.runObservations ) ) {
		return null;
	}
	const staticFile = question( 'static-file', context );
	let summary: string = __(
		'While this check ran, the server answered no PHP request, not even a bare WordPress page: it has no worker left for a second request while it serves this check. Klarna’s calls arrive one at a time, so this says nothing about them: test from outside.',
		'kco-callback-doctor'
	);
	if ( staticFile?.response ) {
		summary = __(
			'While this check ran, the server answered a static file but no PHP request, not even a bare WordPress page: it has no PHP worker left for a second request while it serves this check. Klarna’s calls arrive one at a time, so this says nothing about them: test from outside.',
			'kco-callback-doctor'
		);
	} else if ( staticFile?.error?.code === 'timeout' ) {
		summary = __(
			'While this check ran, the server answered no other request at all, not even a static file: it has a single worker (or all of them are busy), and this check holds it. Klarna’s calls arrive one at a time, so this says nothing about them: test from outside.',
			'kco-callback-doctor'
		);
	}
	return {
		status: 'warn',
		summary,
		causeId: 'no-free-worker',
		cause: __(
			'no free worker for the check’s own request (inconclusive)',
			'kco-callback-doctor'
		),
		remediation: [ externalTestStep(), workersStep(), rerunStep() ],
		externalTest: true,
	};
}

/**
 * Public entry of the diagnosis: a run's raw observations in, findings out. Pure: no React,
 * no WordPress globals, no I/O.
 */
import type { Run } from '../api/types';
import { endpointFinding } from './endpoint';
import { buildRemediationContext } from './remediation';
import { buildMarkdownReport } from './report';
import { requirementFindings } from './requirements';
import { countFindings, countProblems, overallStatus } from './summary';
import type { Diagnosis } from './types';

/**
 * Findings for a run: requirements first, then one per probed endpoint.
 * @param run The run as the REST API returned it.
 */
export function diagnose( run: Run ): Diagnosis {
	const context = buildRemediationContext( run.environment, run.endpoints );
	const findings = [
		...requirementFindings( run, context ),
		...run.endpointIds.map( ( id ) => endpointFinding( run, id, context ) ),
	];
	return {
		findings,
		counts: countFindings( findings ),
		problems: countProblems( findings ),
		overall: overallStatus( findings ),
	};
}

/**
 * A Markdown report of a run, for a support ticket.
 * @param run       The run as the REST API returned it.
 * @param diagnosis The findings and counts of the run.
 */
export function buildReport( run: Run, diagnosis: Diagnosis ): string {
	return buildMarkdownReport( run, diagnosis );
}

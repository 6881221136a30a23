/**
 * Dressing a requirement's verdict as a Finding (`requirement:<name>`, group `requirement`).
 */
import type { Finding } from './types';
import type { Verdict } from './endpoint-context';

export function requirementFinding(
	name: string,
	title: string,
	verdict: Verdict,
	impact?: string
): Finding {
	const finding: Finding = {
		id: `requirement:${ name }`,
		group: 'requirement',
		status: verdict.status,
		title,
		summary: verdict.summary,
		evidence: verdict.evidence ?? [],
		remediation: verdict.remediation,
	};
	if (
		impact !== undefined &&
		( verdict.status === 'fail' || verdict.status === 'warn' )
	) {
		finding.impact = impact;
	}
	if ( verdict.cause !== undefined ) {
		finding.cause = verdict.cause;
	}
	if ( verdict.externalTest ) {
		finding.externalTest = true;
	}
	return finding;
}

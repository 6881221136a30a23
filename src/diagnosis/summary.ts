/**
 * The run at a glance: counts by status, the failures that stop Klarna orders, and the overall
 * status (Site Health's critical / recommended / passed, in our statuses).
 */
import type { Finding, FindingStatus, RunSummaryCounts } from './types';

export function countFindings( findings: Finding[] ): RunSummaryCounts {
	const counts: RunSummaryCounts = { pass: 0, warn: 0, fail: 0, info: 0 };
	for ( const finding of findings ) {
		counts[ finding.status ] += 1;
	}
	return counts;
}

/**
 * A failure stops Klarna orders unless it is an endpoint the installed KCO never calls (shown,
 * because the vendor asks to allow every callback, but not counted).
 * @param finding One finding.
 */
export function stopsOrders( finding: Finding ): boolean {
	return (
		finding.status === 'fail' &&
		( finding.group === 'requirement' || finding.usedByKlarna !== false )
	);
}

export function countProblems( findings: Finding[] ): number {
	return findings.filter( stopsOrders ).length;
}

/**
 * `fail` when something stops orders, `warn` for anything else not right, else `pass`.
 * @param findings Findings of the run.
 */
export function overallStatus( findings: Finding[] ): FindingStatus {
	if ( countProblems( findings ) > 0 ) {
		return 'fail';
	}
	return findings.some(
		( finding ) => finding.status === 'fail' || finding.status === 'warn'
	)
		? 'warn'
		: 'pass';
}

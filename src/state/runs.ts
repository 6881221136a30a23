/**
 * Pure steps on runs and findings that the page needs: merging a one-endpoint re-run into the
 * run on screen, and ordering findings the way Site Health does (problems first, passes apart).
 */
import type { EndpointId, Run, RunSummary } from '../api/types';
import type { Finding, FindingGroup, FindingStatus } from '../diagnosis/types';

/**
 * The run on screen with the endpoints of `rerun` replaced by their fresh observations. The
 * environment is taken from the re-run, since it is the newer fact; the run keeps its own id,
 * start time and duration, so it still names the run it came from.
 *
 * @param shown The run on screen.
 * @param rerun A run of some endpoints only.
 */
export function mergeRerun( shown: Run, rerun: Run ): Run {
	// The re-run's canaries are the newer word on their paths, so they replace the old ones.
	const replaced = new Set< string >( [
		...rerun.endpointIds,
		...rerun.observations.map( ( observation ) => observation.endpoint ),
	] );
	const endpointIds = [
		...shown.endpointIds,
		...rerun.endpointIds.filter(
			( id ) => ! shown.endpointIds.includes( id )
		),
	];
	return {
		...shown,
		endpointIds,
		environment: rerun.environment,
		endpoints: [
			...shown.endpoints.filter(
				( endpoint ) => ! replaced.has( endpoint.id )
			),
			...rerun.endpoints,
		].sort(
			( a, b ) =>
				endpointIds.indexOf( a.id ) - endpointIds.indexOf( b.id )
		),
		observations: [
			...shown.observations.filter(
				( observation ) => ! replaced.has( observation.endpoint )
			),
			...rerun.observations,
		],
		trimmed: shown.trimmed || rerun.trimmed,
	};
}

const SEVERITY: Record< FindingStatus, number > = {
	fail: 0,
	warn: 1,
	info: 2,
	pass: 3,
};

export interface FindingSection {
	group: FindingGroup;
	/** Failures, then warnings, then notes; in the diagnosis' order within a status. */
	open: Finding[];
	passed: Finding[];
}

/**
 * Requirements, then callback endpoints; each split into open findings and passed checks.
 *
 * @param findings All findings of a diagnosis.
 */
export function sectionFindings( findings: Finding[] ): FindingSection[] {
	const groups: FindingGroup[] = [ 'requirement', 'endpoint' ];
	return groups.map( ( group ) => {
		const inGroup = findings.filter(
			( finding ) => finding.group === group
		);
		return {
			group,
			open: inGroup
				.filter( ( finding ) => finding.status !== 'pass' )
				// Array.prototype.sort is stable, so the diagnosis' own order survives.
				.sort(
					( a, b ) => SEVERITY[ a.status ] - SEVERITY[ b.status ]
				),
			passed: inGroup.filter( ( finding ) => finding.status === 'pass' ),
		};
	} );
}

/**
 * Whether a finding's check is in flight: every check during a full run, one during a re-run.
 *
 * @param finding The finding on a card.
 * @param running What is being probed now.
 */
export function isFindingRunning(
	finding: Finding,
	running: 'all' | EndpointId | null
): boolean {
	return (
		running === 'all' ||
		( running !== null && finding.endpoint === running )
	);
}

/** The runs that together make the latest picture of the site. */
export interface LatestView {
	/** The newest run that checked every endpoint (or the newest run, if none did). */
	base: string;
	/** Newer runs of single endpoints ("Run again"), oldest first, to merge into the base. */
	reruns: string[];
}

/**
 * What to show on a later visit: the newest full run with the one-endpoint re-runs made after
 * it, so a reload shows what the page showed before, not a lone re-run card.
 *
 * @param history The last runs, newest first.
 */
export function latestView( history: RunSummary[] ): LatestView | null {
	const widest = Math.max(
		0,
		...history.map( ( summary ) => summary.endpointIds.length )
	);
	const baseIndex = history.findIndex(
		( summary ) => summary.endpointIds.length === widest
	);
	const base = history[ baseIndex ];
	if ( ! base ) {
		return null;
	}
	return {
		base: base.id,
		reruns: history
			.slice( 0, baseIndex )
			.map( ( summary ) => summary.id )
			.reverse(),
	};
}

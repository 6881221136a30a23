/**
 * One cause, one card. When a blocker stops several callbacks for the same trigger, each of their
 * findings says the same thing and asks for the same steps; the page shows that once, for all the
 * callbacks it affects, and keeps each callback's own evidence apart. Pure: the findings stay as
 * the diagnosis made them (counts, report and history still see one finding per callback).
 */
import type { Finding, FindingStatus, RemediationStep } from './types';

/** Findings that share status, cause, summary and fix: one cause, said once. */
export interface CauseGroup {
	/** Stable id from its first finding, e.g. `cause:endpoint:push`. */
	id: string;
	status: FindingStatus;
	/** Who or what caused it, as every finding of the group names it. */
	cause: string;
	/** The sentence every finding of the group says. */
	summary: string;
	/** The steps every finding of the group asks for, once. */
	remediation: RemediationStep[];
	/** Whether a test from outside can settle it, for any of the callbacks. */
	externalTest: boolean;
	/** The findings it stands for, in the diagnosis's order (at least two). */
	findings: Finding[];
}

/** What the page shows in a section, in order: a finding's own card, or a cause's. */
export type CardItem =
	| { kind: 'finding'; finding: Finding }
	| { kind: 'cause'; group: CauseGroup };

/**
 * The key under which findings say the same: only callback findings that are not passed and
 * name a cause are grouped; requirements each have a card of their own.
 * @param finding One finding.
 */
function causeKey( finding: Finding ): string | null {
	if (
		finding.group !== 'endpoint' ||
		finding.cause === undefined ||
		( finding.status !== 'fail' && finding.status !== 'warn' )
	) {
		return null;
	}
	return JSON.stringify( [
		finding.status,
		finding.cause,
		finding.summary,
		finding.remediation.map( ( step ) => [ step.text, step.copy ?? [] ] ),
	] );
}

/**
 * The findings as cards: one card per cause shared by two or more callbacks, at the place of its
 * first finding; every other finding as its own card.
 * @param findings Findings in the order the page shows them.
 */
export function groupByCause( findings: Finding[] ): CardItem[] {
	const byKey = new Map< string, Finding[] >();
	for ( const finding of findings ) {
		const key = causeKey( finding );
		if ( key !== null ) {
			byKey.set( key, [ ...( byKey.get( key ) ?? [] ), finding ] );
		}
	}
	const items: CardItem[] = [];
	const placed = new Set< string >();
	for ( const finding of findings ) {
		const key = causeKey( finding );
		const members = key === null ? [] : ( byKey.get( key ) ?? [] );
		if ( key === null || members.length < 2 ) {
			items.push( { kind: 'finding', finding } );
			continue;
		}
		if ( placed.has( key ) ) {
			continue;
		}
		placed.add( key );
		items.push( {
			kind: 'cause',
			group: {
				id: `cause:${ finding.id }`,
				status: finding.status,
				cause: finding.cause ?? '',
				summary: finding.summary,
				remediation: finding.remediation,
				externalTest: members.some(
					( member ) => member.externalTest === true
				),
				findings: members,
			},
		} );
	}
	return items;
}

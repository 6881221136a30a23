/**
 * One group of checks (Requirements or Callback endpoints): problems first as cards, one card per
 * cause that several callbacks share, passed checks folded away as Site Health does.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, ExternalProbe } from '../api/types';
import type { FindingSection as Section } from '../state/runs';
import { isFindingRunning } from '../state/runs';
import type { Running } from '../state/useDoctor';
import { CauseCard } from './CauseCard';
import { Disclosure } from './Disclosure';
import { FindingCard } from './FindingCard';
import { groupLabel } from './labels';
import { groupByCause, type CardItem } from '../diagnosis/group-by-cause';
import type { Finding } from '../diagnosis/types';

export interface FindingSectionProps {
	/** The group's findings, split into open ones and passed ones. */
	section: Section;
	/** What is being probed right now. */
	running: Running;
	/** Runs one endpoint's probes again. */
	onRunAgain: ( endpoint: EndpointId ) => void;
	/** Mints a signed request to send from another machine. */
	onRequestExternalProbe: (
		endpoint: EndpointId
	) => Promise< ExternalProbe >;
}

export function FindingSection( {
	section,
	running,
	onRunAgain,
	onRequestExternalProbe,
}: FindingSectionProps ) {
	const headingId = `kcd-section-${ section.group }`;
	const renderCard = ( finding: Finding ) => (
		<li key={ finding.id }>
			<FindingCard
				finding={ finding }
				isRunning={ isFindingRunning( finding, running ) }
				canRun={ running === null }
				onRunAgain={ onRunAgain }
				onRequestExternalProbe={ onRequestExternalProbe }
			/>
		</li>
	);

	const renderItem = ( item: CardItem ) =>
		item.kind === 'finding' ? (
			renderCard( item.finding )
		) : (
			<li key={ item.group.id }>
				<CauseCard
					group={ item.group }
					running={ running }
					onRunAgain={ onRunAgain }
					onRequestExternalProbe={ onRequestExternalProbe }
				/>
			</li>
		);

	return (
		<section className="kcd-section" aria-labelledby={ headingId }>
			<h2 id={ headingId }>{ groupLabel( section.group ) }</h2>
			{ section.open.length > 0 ? (
				<ul className="kcd-cards">
					{ groupByCause( section.open ).map( renderItem ) }
				</ul>
			) : (
				<p className="kcd-section__all-passed">
					{ __(
						'Every check in this group passed.',
						'kco-callback-doctor'
					) }
				</p>
			) }
			{ section.passed.length > 0 ? (
				<Disclosure
					className="kcd-passed"
					label={ sprintf(
						/* translators: %d: number of passed checks in this group. */
						__( 'Passed checks (%d)', 'kco-callback-doctor' ),
						section.passed.length
					) }
				>
					<ul className="kcd-cards">
						{ section.passed.map( renderCard ) }
					</ul>
				</Disclosure>
			) : null }
		</section>
	);
}

/**
 * The last runs with when they ran and what came back; opening one shows its cards.
 */
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Spinner,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointState, RunSummary } from '../api/types';
import { formatTime } from './format';
import { FAILING_STATES } from '../diagnosis/verdict';
import { endpointLabel, endpointStateLabel } from './labels';

export interface RunHistoryProps {
	/** The last runs, newest first. */
	history: RunSummary[];
	/** Id of the run on screen, marked as current. */
	shownRunId: string | null;
	/** Id of the run being loaded, if any. */
	openingRunId: string | null;
	/** Shows a run's cards. */
	onOpen: ( id: string ) => void;
}

/**
 * The run's verdict in a line: the callbacks that decide it, in the words the cards and WP-CLI
 * use (verdict.ts), never a count of echoes that a card could contradict.
 * @param summary One run of the history.
 */
function outcome( summary: RunSummary ): string {
	switch ( summary.overall ) {
		case 'ok':
			return __(
				'Every callback Klarna uses gets through',
				'kco-callback-doctor'
			);
		case 'unknown':
			return __(
				'No callback Klarna uses was checked',
				'kco-callback-doctor'
			);
	}
	const decides = ( state: EndpointState ): boolean =>
		summary.overall === 'critical'
			? FAILING_STATES.includes( state )
			: state !== 'passed';
	const deciding = summary.verdicts.filter(
		( item ) => item.used && decides( item.state )
	);
	return deciding
		.map( ( item ) =>
			sprintf(
				/* translators: 1: name of a callback, e.g. "Push"; 2: its verdict, e.g. "blocked". */
				__( '%1$s %2$s', 'kco-callback-doctor' ),
				endpointLabel( item.id ),
				endpointStateLabel( item.state )
			)
		)
		.join( ', ' );
}

function source( summary: RunSummary ): string | null {
	return summary.source === 'cli'
		? __( 'from WP-CLI', 'kco-callback-doctor' )
		: null;
}

function scope( summary: RunSummary ): string | null {
	const [ only, ...others ] = summary.endpointIds;
	if ( ! only || others.length > 0 ) {
		return null;
	}
	return sprintf(
		/* translators: %s: name of the one callback that was checked, e.g. "Push". */
		__( '%s only', 'kco-callback-doctor' ),
		endpointLabel( only )
	);
}

export function RunHistory( {
	history,
	shownRunId,
	openingRunId,
	onOpen,
}: RunHistoryProps ) {
	return (
		<Card className="kcd-history">
			<CardHeader>
				<h2>{ __( 'Earlier runs', 'kco-callback-doctor' ) }</h2>
			</CardHeader>
			<CardBody>
				{ history.length === 0 ? (
					<p>{ __( 'No runs yet.', 'kco-callback-doctor' ) }</p>
				) : (
					<ul className="kcd-history__list">
						{ history.map( ( summary ) => {
							const isShown = summary.id === shownRunId;
							const only = scope( summary );
							const from = source( summary );
							return (
								<li
									key={ summary.id }
									className={ `kcd-history__item is-${ summary.overall }` }
								>
									<Button
										variant="link"
										aria-current={
											isShown ? 'true' : undefined
										}
										onClick={ () => onOpen( summary.id ) }
									>
										{ formatTime( summary.startedAt ) }
									</Button>
									<span className="kcd-history__outcome">
										{ outcome( summary ) }
										{ only ? ` · ${ only }` : null }
										{ from ? ` · ${ from }` : null }
									</span>
									{ isShown ? (
										<span className="kcd-tag">
											{ __(
												'Shown',
												'kco-callback-doctor'
											) }
										</span>
									) : null }
									{ openingRunId === summary.id ? (
										<Spinner />
									) : null }
								</li>
							);
						} ) }
					</ul>
				) }
			</CardBody>
		</Card>
	);
}

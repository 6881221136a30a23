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
import { __, _n, sprintf } from '@wordpress/i18n';

import type { RunSummary } from '../api/types';
import { formatTime } from './format';
import { endpointLabel } from './labels';

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

function outcome( summary: RunSummary ): string {
	if ( summary.probed === 0 ) {
		return __( 'Nothing was probed', 'kco-callback-doctor' );
	}
	if ( summary.echoed === summary.probed ) {
		return sprintf(
			/* translators: %d: number of requests sent. */
			_n(
				'%d request got through',
				'All %d requests got through',
				summary.probed,
				'kco-callback-doctor'
			),
			summary.probed
		);
	}
	return sprintf(
		/* translators: 1: number of requests that did not get through, 2: number of requests sent. */
		__(
			'%1$d of %2$d requests did not get through',
			'kco-callback-doctor'
		),
		summary.probed - summary.echoed,
		summary.probed
	);
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
							return (
								<li
									key={ summary.id }
									className={ `kcd-history__item${ summary.echoed < summary.probed ? ' has-failures' : '' }` }
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

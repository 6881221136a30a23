/**
 * The verdict of the run on screen, its counts by status, how long it took and when it ran.
 */
import { Card, CardBody } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { ENDPOINT_IDS } from '../api/shape';
import type { Run } from '../api/types';
import type { Diagnosis, FindingStatus } from '../diagnosis/types';
import { verdict } from '../state/messages';
import { formatDuration, formatTime } from './format';
import { endpointLabel } from './labels';
import { StatusBadge } from './StatusBadge';

export interface SummaryProps {
	/** The run on screen. */
	run: Run;
	/** What the diagnosis makes of it. */
	diagnosis: Diagnosis;
}

const ORDER: FindingStatus[] = [ 'fail', 'warn', 'info', 'pass' ];

export function Summary( { run, diagnosis }: SummaryProps ) {
	const overall = diagnosis.problems > 0 ? 'fail' : diagnosis.overall;
	return (
		<Card className={ `kcd-summary is-${ overall }` }>
			<CardBody>
				<h2 className="kcd-summary__verdict">
					{ verdict( diagnosis ) }
				</h2>
				<ul className="kcd-summary__counts">
					{ ORDER.map( ( status ) => (
						<li key={ status }>
							<StatusBadge status={ status } />
							<span className="kcd-summary__count">
								{ diagnosis.counts[ status ] }
							</span>
						</li>
					) ) }
				</ul>
				{ run.endpointIds.length < ENDPOINT_IDS.length ? (
					<p className="kcd-summary__scope">
						{ sprintf(
							/* translators: %s: list of callback names, e.g. "Push, Validation". */
							__(
								'Only these callbacks were checked: %s.',
								'kco-callback-doctor'
							),
							run.endpointIds.map( endpointLabel ).join( ', ' )
						) }
					</p>
				) : null }
				{ run.trimmed ? (
					<p className="kcd-summary__trimmed">
						{ __(
							'This result was large, so some response bodies and headers of the less important test requests were left out when it was saved. The findings use everything that was kept.',
							'kco-callback-doctor'
						) }
					</p>
				) : null }
				<p className="kcd-summary__when">
					{ sprintf(
						/* translators: 1: date and time the checks ran, 2: how long they took, e.g. "4.2 sec". */
						__( 'Ran %1$s, took %2$s.', 'kco-callback-doctor' ),
						formatTime( run.startedAt ),
						formatDuration( run.durationMs )
					) }
				</p>
			</CardBody>
		</Card>
	);
}

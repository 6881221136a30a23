/**
 * One card for one cause that stops several callbacks: what is wrong and who did it, said once;
 * which callbacks it affects; one set of steps to fix it; and each callback's own evidence one
 * click away.
 */
import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { EndpointId, ExternalProbe } from '../api/types';
import type { CauseGroup } from '../diagnosis/group-by-cause';
import { isFindingRunning } from '../state/runs';
import type { Running } from '../state/useDoctor';
import { CauseCallback } from './CauseCallback';
import { RemediationSteps } from './RemediationSteps';
import { StatusBadge } from './StatusBadge';

export interface CauseCardProps {
	/** The cause and the findings of the callbacks it affects. */
	group: CauseGroup;
	/** What is being probed right now. */
	running: Running;
	/** Runs one callback's probes again. */
	onRunAgain: ( endpoint: EndpointId ) => void;
	/** Mints a signed request to send from another machine. */
	onRequestExternalProbe: (
		endpoint: EndpointId
	) => Promise< ExternalProbe >;
}

function title( group: CauseGroup ): string {
	const count = group.findings.length;
	return group.status === 'fail'
		? sprintf(
				/* translators: %d: number of callbacks, 2 or more. */
				_n(
					'One cause stops %d callback',
					'One cause stops %d callbacks',
					count,
					'kco-callback-doctor'
				),
				count
			)
		: sprintf(
				/* translators: %d: number of callbacks, 2 or more. */
				_n(
					'One cause affects %d callback',
					'One cause affects %d callbacks',
					count,
					'kco-callback-doctor'
				),
				count
			);
}

export function CauseCard( {
	group,
	running,
	onRunAgain,
	onRequestExternalProbe,
}: CauseCardProps ) {
	const isRunning = group.findings.some( ( finding ) =>
		isFindingRunning( finding, running )
	);
	const names = group.findings.map( ( finding ) => finding.title );

	return (
		<Card
			className={ `kcd-finding kcd-cause is-${ group.status }` }
			size="small"
			aria-busy={ isRunning }
			data-cause-card={ group.id }
		>
			<CardHeader className="kcd-finding__header">
				<h3 className="kcd-finding__title">{ title( group ) }</h3>
				<div className="kcd-finding__tags">
					{ isRunning ? (
						<span className="kcd-running">
							<Spinner />
							{ __( 'Checking…', 'kco-callback-doctor' ) }
						</span>
					) : null }
					<StatusBadge status={ group.status } />
				</div>
			</CardHeader>
			<CardBody className="kcd-finding__body">
				<p className="kcd-finding__summary">{ group.summary }</p>
				<p className="kcd-finding__cause">
					{ group.status === 'fail'
						? sprintf(
								/* translators: %s: who blocked the requests, e.g. "Cloudflare". */
								__( 'Blocked by: %s', 'kco-callback-doctor' ),
								group.cause
							)
						: sprintf(
								/* translators: %s: what the finding comes from, e.g. "a slow answer". */
								__( 'Cause: %s', 'kco-callback-doctor' ),
								group.cause
							) }
				</p>
				<p className="kcd-cause__affects">
					{ sprintf(
						/* translators: %s: names of callbacks, e.g. "Push callback, Validation callback". */
						__( 'Affects: %s', 'kco-callback-doctor' ),
						names.join( ', ' )
					) }
				</p>
				{ group.remediation.length > 0 ? (
					<div className="kcd-finding__fix">
						<h4>{ __( 'How to fix', 'kco-callback-doctor' ) }</h4>
						<RemediationSteps steps={ group.remediation } />
					</div>
				) : null }
				<div className="kcd-cause__callbacks">
					<h4>
						{ __( 'Evidence per callback', 'kco-callback-doctor' ) }
					</h4>
					<ul>
						{ group.findings.map( ( finding ) => (
							<li
								key={ finding.id }
								className={ `kcd-cause__item is-${ finding.status }` }
								data-finding-id={ finding.id }
							>
								<CauseCallback
									finding={ finding }
									isRunning={ isFindingRunning(
										finding,
										running
									) }
									canRun={ running === null }
									onRunAgain={ onRunAgain }
									onRequestExternalProbe={
										onRequestExternalProbe
									}
								/>
							</li>
						) ) }
					</ul>
				</div>
			</CardBody>
		</Card>
	);
}

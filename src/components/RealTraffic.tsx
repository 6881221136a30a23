/**
 * "Real calls from Klarna": what Klarna's servers really got from the shop, per callback, the
 * findings that follow from it, and the Klarna orders left stuck in Pending payment. Reads its
 * own report (useTraffic), so the page only places it.
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useMemo } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	countingCaveat,
	heartbeats,
	trafficFindings,
} from '../diagnosis/traffic';
import { useTraffic } from '../state/useTraffic';
import { FindingCard } from './FindingCard';
import { formatTime } from './format';
import { HeartbeatList } from './HeartbeatList';
import { StuckOrderList } from './StuckOrderList';

const HEADING_ID = 'kcd-section-traffic';

// Traffic findings concern no probe: the card offers neither "Run again" nor the external test.
const noRun = () => undefined;
const noExternalProbe = () =>
	Promise.reject( new Error( 'not a probe finding' ) );

export function RealTraffic() {
	const { traffic, isLoading, error, refresh } = useTraffic();
	const report = useMemo(
		() =>
			traffic
				? {
						lines: heartbeats( traffic ),
						findings: trafficFindings( traffic ),
						caveat: countingCaveat( traffic ),
					}
				: null,
		[ traffic ]
	);

	return (
		<section
			className="kcd-section kcd-traffic"
			aria-labelledby={ HEADING_ID }
			aria-busy={ isLoading }
		>
			<div className="kcd-traffic__header">
				<h2 id={ HEADING_ID }>
					{ __( 'Real calls from Klarna', 'kco-callback-doctor' ) }
				</h2>
				<Button
					variant="secondary"
					size="compact"
					onClick={ refresh }
					isBusy={ isLoading }
					disabled={ isLoading }
					accessibleWhenDisabled
				>
					{ __( 'Refresh', 'kco-callback-doctor' ) }
				</Button>
			</div>
			<p className="kcd-traffic__intro">
				{ traffic?.monitoringSince
					? sprintf(
							/* translators: %s: date and time monitoring began. */
							__(
								'What Klarna’s servers really got from your shop, recorded as each call ended, since %s. Only when a call came, the status your shop answered and how long PHP took are kept.',
								'kco-callback-doctor'
							),
							formatTime( traffic.monitoringSince )
						)
					: __(
							'What Klarna’s servers really got from your shop, recorded as each call ended. Only when a call came, the status your shop answered and how long PHP took are kept.',
							'kco-callback-doctor'
						) }
			</p>
			{ error ? (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: the error's message. */
						__(
							'The real calls could not be read: %s',
							'kco-callback-doctor'
						),
						error.message
					) }
				</Notice>
			) : null }
			{ ! traffic && isLoading ? (
				<p className="kcd-placeholder">
					<Spinner />
					{ __( 'Reading the real calls…', 'kco-callback-doctor' ) }
				</p>
			) : null }
			{ traffic && report ? (
				<>
					<HeartbeatList heartbeats={ report.lines } />
					{ report.findings.length > 0 ? (
						<ul className="kcd-cards">
							{ report.findings.map( ( finding ) => (
								<li key={ finding.id }>
									<FindingCard
										finding={ finding }
										isRunning={ false }
										canRun={ false }
										onRunAgain={ noRun }
										onRequestExternalProbe={
											noExternalProbe
										}
									/>
								</li>
							) ) }
						</ul>
					) : null }
					{ traffic.stuckOrders.orders.length > 0 ? (
						<StuckOrderList
							orders={ traffic.stuckOrders.orders }
							checkedAt={ traffic.checkedAt }
						/>
					) : null }
					{ traffic.stuckOrders.searched &&
					traffic.stuckOrders.count === 0 ? (
						<p className="kcd-traffic__no-stuck">
							{ sprintf(
								/* translators: %d: minutes. */
								__(
									'No Klarna order has been waiting in “Pending payment” for its push for more than %d minutes.',
									'kco-callback-doctor'
								),
								traffic.stuckOrders.thresholdMinutes
							) }
						</p>
					) : null }
					{ report.caveat ? (
						<p className="kcd-traffic__caveat">{ report.caveat }</p>
					) : null }
				</>
			) : null }
		</section>
	);
}

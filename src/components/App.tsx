/**
 * The doctor's page: header with the one button, page-level errors, the verdict, the checks in
 * their groups, sharing, and the history of runs.
 */
import { Notice, Spinner } from '@wordpress/components';
import { useMemo } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { sectionFindings } from '../state/runs';
import { useDoctor } from '../state/useDoctor';
import { FindingSection } from './FindingSection';
import { formatTime } from './format';
import { PageHeader } from './PageHeader';
import { PageNotice } from './PageNotice';
import { RealTraffic } from './RealTraffic';
import { ResultsBoundary } from './ResultsBoundary';
import { RunHistory } from './RunHistory';
import { SettingsPanel } from './SettingsPanel';
import { ShareBar } from './ShareBar';
import { Summary } from './Summary';

function reloadPage(): void {
	window.location.reload();
}

export function App() {
	const doctor = useDoctor();
	const { run, diagnosis, running, history } = doctor;
	const sections = useMemo(
		() => ( diagnosis ? sectionFindings( diagnosis.findings ) : [] ),
		[ diagnosis ]
	);

	return (
		<div className="kcd-app">
			<PageHeader
				environment={ doctor.environment }
				isRunning={ running !== null }
				isLoading={ doctor.isLoading }
				onRunChecks={ doctor.runChecks }
			/>
			{ doctor.error ? (
				<PageNotice
					error={ doctor.error }
					onDismiss={ doctor.dismissError }
					onReload={ reloadPage }
				/>
			) : null }
			{ doctor.diagnosisFailure ? (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: the error's message. */
						__(
							'The results of this run could not be read: %s',
							'kco-callback-doctor'
						),
						doctor.diagnosisFailure
					) }
				</Notice>
			) : null }

			{ doctor.isLoading ? (
				<p className="kcd-placeholder">
					<Spinner />
					{ __( 'Loading the last results…', 'kco-callback-doctor' ) }
				</p>
			) : null }
			{ ! doctor.isLoading && ! run && running === 'all' ? (
				<p className="kcd-placeholder">
					<Spinner />
					{ __(
						'Running the checks for the first time. This can take a minute.',
						'kco-callback-doctor'
					) }
				</p>
			) : null }
			{ ! doctor.isLoading && ! run && running === null ? (
				<p className="kcd-placeholder">
					{ __(
						'No results yet: press "Run checks" to test your site.',
						'kco-callback-doctor'
					) }
				</p>
			) : null }

			{ run && diagnosis ? (
				<ResultsBoundary resetKey={ run.id + run.observations.length }>
					{ ! doctor.isLatestRun ? (
						<Notice
							status="info"
							isDismissible={ false }
							actions={ [
								{
									label: __(
										'Show the latest results',
										'kco-callback-doctor'
									),
									onClick: doctor.openLatest,
								},
							] }
						>
							{ sprintf(
								/* translators: %s: date and time of the run on screen. */
								__(
									'You are looking at the run from %s, as it was.',
									'kco-callback-doctor'
								),
								formatTime( run.startedAt )
							) }
						</Notice>
					) : null }
					<Summary run={ run } diagnosis={ diagnosis } />
					{ sections.map( ( section ) => (
						<FindingSection
							key={ section.group }
							section={ section }
							running={ running }
							onRunAgain={ doctor.rerunEndpoint }
							onRequestExternalProbe={
								doctor.requestExternalProbe
							}
						/>
					) ) }
					<ShareBar run={ run } diagnosis={ diagnosis } />
				</ResultsBoundary>
			) : null }

			<RealTraffic />

			<RunHistory
				history={ history }
				shownRunId={ run?.id ?? null }
				openingRunId={ doctor.openingRunId }
				onOpen={ doctor.openRun }
			/>
			<SettingsPanel />
		</div>
	);
}

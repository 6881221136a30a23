/**
 * The page's state in one hook: which run is on screen and what the diagnosis makes of it, the
 * run history, what is running, and the page-level error. It runs the checks by itself once, on
 * the very first visit (when the site has no run yet); later visits show the latest run.
 */
import { speak } from '@wordpress/a11y';
import {
	useCallback,
	useEffect,
	useMemo,
	useRef,
	useState,
} from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	ApiError,
	createExternalProbe,
	fetchEnvironment,
	fetchRun,
	fetchRunHistory,
	startRun,
	storeDigest,
	toApiError,
} from '../api/client';
import type {
	EndpointId,
	Environment,
	ExternalProbe,
	Run,
	RunSummary,
} from '../api/types';
import { diagnose } from '../diagnosis';
import { digestOf } from '../diagnosis/digest';
import type { Diagnosis } from '../diagnosis/types';
import { verdict } from './messages';
import { latestView, mergeRerun } from './runs';

/** What is being probed right now: every endpoint, one endpoint, or nothing. */
export type Running = 'all' | EndpointId | null;

export interface Doctor {
	/** True until the first answers about the site and its run history arrived (or failed). */
	isLoading: boolean;
	/** Facts about the site; from GET /environment, else from the run on screen. */
	environment: Environment | null;
	/** The run on screen, with any one-endpoint re-runs merged in. */
	run: Run | null;
	/** What the diagnosis makes of `run`. */
	diagnosis: Diagnosis | null;
	/** Why the run on screen could not be diagnosed, when it could not. */
	diagnosisFailure: string | null;
	/** False while the owner looks at a run opened from the history. */
	isLatestRun: boolean;
	/** The last runs, newest first. */
	history: RunSummary[];
	running: Running;
	/** Id of the history entry being loaded. */
	openingRunId: string | null;
	/** The page-level error to show. */
	error: ApiError | null;
	runChecks: () => Promise< void >;
	rerunEndpoint: ( endpoint: EndpointId ) => Promise< void >;
	/** Shows one run from the history, as it was. */
	openRun: ( id: string ) => Promise< void >;
	/** Shows the latest picture: the newest full run with later re-runs merged in. */
	openLatest: () => Promise< void >;
	dismissError: () => void;
	/** Mints a signed request for testing from outside; rejects with an ApiError. */
	requestExternalProbe: ( endpoint: EndpointId ) => Promise< ExternalProbe >;
}

interface DiagnosisResult {
	diagnosis: Diagnosis | null;
	failure: string | null;
}

function diagnoseRun( run: Run | null ): DiagnosisResult {
	if ( ! run ) {
		return { diagnosis: null, failure: null };
	}
	try {
		return { diagnosis: diagnose( run ), failure: null };
	} catch ( reason ) {
		return {
			diagnosis: null,
			failure:
				reason instanceof Error ? reason.message : String( reason ),
		};
	}
}

/**
 * The digests the page has sent, one after the other: the server merges each into the one
 * remembered diagnosis (read, merge, write), so two in flight at once could each read the memory
 * before the other wrote it, and one would undo the other. The latest view sends the full run's
 * and its re-runs' together.
 */
let digestsStored: Promise< unknown > = Promise.resolve();

/**
 * Stores the diagnosis of a run that has none yet with the run (POST /runs/{id}/digest), so
 * WP-CLI, Site Health and the alerts can name what blocked it. Best effort: the page shows the
 * same whether or not it was stored.
 *
 * @param run       A run as the server stored it (not a merged view).
 * @param diagnosis What the diagnosis makes of exactly that run.
 */
function rememberDiagnosis( run: Run, diagnosis: Diagnosis | null ): void {
	if ( run.digest !== undefined || diagnosis === null ) {
		return;
	}
	const digest = digestOf( diagnosis.findings );
	digestsStored = digestsStored
		.then( () => storeDigest( run.id, digest ) )
		.catch( () => undefined );
}

export function useDoctor(): Doctor {
	const [ isLoading, setIsLoading ] = useState( true );
	const [ siteEnvironment, setSiteEnvironment ] =
		useState< Environment | null >( null );
	const [ run, setRun ] = useState< Run | null >( null );
	const [ isLatestRun, setIsLatestRun ] = useState( true );
	const [ history, setHistory ] = useState< RunSummary[] >( [] );
	const [ running, setRunning ] = useState< Running >( null );
	const [ openingRunId, setOpeningRunId ] = useState< string | null >( null );
	const [ error, setError ] = useState< ApiError | null >( null );

	// The server runs one probe run at a time; so does the page (a ref, not state, so two clicks
	// in one frame cannot both start one).
	const isRunning = useRef( false );
	const hasStarted = useRef( false );
	// The run on screen, readable from callbacks that outlive a render (a re-run in flight).
	const shownRunId = useRef< string | null >( null );
	shownRunId.current = run?.id ?? null;
	// Every action that puts a run on screen takes a turn; loading the latest run shows its
	// result only if no later action took one meanwhile (a fresh run that finished first).
	const screenTurn = useRef( 0 );

	const { diagnosis, failure: diagnosisFailure } = useMemo(
		() => diagnoseRun( run ),
		[ run ]
	);

	const refreshHistory = useCallback( async () => {
		try {
			setHistory( await fetchRunHistory() );
		} catch ( reason ) {
			setError( toApiError( reason ) );
		}
	}, [] );

	const runChecks = useCallback( async () => {
		if ( isRunning.current ) {
			return;
		}
		isRunning.current = true;
		screenTurn.current += 1;
		setRunning( 'all' );
		setError( null );
		speak(
			__(
				'Running the checks. This can take a minute.',
				'kco-callback-doctor'
			)
		);
		try {
			const fresh = await startRun();
			setRun( fresh );
			setIsLatestRun( true );
			const result = diagnoseRun( fresh );
			rememberDiagnosis( fresh, result.diagnosis );
			speak(
				result.diagnosis
					? sprintf(
							/* translators: %s: the verdict, e.g. "All callbacks reachable". */
							__( 'Checks finished: %s.', 'kco-callback-doctor' ),
							verdict( result.diagnosis )
						)
					: __( 'Checks finished.', 'kco-callback-doctor' )
			);
		} catch ( reason ) {
			setError( toApiError( reason ) );
		} finally {
			isRunning.current = false;
			setRunning( null );
		}
		await refreshHistory();
	}, [ refreshHistory ] );

	const rerunEndpoint = useCallback(
		async ( endpoint: EndpointId ) => {
			if ( isRunning.current ) {
				return;
			}
			isRunning.current = true;
			screenTurn.current += 1;
			setRunning( endpoint );
			setError( null );
			speak(
				__( 'Checking this callback again.', 'kco-callback-doctor' )
			);
			const startedOn = shownRunId.current;
			try {
				const fresh = await startRun( [ endpoint ] );
				// Merge only into the run the re-run was started from: if the owner opened
				// another run from the history meanwhile, show the fresh result instead.
				setRun( ( shown ) =>
					shown && shown.id === startedOn
						? mergeRerun( shown, fresh )
						: fresh
				);
				const { diagnosis: ofRerun } = diagnoseRun( fresh );
				rememberDiagnosis( fresh, ofRerun );
				const finding = ofRerun?.findings.find(
					( candidate ) => candidate.endpoint === endpoint
				);
				speak(
					finding
						? sprintf(
								/* translators: 1: callback check title, 2: its one-sentence summary. */
								__(
									'Checked again: %1$s. %2$s',
									'kco-callback-doctor'
								),
								finding.title,
								finding.summary
							)
						: __( 'Checked again.', 'kco-callback-doctor' )
				);
			} catch ( reason ) {
				setError( toApiError( reason ) );
			} finally {
				isRunning.current = false;
				setRunning( null );
			}
			await refreshHistory();
		},
		[ refreshHistory ]
	);

	const openRun = useCallback( async ( id: string ) => {
		screenTurn.current += 1;
		setOpeningRunId( id );
		try {
			const opened = await fetchRun( id );
			setRun( opened );
			setIsLatestRun( false );
			rememberDiagnosis( opened, diagnoseRun( opened ).diagnosis );
		} catch ( reason ) {
			setError( toApiError( reason ) );
		} finally {
			setOpeningRunId( null );
		}
	}, [] );

	const showLatest = useCallback( async ( runs: RunSummary[] ) => {
		const view = latestView( runs );
		if ( ! view ) {
			return;
		}
		screenTurn.current += 1;
		const turn = screenTurn.current;
		setOpeningRunId( view.base );
		try {
			const [ base, ...reruns ] = await Promise.all(
				[ view.base, ...view.reruns ].map( ( id ) => fetchRun( id ) )
			);
			if ( base && turn === screenTurn.current ) {
				setRun( reruns.reduce( mergeRerun, base ) );
				setIsLatestRun( true );
				for ( const stored of [ base, ...reruns ] ) {
					rememberDiagnosis(
						stored,
						diagnoseRun( stored ).diagnosis
					);
				}
			}
		} catch ( reason ) {
			setError( toApiError( reason ) );
		} finally {
			setOpeningRunId( null );
		}
	}, [] );

	const openLatest = useCallback(
		() => showLatest( history ),
		[ history, showLatest ]
	);

	const requestExternalProbe = useCallback(
		async ( endpoint: EndpointId ) => {
			try {
				return await createExternalProbe( endpoint );
			} catch ( reason ) {
				const apiError = toApiError( reason );
				if ( apiError.kind === 'permission' ) {
					setError( apiError );
				}
				throw apiError;
			}
		},
		[]
	);

	const dismissError = useCallback( () => setError( null ), [] );

	useEffect( () => {
		if ( hasStarted.current ) {
			return;
		}
		hasStarted.current = true;

		async function start(): Promise< void > {
			const [ environmentResult, historyResult ] =
				await Promise.allSettled( [
					fetchEnvironment(),
					fetchRunHistory(),
				] );
			if ( environmentResult.status === 'fulfilled' ) {
				setSiteEnvironment( environmentResult.value );
			}
			if ( historyResult.status === 'rejected' ) {
				setError( toApiError( historyResult.reason ) );
				setIsLoading( false );
				return;
			}
			if ( environmentResult.status === 'rejected' ) {
				setError( toApiError( environmentResult.reason ) );
			}
			setHistory( historyResult.value );
			setIsLoading( false );
			if ( historyResult.value.length > 0 ) {
				await showLatest( historyResult.value );
			} else {
				// First visit: nothing was ever checked on this site, so check now.
				await runChecks();
			}
		}
		start();
	}, [ runChecks, showLatest ] );

	return {
		isLoading,
		environment: siteEnvironment ?? run?.environment ?? null,
		run,
		diagnosis,
		diagnosisFailure,
		isLatestRun,
		history,
		running,
		openingRunId,
		error,
		runChecks,
		rerunEndpoint,
		openRun,
		openLatest,
		dismissError,
		requestExternalProbe,
	};
}

/**
 * Scheduled checks go through the same Doctor::run → Runner as the page, canary first
 * (docs/probe-protocol.md §12): where the path strips the probe header, the scheduled check
 * sends nothing Klarna-shaped (so nothing reaches KCO's handlers as a real callback), stores an
 * inconclusive run, and raises no alert, although the callbacks passed before.
 */
import { probeHeaderStripped } from '../e2e/support/faults';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import {
	RECURRING_HOOK,
	adminNotice,
	inboxNotes,
	mails,
	makeDue,
	runScheduledActions,
} from './support/schedule';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, recorder, wpCli, wpEval } from './support/stack';

// WP-CLI boots WordPress and WooCommerce for every call; on a busy machine that takes a while.
jest.setTimeout( 600_000 );

/** The machine's load must not decide the verdict: probes wait as long as it takes. */
const patientProbes = muPlugin(
	'patient-probes',
	`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return 45; } );
add_filter( 'kco_callback_doctor_run_deadline', static function () { return 120; } );`
);

interface StoredRun {
	id: string;
	source: string;
	overall: string;
	verdicts: Array< { id: string; state: string; used: boolean } >;
}

/** The scheduled runs the history keeps, newest first. */
function scheduledRuns(): StoredRun[] {
	return JSON.parse(
		wpEval(
			"echo wp_json_encode( KcoCallbackDoctor\\RunHistory::summaries( 'schedule' ) );"
		)
	) as StoredRun[];
}

/** Makes the recurring check due, lets Action Scheduler run it, returns the run it stored. */
function runRecurringCheck(): StoredRun {
	const before = scheduledRuns()[ 0 ]?.id;
	makeDue( RECURRING_HOOK );
	expect( runScheduledActions() ).toMatch(
		new RegExp(
			`Completed processing action \\d+ with hook: ${ RECURRING_HOOK }`
		)
	);
	const newest = scheduledRuns()[ 0 ];
	expect( newest?.id ).not.toBe( before );
	return newest as StoredRun;
}

function resetAlerts(): void {
	wpEval(
		"delete_option( 'kco_callback_doctor_alerts' ); delete_metadata( 'user', 0, 'kco_callback_doctor_dismissed_alert', '', true ); if ( class_exists( 'Automattic\\WooCommerce\\Admin\\Notes\\Notes' ) ) { Automattic\\WooCommerce\\Admin\\Notes\\Notes::delete_notes_with_name( 'kco-callback-doctor-callbacks' ); }"
	);
	mails.clear();
}

let admin: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	patientProbes.apply();
	wpCli( 'kco-doctor', 'schedule', '--interval=daily' );
	resetAlerts();
} );

afterAll( () => {
	patientProbes.revert();
	// The test stack runs no checks by itself (bin/wp-setup.sh).
	wpCli( 'kco-doctor', 'schedule', '--interval=off' );
	resetAlerts();
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

it( 'sends nothing Klarna-shaped, stores an inconclusive run and raises no alert where the path strips the probe header', async () => {
	// The callbacks pass first, so a failing verdict afterwards would be a transition that alerts.
	expect( runRecurringCheck() ).toMatchObject( {
		source: 'schedule',
		overall: 'ok',
	} );
	mails.clear();

	await withScenario( probeHeaderStripped, async () => {
		recorder.clear();
		const run = runRecurringCheck();

		// Every Klarna-shaped probe would have reached KCO as a real callback: none was sent.
		expect( recorder.calls() ).toEqual( [] );
		expect( run.source ).toBe( 'schedule' );
		expect( run.overall ).toBe( 'warning' );
		expect( run.verdicts.length ).toBeGreaterThan( 0 );
		for ( const verdict of run.verdicts ) {
			expect( verdict.state ).toBe( 'inconclusive' );
		}
		// The stored run itself holds the canaries and nothing else.
		const variants = JSON.parse(
			wpEval(
				`$run = KcoCallbackDoctor\\RunHistory::find( '${ run.id }' ); echo wp_json_encode( array_values( array_unique( wp_list_pluck( $run['observations'], 'variant' ) ) ) );`
			)
		) as string[];
		expect( variants ).toEqual( [ 'canary' ] );
	} );

	expect( await adminNotice( admin ) ).toBeNull();
	expect( inboxNotes() ).toEqual( [] );
	expect( mails.all() ).toEqual( [] );
} );

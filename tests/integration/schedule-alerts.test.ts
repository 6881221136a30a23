/**
 * Scheduled checks and their alerts, end to end: the real Action Scheduler (run by the real
 * WP-CLI, as a server cron job would) starts the doctor, a real fault (a ModSecurity rule in the
 * stack's Apache that refuses Klarna's User-Agent) breaks every callback, and the owner is told
 * exactly once — one admin notice, one WooCommerce Inbox note, one e-mail — and once more when
 * the callbacks work again.
 */
import { modSecurityUserAgentRule } from '../e2e/support/faults';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import {
	AFTER_CHANGE_HOOK,
	RECURRING_HOOK,
	actions,
	adminNotice,
	inboxNotes,
	mails,
	makeDue,
	runScheduledActions,
	wooCommerceLog,
} from './support/schedule';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, dbQuery, debugLog, wpCli, wpEval } from './support/stack';

// WP-CLI boots WordPress and WooCommerce for every call; on a busy machine that takes a while.
jest.setTimeout( 600_000 );

/**
 * On a machine shared with other test runs, a PHP request can take longer than the doctor's
 * 10 s per probe, and a run would judge the site by the machine's load. Alerts are what is
 * tested here, so the probes may wait as long as it takes (the plugin's own filters).
 */
const patientProbes = muPlugin(
	'patient-probes',
	`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return 45; } );
add_filter( 'kco_callback_doctor_run_deadline', static function () { return 120; } );`
);

let admin: Session;
let shopManager: Session;

interface Summary {
	id: string;
	source: string;
	overall: string;
}

/** The scheduled runs the history keeps, newest first. */
function scheduledRuns(): Summary[] {
	return JSON.parse(
		wpEval(
			"echo wp_json_encode( KcoCallbackDoctor\\RunHistory::summaries( 'schedule' ) );"
		)
	) as Summary[];
}

/** Makes the recurring check due and lets Action Scheduler run it. */
function runRecurringCheck(): Summary {
	const before = scheduledRuns().length;
	makeDue( RECURRING_HOOK );
	const output = runScheduledActions();
	expect( output ).toMatch(
		new RegExp(
			`Completed processing action \\d+ with hook: ${ RECURRING_HOOK }`
		)
	);
	const runs = scheduledRuns();
	expect( runs.length ).toBe( Math.min( before + 1, 24 ) );
	return runs[ 0 ] as Summary;
}

/**
 * What the admin notice prints for a user (WooCommerce keeps subscribers out of wp-admin, so
 * this asks the notice itself).
 *
 * @param login The user's login.
 */
function noticeFor( login: string ): string {
	return wpEval(
		`wp_set_current_user( get_user_by( 'login', '${ login }' )->ID ); KcoCallbackDoctor\\Alerts\\AdminNotice::render();`
	);
}

function resetAlerts(): void {
	wpEval(
		"delete_option( 'kco_callback_doctor_alerts' ); delete_metadata( 'user', 0, 'kco_callback_doctor_dismissed_alert', '', true ); if ( class_exists( 'Automattic\\WooCommerce\\Admin\\Notes\\Notes' ) ) { Automattic\\WooCommerce\\Admin\\Notes\\Notes::delete_notes_with_name( 'kco-callback-doctor-callbacks' ); }"
	);
	mails.clear();
}

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	shopManager = await logIn( USERS.shopManager );
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

describe( 'a check soon after a change', () => {
	it( "queues one check five minutes after KCO's settings are saved, however often they are saved", () => {
		for ( const action of actions( 'pending' ) ) {
			if ( action.hook === AFTER_CHANGE_HOOK ) {
				dbQuery(
					`UPDATE wp_actionscheduler_actions SET status = 'canceled' WHERE action_id = ${ action.id }`
				);
			}
		}
		const savedFrom = Math.floor( Date.now() / 1000 );
		wpCli(
			'option',
			'update',
			'woocommerce_kco_settings',
			'{"enabled":"yes","testmode":"yes"}',
			'--format=json'
		);
		wpCli(
			'option',
			'update',
			'woocommerce_kco_settings',
			'{"enabled":"yes","testmode":"no"}',
			'--format=json'
		);

		const pending = actions( 'pending' ).filter(
			( action ) => action.hook === AFTER_CHANGE_HOOK
		);
		expect( pending ).toHaveLength( 1 );
		const savedUntil = Math.ceil( Date.now() / 1000 );
		// Due five minutes after the first save, whenever between the two saves that was: the
		// bounds are read around the saves, so a slow machine cannot move them.
		const dueAt = Number(
			dbQuery(
				`SELECT TIMESTAMPDIFF( SECOND, '1970-01-01 00:00:00', scheduled_date_gmt ) FROM wp_actionscheduler_actions WHERE action_id = ${ pending[ 0 ]?.id }`
			)[ 0 ]
		);
		expect( dueAt ).toBeGreaterThanOrEqual( savedFrom + 300 );
		expect( dueAt ).toBeLessThanOrEqual( savedUntil + 300 );
	} );

	it( 'runs it as a scheduled run, kept apart from the owner’s runs, and says nothing while all passes', async () => {
		const manualBefore = wpEval(
			"echo count( KcoCallbackDoctor\\RunHistory::summaries( 'manual' ) );"
		);
		makeDue( AFTER_CHANGE_HOOK );

		expect( runScheduledActions() ).toMatch(
			new RegExp(
				`Completed processing action \\d+ with hook: ${ AFTER_CHANGE_HOOK }`
			)
		);
		expect( scheduledRuns()[ 0 ] ).toMatchObject( {
			source: 'schedule',
			overall: 'ok',
		} );
		expect(
			wpEval(
				"echo count( KcoCallbackDoctor\\RunHistory::summaries( 'manual' ) );"
			)
		).toBe( manualBefore );
		expect( await adminNotice( admin ) ).toBeNull();
		expect( inboxNotes() ).toEqual( [] );
		expect( mails.all() ).toEqual( [] );
	} );
} );

describe( 'alerts when the callbacks stop passing, and when they pass again', () => {
	it( 'announces a failure once, in every channel, and stays quiet while it lasts; then the recovery once', async () => {
		let alertId = '';
		let noteId = 0;

		await withScenario( modSecurityUserAgentRule, async () => {
			expect( runRecurringCheck().overall ).toBe( 'critical' );

			// The admin notice, for users who can manage WooCommerce.
			const notice = await adminNotice( admin );
			expect( notice?.html ).toContain( 'notice-error' );
			expect( notice?.text ).toMatch(
				/Klarna can no longer reach your shop/
			);
			expect( notice?.text ).toMatch(
				/Push \(\/wc-api\/KCO_WC_Push\/\): blocked with HTTP 406 since/
			);
			expect( notice?.html ).toContain(
				'admin.php?page=kco-callback-doctor'
			);
			expect( await adminNotice( shopManager ) ).not.toBeNull();
			expect( noticeFor( 'subscriber' ) ).toBe( '' );
			expect( noticeFor( 'shopmanager' ) ).toContain( 'notice-error' );
			alertId =
				new URL( notice?.dismissUrl ?? '', BASE_URL ).searchParams.get(
					'alert'
				) ?? '';
			expect( alertId ).toMatch( /^[0-9a-f-]{36}$/ );

			// The Inbox note, with its link to the page.
			const notes = inboxNotes();
			expect( notes ).toHaveLength( 1 );
			expect( notes[ 0 ] ).toMatchObject( {
				type: 'error',
				status: 'unactioned',
			} );
			expect( notes[ 0 ]?.title ).toMatch(
				/Klarna can no longer reach your shop/
			);
			noteId = notes[ 0 ]?.id ?? 0;
			expect(
				dbQuery(
					`SELECT query FROM wp_wc_admin_note_actions WHERE note_id = ${ noteId }`
				)[ 0 ]
			).toContain( 'admin.php?page=kco-callback-doctor' );

			// The e-mail, to the site's admin address.
			const sent = mails.all();
			expect( sent ).toHaveLength( 1 );
			expect( sent[ 0 ]?.to ).toEqual( [ 'admin@example.com' ] );
			expect( sent[ 0 ]?.subject ).toMatch(
				/Klarna can no longer reach your shop/
			);
			expect( sent[ 0 ]?.message ).toMatch(
				/- Push \(\/wc-api\/KCO_WC_Push\/\): blocked with HTTP 406 since/
			);
			expect( sent[ 0 ]?.message ).toContain(
				`${ BASE_URL }/wp-admin/admin.php?page=kco-callback-doctor`
			);

			// The next failing run changes nothing.
			expect( runRecurringCheck().overall ).toBe( 'critical' );
			expect( await adminNotice( admin ) ).toMatchObject( {
				dismissUrl: expect.stringContaining( `alert=${ alertId }` ),
			} );
			expect( inboxNotes().map( ( note ) => note.id ) ).toEqual( [
				noteId,
			] );
			expect( mails.all() ).toHaveLength( 1 );
		} );

		// The fault is gone: the recovery, announced once.
		expect( runRecurringCheck().overall ).toBe( 'ok' );
		const recovery = await adminNotice( admin );
		expect( recovery?.html ).toContain( 'notice-success' );
		expect( recovery?.text ).toMatch(
			/Klarna can reach your shop's .*Push.* callbacks again/
		);
		expect( recovery?.dismissUrl ).not.toContain( `alert=${ alertId }` );
		const notes = inboxNotes();
		expect( notes ).toHaveLength( 1 );
		expect( notes[ 0 ]?.type ).toBe( 'info' );
		expect( notes[ 0 ]?.title ).toMatch( /again/ );
		// At most one e-mail a day: the recovery waits for the next one.
		expect( mails.all() ).toHaveLength( 1 );

		expect( runRecurringCheck().overall ).toBe( 'ok' );
		expect( inboxNotes().map( ( note ) => note.id ) ).toEqual( [
			notes[ 0 ]?.id,
		] );
	} );

	it( 'sends the recovery e-mail the day after the failure e-mail, once', () => {
		// A day has passed since the failure e-mail.
		wpEval(
			"$s = get_option( 'kco_callback_doctor_alerts' ); $s['email']['sentAt'] = gmdate( 'Y-m-d\\TH:i:s\\Z', time() - 25 * HOUR_IN_SECONDS ); update_option( 'kco_callback_doctor_alerts', $s, false );"
		);

		runRecurringCheck();
		const sent = mails.all();
		expect( sent ).toHaveLength( 2 );
		expect( sent[ 1 ]?.subject ).toMatch(
			/Klarna can reach your shop's .* callbacks again/
		);
		expect( sent[ 1 ]?.message ).toMatch(
			/- Push \(\/wc-api\/KCO_WC_Push\/\): passes again since/
		);

		runRecurringCheck();
		expect( mails.all() ).toHaveLength( 2 );
	} );

	it( 'lets each user dismiss the notice for themselves with its link', async () => {
		const notice = await adminNotice( admin );
		expect( notice ).not.toBeNull();

		const response = await fetch(
			new URL( notice?.dismissUrl ?? '', BASE_URL ),
			{
				headers: {
					Cookie: admin.cookie,
					Referer: `${ BASE_URL }/wp-admin/profile.php`,
				},
				redirect: 'manual',
			}
		);
		expect( response.status ).toBe( 302 );
		expect( await adminNotice( admin ) ).toBeNull();
		expect( await adminNotice( shopManager ) ).not.toBeNull();
	} );

	it( 'refuses a dismiss link without a valid nonce', async () => {
		const notice = await adminNotice( shopManager );
		const forged = new URL( notice?.dismissUrl ?? '', BASE_URL );
		forged.searchParams.set( '_wpnonce', 'forged' );

		const response = await fetch( forged, {
			headers: { Cookie: shopManager.cookie },
			redirect: 'manual',
		} );
		expect( response.status ).toBe( 403 );
		expect( await adminNotice( shopManager ) ).not.toBeNull();
	} );

	it( 'sends no e-mail when the owner turned e-mail alerts off', async () => {
		wpEval(
			"KcoCallbackDoctor\\Settings::update( array( 'emailAlerts' => false ) );"
		);
		try {
			mails.clear();
			await withScenario( modSecurityUserAgentRule, async () => {
				expect( runRecurringCheck().overall ).toBe( 'critical' );
			} );
			expect( ( await adminNotice( admin ) )?.html ).toContain(
				'notice-error'
			);
			expect( mails.all() ).toEqual( [] );
		} finally {
			wpEval(
				"KcoCallbackDoctor\\Settings::update( array( 'emailAlerts' => true ) );"
			);
		}
	} );
} );

describe( 'a run in progress', () => {
	it( 'makes the scheduled check skip without an error, with a line in WooCommerce’s log', () => {
		const before = scheduledRuns().length;
		const logBefore = wooCommerceLog().length;
		dbQuery(
			"INSERT INTO wp_options (option_name, option_value, autoload) VALUES ('kco_callback_doctor_run_lock', CONCAT(UNIX_TIMESTAMP() + 600, ':another-run'), 'off')"
		);
		try {
			makeDue( RECURRING_HOOK );
			const due = actions( 'pending' ).find(
				( action ) => action.hook === RECURRING_HOOK
			);
			expect( runScheduledActions() ).toMatch(
				/Completed processing action/
			);
			expect(
				dbQuery(
					`SELECT status FROM wp_actionscheduler_actions WHERE action_id = ${ due?.id }`
				)
			).toEqual( [ 'complete' ] );
		} finally {
			dbQuery(
				"DELETE FROM wp_options WHERE option_name = 'kco_callback_doctor_run_lock' AND option_value LIKE '%:another-run'"
			);
		}
		expect( scheduledRuns() ).toHaveLength( before );
		expect( wooCommerceLog().slice( logBefore ).join( '\n' ) ).toMatch(
			/skipped: another run was in progress/
		);
	} );
} );

describe( 'deactivation', () => {
	it( 'cancels every scheduled action of the plugin; activation schedules the check again', () => {
		expect(
			actions( 'pending' ).map( ( action ) => action.hook )
		).toContain( RECURRING_HOOK );
		wpCli(
			'option',
			'update',
			'woocommerce_kco_settings',
			'{"enabled":"yes","testmode":"maybe"}',
			'--format=json'
		);
		expect(
			actions( 'pending' ).map( ( action ) => action.hook )
		).toContain( AFTER_CHANGE_HOOK );

		wpCli( 'plugin', 'deactivate', 'kco-callback-doctor' );
		try {
			expect( actions( 'pending' ) ).toEqual( [] );
		} finally {
			wpCli( 'plugin', 'activate', 'kco-callback-doctor' );
		}
		expect( actions( 'pending' ) ).toEqual( [
			expect.objectContaining( {
				hook: RECURRING_HOOK,
				args: '{"interval":"daily"}',
			} ),
		] );
	} );
} );

/**
 * `wp kco-doctor check|runs` with the real WP-CLI phar against the stack: the exit codes
 * monitoring tools read (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), with real faults switched on,
 * the status line, one JSON line per site, and the blocker the page last diagnosed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { Run } from '../../src/api/types';
import { modSecurityUserAgentRule, slowCallbacks } from '../e2e/support/faults';
import { withScenario } from '../e2e/support/scenarios';
import { logIn, USERS } from './support/session';
import { debugLog, PROJECT_DIR, recorder, wpEval } from './support/stack';

interface Cli {
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs WP-CLI like a monitoring agent does, keeping the exit code (wpCli() throws on non-zero).
 * @param args WP-CLI arguments after `kco-doctor`.
 */
function kcoDoctor( ...args: string[] ): Cli {
	const result = spawnSync(
		'bash',
		[ join( PROJECT_DIR, 'bin', 'wp.sh' ), 'kco-doctor', ...args ],
		{ cwd: PROJECT_DIR, encoding: 'utf8' }
	);
	return {
		status: result.status,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

interface CheckJson {
	site: string;
	status: string;
	exitCode: number;
	summary: string;
	run: { id: string; source: string };
	endpoints: Array< {
		id: string;
		state: string;
		used: boolean;
		httpStatus: number | null;
		blocker: { productName: string | null } | null;
		blockerDiagnosedAt?: string | null;
	} >;
}

function jsonOf( cli: Cli ): CheckJson {
	const lines = cli.stdout.split( '\n' ).filter( Boolean );
	expect( lines ).toHaveLength( 1 );
	return JSON.parse( lines[ 0 ] ?? '' ) as CheckJson;
}

beforeEach( () => {
	debugLog.clear();
	recorder.clear();
} );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
	// A check from the shell is as side-effect free as one from the page.
	expect( recorder.calls() ).toEqual( [] );
} );

describe( 'wp kco-doctor check', () => {
	it( 'exits 0 with OK when every callback gets through, and prints one JSON line', () => {
		const cli = kcoDoctor( 'check', '--endpoints=push', '--format=json' );
		const report = jsonOf( cli );

		expect( cli.status ).toBe( 0 );
		expect( report ).toMatchObject( {
			status: 'ok',
			exitCode: 0,
			run: { source: 'cli' },
			endpoints: [ { id: 'push', state: 'passed', httpStatus: 200 } ],
		} );
		expect( report.summary ).toMatch( /^KCO CALLBACKS OK - / );
		// The run is kept with the page's runs, marked as WP-CLI's.
		expect(
			JSON.parse(
				kcoDoctor( 'runs', 'get', report.run.id, '--format=json' )
					.stdout
			)
		).toMatchObject( { id: report.run.id, source: 'cli' } );
	} );

	it( 'exits 2 with CRITICAL and names the callback when a real firewall rule blocks Klarna, and the blocker once the page has diagnosed it', async () => {
		// No blocker remembered from an earlier test's diagnosis: this test shows it appear.
		wpEval( "delete_option( 'kco_callback_doctor_last_diagnosis' );" );
		await withScenario( modSecurityUserAgentRule, async () => {
			const first = kcoDoctor( 'check', '--endpoints=push' );
			expect( first.status ).toBe( 2 );
			expect( first.stdout.split( '\n' )[ 0 ] ).toMatch(
				/^KCO CALLBACKS CRITICAL - Push blocked \(406\)$/
			);

			// The page diagnoses that run and stores its digest.
			const runId = /Run ([0-9a-f-]{36})\./.exec( first.stdout )?.[ 1 ];
			const admin = await logIn( USERS.administrator );
			const stored = await admin.rest(
				`kco-callback-doctor/v1/runs/${ runId }/digest`,
				{
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify( {
						digest: [
							{
								findingId: 'endpoint:push',
								status: 'fail',
								causeId: 'blocked-by-product',
								productId: 'modsecurity',
								productName: 'ModSecurity',
							},
						],
					} ),
				}
			);
			expect( stored.status ).toBe( 200 );

			// A later check fails the same way: the last diagnosis names the blocker.
			const later = kcoDoctor(
				'check',
				'--endpoints=push',
				'--format=json'
			);
			const report = jsonOf( later );
			expect( later.status ).toBe( 2 );
			expect( report.summary ).toBe(
				'KCO CALLBACKS CRITICAL - Push blocked (406): ModSecurity'
			);
			expect( report.endpoints[ 0 ] ).toMatchObject( {
				state: 'blocked',
				httpStatus: 406,
				// No KCO on this site: every probed callback counts as used.
				used: true,
				blocker: { productName: 'ModSecurity' },
			} );
			expect(
				Date.parse( report.endpoints[ 0 ]?.blockerDiagnosedAt ?? '' )
			).not.toBeNaN();
		} );
	} );

	it( 'exits 1 with WARNING when a callback answers slower than Klarna waits', async () => {
		await withScenario( slowCallbacks( 3500 ), async () => {
			const cli = kcoDoctor(
				'check',
				'--endpoints=validation',
				'--format=json'
			);

			expect( cli.status ).toBe( 1 );
			expect( jsonOf( cli ) ).toMatchObject( {
				status: 'warning',
				endpoints: [ { id: 'validation', state: 'slow' } ],
			} );
		} );
	} );

	it( 'exits 3 with UNKNOWN while another run holds the lock', () => {
		wpEval(
			`global $wpdb; $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES ('kco_callback_doctor_run_lock', %s, 'off')", ( time() + 60 ) . ':held-by-test' ) );`
		);
		try {
			const cli = kcoDoctor( 'check' );

			expect( cli.status ).toBe( 3 );
			expect( cli.stdout ).toMatch(
				/^KCO CALLBACKS UNKNOWN - Another Callback Doctor run is in progress/
			);
		} finally {
			wpEval(
				`global $wpdb; $wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name = 'kco_callback_doctor_run_lock' AND option_value LIKE '%:held-by-test'" );`
			);
		}
	} );

	it.each( [
		[ 'an unknown endpoint', [ '--endpoints=push,refund' ], /refund/ ],
		[ 'an empty endpoint list', [ '--endpoints=' ], /at least one/ ],
		[ 'an unknown format', [ '--format=xml' ], /xml/ ],
		[ 'an unknown option', [ '--endpoint=push' ], /--endpoint\b/ ],
	] )( 'exits 3 with UNKNOWN for %s', ( _name, args, detail ) => {
		const cli = kcoDoctor( 'check', ...args );

		expect( cli.status ).toBe( 3 );
		expect( cli.stdout ).toMatch( /^KCO CALLBACKS UNKNOWN - / );
		expect( cli.stderr ).toMatch( detail );
	} );

	it( 'answers bad arguments in JSON too when JSON was asked for', () => {
		const cli = kcoDoctor( 'check', '--endpoints=refund', '--format=json' );

		expect( cli.status ).toBe( 3 );
		expect( jsonOf( cli ) ).toMatchObject( {
			status: 'unknown',
			exitCode: 3,
			error: { code: 'kco_callback_doctor_invalid_endpoints' },
		} );
	} );
} );

describe( 'wp kco-doctor runs', () => {
	it( 'lists the kept runs with their source and verdict, and shows one', () => {
		const check = jsonOf(
			kcoDoctor( 'check', '--endpoints=push', '--format=json' )
		);
		const list = kcoDoctor( 'runs', 'list', '--format=json' );
		const runs = JSON.parse( list.stdout ) as Array< {
			id: string;
			source: string;
			overall: string;
			callbacks: string;
		} >;

		expect( list.status ).toBe( 0 );
		expect( runs[ 0 ] ).toEqual(
			expect.objectContaining( {
				id: check.run.id,
				source: 'cli',
				overall: 'ok',
				callbacks: 'push:passed',
			} )
		);

		const shown = kcoDoctor( 'runs', 'get', check.run.id );
		expect( shown.status ).toBe( 0 );
		expect( shown.stdout.split( '\n' )[ 0 ] ).toMatch(
			/^KCO CALLBACKS OK - /
		);
		const run = JSON.parse(
			kcoDoctor( 'runs', 'get', check.run.id, '--format=json' ).stdout
		) as Run;
		expect( run.observations.length ).toBeGreaterThanOrEqual( 2 );
	} );

	it( 'says so when a run is not kept', () => {
		const cli = kcoDoctor(
			'runs',
			'get',
			'0f8c7a52-3d1e-4b6a-9c2f-7e5d4a3b2c1d'
		);

		expect( cli.status ).toBe( 1 );
		expect( cli.stderr ).toMatch( /No run with this id is kept/ );
	} );
} );

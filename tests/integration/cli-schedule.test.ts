/**
 * `wp kco-doctor schedule` with the real WP-CLI against the stack: it shows the interval, the
 * next check and the last scheduled check's verdict, and changes the interval.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { RECURRING_HOOK, actions } from './support/schedule';
import { PROJECT_DIR, wpCli, wpEval } from './support/stack';

jest.setTimeout( 300_000 );

interface ScheduleJson {
	interval: string;
	emailAlerts: boolean;
	schedulerAvailable: boolean;
	nextCheckAt: string | null;
	lastScheduledCheck: {
		id: string;
		overall: string;
		endpoints: Array< { id: string; state: string } >;
	} | null;
}

function schedule( ...args: string[] ): ScheduleJson {
	return JSON.parse(
		wpCli( 'kco-doctor', 'schedule', '--format=json', ...args )
			.split( '\n' )
			.filter( ( line ) => line.startsWith( '{' ) )
			.join( '' )
	) as ScheduleJson;
}

afterAll( () => {
	// The test stack runs no checks by itself (bin/wp-setup.sh).
	wpCli( 'kco-doctor', 'schedule', '--interval=off' );
} );

it( 'changes the interval and shows when the next check runs', () => {
	const changedFrom = Date.now();
	const hourly = schedule( '--interval=hourly' );
	const changedUntil = Date.now();

	expect( hourly ).toMatchObject( {
		interval: 'hourly',
		schedulerAvailable: true,
	} );
	// An hour after the change, whenever during the command that was (to the second), however
	// long the command took.
	const nextCheckAt = new Date( hourly.nextCheckAt ?? '' ).getTime();
	expect( nextCheckAt ).toBeGreaterThanOrEqual(
		changedFrom - 1000 + 3600_000
	);
	expect( nextCheckAt ).toBeLessThanOrEqual( changedUntil + 1000 + 3600_000 );
	expect(
		actions( 'pending' ).filter(
			( action ) => action.hook === RECURRING_HOOK
		)
	).toEqual( [
		expect.objectContaining( { args: '{"interval":"hourly"}' } ),
	] );

	expect( schedule( '--interval=off' ) ).toMatchObject( {
		interval: 'off',
		nextCheckAt: null,
	} );
	expect( actions( 'pending' ) ).toEqual( [] );
} );

it( "shows the last scheduled check's verdict per callback", () => {
	// A scheduled run as Action Scheduler would store it, without waiting for one.
	const runId = wpEval(
		"$run = KcoCallbackDoctor\\Doctor::run( KcoCallbackDoctor\\Doctor::SOURCE_SCHEDULE, array( 'push' ) ); echo is_wp_error( $run ) ? $run->get_error_message() : $run['id'];"
	).trim();
	expect( runId ).toMatch( /^[0-9a-f-]{36}$/ );

	const shown = schedule();
	expect( shown.lastScheduledCheck ).toMatchObject( {
		id: runId,
		overall: 'ok',
		endpoints: [ { id: 'push', state: 'passed' } ],
	} );

	const table = wpCli( 'kco-doctor', 'schedule' );
	expect( table ).toMatch( /Last scheduled check\s+\S+ OK/ );
	expect( table ).toMatch( /push\s+passed \(HTTP 200\)/ );
} );

it( 'refuses an unknown interval with an error and a non-zero exit, changing nothing', () => {
	const before = schedule().interval;
	const result = spawnSync(
		'bash',
		[
			join( PROJECT_DIR, 'bin', 'wp.sh' ),
			'kco-doctor',
			'schedule',
			'--interval=weekly',
		],
		{ cwd: PROJECT_DIR, encoding: 'utf8' }
	);

	expect( result.status ).not.toBe( 0 );
	expect( result.stderr ).toMatch( /off, daily, hourly/ );
	expect( schedule().interval ).toBe( before );
} );

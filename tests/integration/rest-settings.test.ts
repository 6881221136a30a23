/**
 * GET and POST /settings: only those who may run the doctor read or change the settings, a bad
 * value is refused with a 400 that names it, and the recurring check in Action Scheduler
 * follows what was saved.
 */
import { RECURRING_HOOK, actions } from './support/schedule';
import { logIn, restUrl, USERS, type Session } from './support/session';
import { dbQuery, debugLog, wpCli } from './support/stack';

jest.setTimeout( 300_000 );

let admin: Session;
let shopManager: Session;
let subscriber: Session;

interface SettingsAnswer {
	schedule: string;
	emailAlerts: boolean;
	schedulerAvailable: boolean;
	nextCheckAt: string | null;
}

interface RestError {
	code: string;
	message: string;
	data: { status: number; params?: Record< string, string > };
}

function post( body: string, session: Session = admin ): Promise< Response > {
	return session.rest( 'kco-callback-doctor/v1/settings', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body,
	} );
}

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	shopManager = await logIn( USERS.shopManager );
	subscriber = await logIn( USERS.subscriber );
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

afterAll( () => {
	// The test stack runs no checks by itself (bin/wp-setup.sh).
	wpCli( 'kco-doctor', 'schedule', '--interval=off' );
} );

it( 'lets a shop manager read the settings, with whether and when checks run', async () => {
	const response = await shopManager.rest(
		'kco-callback-doctor/v1/settings'
	);

	expect( response.status ).toBe( 200 );
	expect( ( await response.json() ) as SettingsAnswer ).toMatchObject( {
		schedule: expect.stringMatching( /^(off|daily|hourly)$/ ),
		emailAlerts: expect.any( Boolean ),
		schedulerAvailable: true,
	} );
} );

it( 'changes the schedule, keeps the other setting, and moves the recurring check', async () => {
	expect(
		( await post( JSON.stringify( { emailAlerts: false } ) ) ).status
	).toBe( 200 );
	const postedFrom = Date.now();
	const response = await post( JSON.stringify( { schedule: 'hourly' } ) );
	const postedUntil = Date.now();
	const answer = ( await response.json() ) as SettingsAnswer;

	expect( response.status ).toBe( 200 );
	expect( answer ).toMatchObject( {
		schedule: 'hourly',
		emailAlerts: false,
	} );
	// An hour after the change was saved, whenever during the request that was (to the second).
	const nextCheckAt = new Date( answer.nextCheckAt ?? '' ).getTime();
	expect( nextCheckAt ).toBeGreaterThanOrEqual(
		postedFrom - 1000 + 3600_000
	);
	expect( nextCheckAt ).toBeLessThanOrEqual( postedUntil + 1000 + 3600_000 );
	expect(
		actions( 'pending' ).filter(
			( action ) => action.hook === RECURRING_HOOK
		)
	).toEqual( [
		expect.objectContaining( { args: '{"interval":"hourly"}' } ),
	] );

	// And off: nothing left in the queue, no autoloaded option.
	const off = ( await (
		await post( JSON.stringify( { schedule: 'off', emailAlerts: true } ) )
	).json() ) as SettingsAnswer;
	expect( off ).toMatchObject( {
		schedule: 'off',
		emailAlerts: true,
		nextCheckAt: null,
	} );
	expect( actions( 'pending' ) ).toEqual( [] );
	expect(
		dbQuery(
			"SELECT autoload FROM wp_options WHERE option_name = 'kco_callback_doctor_settings'"
		)
	).toEqual( [ expect.stringMatching( /^(off|no)$/ ) ] );
} );

describe( 'bad input', () => {
	it.each( [
		[
			'an unknown schedule',
			{ schedule: 'weekly' },
			'rest_invalid_param',
			/schedule/,
		],
		[
			'a string for the e-mail switch',
			{ emailAlerts: 'yes' },
			'rest_invalid_param',
			/emailAlerts/,
		],
		[
			'a number for the e-mail switch',
			{ emailAlerts: 1 },
			'rest_invalid_param',
			/emailAlerts/,
		],
		[
			'an unknown setting',
			{ interval: 'daily' },
			'kco_callback_doctor_invalid_settings',
			/Unknown setting\(s\): interval/,
		],
		[
			'a list instead of an object',
			[ 'daily' ],
			'kco_callback_doctor_invalid_settings',
			/Unknown setting\(s\): 0/,
		],
		[
			'a bare string',
			'daily',
			'kco_callback_doctor_invalid_body',
			/must be a JSON object/,
		],
		[
			'a bare number',
			5,
			'kco_callback_doctor_invalid_body',
			/must be a JSON object/,
		],
	] )(
		'refuses %s with 400 and changes nothing',
		async ( _name, body, code, message ) => {
			const before = await (
				await admin.rest( 'kco-callback-doctor/v1/settings' )
			).text();

			const response = await post( JSON.stringify( body ) );
			const error = ( await response.json() ) as RestError;

			expect( response.status ).toBe( 400 );
			expect( error.code ).toBe( code );
			expect(
				`${ error.message } ${ JSON.stringify( error.data ) }`
			).toMatch( message );
			expect(
				await (
					await admin.rest( 'kco-callback-doctor/v1/settings' )
				).text()
			).toBe( before );
		}
	);

	it( 'refuses a body that is not JSON with 400', async () => {
		const response = await post( '{"schedule": ' );

		expect( response.status ).toBe( 400 );
		expect( ( ( await response.json() ) as RestError ).code ).toBe(
			'rest_invalid_json'
		);
	} );
} );

describe( 'permissions', () => {
	it( 'refuses a subscriber with 403, reading and writing', async () => {
		expect(
			( await subscriber.rest( 'kco-callback-doctor/v1/settings' ) )
				.status
		).toBe( 403 );
		expect(
			(
				await post(
					JSON.stringify( { schedule: 'hourly' } ),
					subscriber
				)
			).status
		).toBe( 403 );
	} );

	it( 'refuses a visitor without a login with 401', async () => {
		const response = await fetch(
			restUrl( 'kco-callback-doctor/v1/settings' ),
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify( { schedule: 'off' } ),
			}
		);

		expect( response.status ).toBe( 401 );
	} );

	it( 'refuses a logged-in request without the REST nonce', async () => {
		const response = await fetch(
			restUrl( 'kco-callback-doctor/v1/settings' ),
			{
				headers: { Cookie: admin.cookie },
			}
		);

		expect( response.status ).toBe( 401 );
	} );
} );

/**
 * An internal error in a REST callback answers with a generic message and a 500, and only the
 * server's error log gets the detail: no message, path, SQL or stack trace reaches the client.
 */
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { debugLog } from './support/stack';

/** What the forced exceptions carry: an SQL error and a server path, never for the client. */
const DETAIL =
	"SQLSTATE[42S02]: Table 'wp_secret.kco_probe' doesn't exist in /srv/www/secret-path/wp-content/db.php";

/**
 * A must-use plugin that makes a filter throw once, when the plugin's own code applies it while
 * WordPress dispatches the given REST route: WordPress's and WooCommerce's own reads of the same
 * filter, logging in and fetching the nonce keep working.
 * @param name   Scenario name.
 * @param route  Part of the REST route the throw is limited to.
 * @param filter The filter that throws.
 */
function throwingFilter( name: string, route: string, filter: string ) {
	return muPlugin(
		name,
		`if ( false !== strpos( (string) ( $_SERVER['REQUEST_URI'] ?? '' ), ${ JSON.stringify(
			route
		) } ) ) {
	add_filter( 'rest_pre_dispatch', static function ( $result ) {
		add_filter( ${ JSON.stringify( filter ) }, static function ( $value ) {
			static $thrown = false;
			$by_plugin = false;
			foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
				$by_plugin = $by_plugin || 0 === strpos( $frame['class'] ?? '', 'KcoCallbackDoctor\\\\' );
			}
			if ( $thrown || ! $by_plugin ) {
				return $value;
			}
			$thrown = true;
			throw new RuntimeException( ${ JSON.stringify( DETAIL ) } );
		} );
		return $result;
	} );
}`
	);
}

let admin: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
} );

beforeEach( () => debugLog.clear() );

interface RestError {
	code: string;
	message: string;
	data: Record< string, unknown >;
}

const cases = [
	{
		callback: 'POST /runs (the runner’s probe timeout filter throws)',
		route: 'kco-callback-doctor/v1/runs',
		filter: 'kco_callback_doctor_probe_timeout',
		init: {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoints: [ 'push' ] } ),
		},
	},
	{
		callback:
			'POST /runs (the run deadline filter throws before the run starts)',
		route: 'kco-callback-doctor/v1/runs',
		filter: 'kco_callback_doctor_run_deadline',
		init: {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoints: [ 'push' ] } ),
		},
	},
	{
		callback: 'POST /external-probes (the TTL filter throws)',
		route: 'kco-callback-doctor/v1/external-probes',
		filter: 'kco_callback_doctor_external_probe_ttl',
		init: {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoint: 'push' } ),
		},
	},
	{
		callback: 'GET /traffic (the stuck-order threshold filter throws)',
		route: 'kco-callback-doctor/v1/traffic',
		filter: 'kco_callback_doctor_stuck_order_minutes',
		init: {},
	},
	{
		callback: 'GET /environment (reading an option throws)',
		route: 'kco-callback-doctor/v1/environment',
		filter: 'pre_option_permalink_structure',
		init: {},
	},
];

describe.each( cases )( '$callback', ( { route, filter, init } ) => {
	it( 'answers 500 with a generic message and logs the detail on the server', async () => {
		await withScenario(
			throwingFilter( 'internal-error', route, filter ),
			async () => {
				const response = await admin.rest( route, init );
				const text = await response.text();
				const error = JSON.parse( text ) as RestError;

				expect( response.status ).toBe( 500 );
				expect( error.code ).toBe(
					'kco_callback_doctor_internal_error'
				);
				expect( error.message ).toMatch( /internal error/i );
				expect( error.data ).toEqual( { status: 500 } );
				for ( const secret of [
					'SQLSTATE',
					'wp_secret',
					'/srv/www',
					'RuntimeException',
					'.php',
					'#0 ',
				] ) {
					expect( text ).not.toContain( secret );
				}

				const logged = debugLog
					.lines()
					.filter( ( line ) => line.includes( 'Callback Doctor' ) );
				expect( logged ).toHaveLength( 1 );
				expect( logged[ 0 ] ).toContain( 'RuntimeException' );
				expect( logged[ 0 ] ).toContain( DETAIL );
				expect(
					debugLog
						.lines()
						.filter( ( line ) =>
							/PHP (Fatal|Warning)/.test( line )
						)
				).toEqual( [] );
			}
		);
	} );
} );

it( 'a run that failed does not keep the run lock: the next run goes ahead', async () => {
	await withScenario(
		throwingFilter(
			'internal-error-lock',
			'kco-callback-doctor/v1/runs',
			'kco_callback_doctor_probe_timeout'
		),
		async () => {
			const failed = await admin.rest( 'kco-callback-doctor/v1/runs', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify( { endpoints: [ 'push' ] } ),
			} );
			expect( failed.status ).toBe( 500 );
		}
	);
	const next = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( { endpoints: [ 'push' ] } ),
	} );
	expect( next.status ).toBe( 200 );
} );

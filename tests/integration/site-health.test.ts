/**
 * The Site Health test "Klarna can reach your shop's callbacks" and the Info tab's section,
 * against the real WordPress: the direct test WordPress's weekly check calls (through WP-CLI),
 * the REST route the Site Health screen calls, with a real ModSecurity rule in Apache and without.
 */
import { modSecurityUserAgentRule } from '../e2e/support/faults';
import { combined, muPlugin, withScenario } from '../e2e/support/scenarios';
import { phpValue } from './support/php';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, recorder, STACK_DIR, wpCli } from './support/stack';
import { warmUp } from './support/warm-up';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface SiteHealthResult {
	label: string;
	status: 'good' | 'recommended' | 'critical';
	badge: { label: string; color: string };
	description: string;
	actions: string;
	test: string;
}

interface RegisteredTest {
	label: string;
	test: string;
	has_rest: boolean;
	direct_is_callable: boolean;
	skip_cron: boolean;
}

interface DebugField {
	label: string;
	value: string;
	debug?: string;
	private?: boolean;
}

const TEST_KEY = 'kco_callback_doctor_callbacks';
const LOAD_SITE_HEALTH = `require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';`;
const PAGE_QUERY = 'page=kco-callback-doctor';

/** Site Health judges a recent run again; this makes every test probe now instead. */
const probesNow = muPlugin(
	'site-health-probes-now',
	`add_filter( 'kco_callback_doctor_site_health_max_age', '__return_zero' );`
);

/** Records what WordPress's weekly Site Health check got from the test. */
const WEEKLY_RESULTS = join( STACK_DIR, 'run', 'site-health-weekly.jsonl' );
const weeklyRecorder = muPlugin(
	'site-health-weekly-recorder',
	`add_filter( 'site_status_test_result', static function ( $result ) {
	if ( wp_doing_cron() || ( defined( 'WP_CLI' ) && WP_CLI ) ) {
		if ( is_array( $result ) && '${ TEST_KEY }' === ( $result['test'] ?? '' ) ) {
			file_put_contents( ${ JSON.stringify( WEEKLY_RESULTS ) }, wp_json_encode( $result ) . "\\n", FILE_APPEND );
		}
	}
	return $result;
} );`
);

function registeredTest(): RegisteredTest {
	return phpValue< RegisteredTest >(
		`array( 'label' => $t['label'], 'test' => $t['test'], 'has_rest' => $t['has_rest'], 'direct_is_callable' => is_callable( $t['async_direct_test'] ), 'skip_cron' => ! empty( $t['skip_cron'] ) )`,
		`${ LOAD_SITE_HEALTH } $t = WP_Site_Health::get_tests()['async']['${ TEST_KEY }'];`
	);
}

/** The direct test, called as WordPress's weekly check calls it. */
function directTest(): SiteHealthResult {
	return phpValue< SiteHealthResult >(
		`call_user_func( WP_Site_Health::get_tests()['async']['${ TEST_KEY }']['async_direct_test'] )`,
		LOAD_SITE_HEALTH
	);
}

/**
 * The test's REST route, called as the Site Health screen calls it.
 * @param session Logged-in session.
 */
async function restTest( session: Session ): Promise< Response > {
	const url = new URL( testUrl );
	url.searchParams.set( '_locale', 'user' );
	return fetch( url, {
		headers: { Cookie: session.cookie, 'X-WP-Nonce': session.nonce },
	} );
}

function newestRunId(): string | null {
	return phpValue< string | null >(
		`null === $r ? null : $r['id']`,
		`$r = KcoCallbackDoctor\\RunHistory::latest();`
	);
}

let admin: Session;
/** The REST URL WordPress registered for the test (its `test` field). */
let testUrl: string;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	testUrl = registeredTest().test;
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	// The stack is offline: WordPress's own calls to WordPress.org warn; nothing else may.
	expect(
		debugLog
			.phpProblems()
			.filter( ( line ) => ! /WordPress\.org/.test( line ) )
			.filter(
				( line ) => ! /_load_textdomain_just_in_time/.test( line )
			)
	).toEqual( [] );
} );

describe( 'the test as WordPress registers it', () => {
	it( 'is asynchronous, with a REST route for the screen and a direct callable for the weekly check', () => {
		const test = registeredTest();

		expect( test.label ).toMatch( /Klarna can reach your shop/ );
		expect( test.has_rest ).toBe( true );
		expect( test.test ).toMatch(
			/\/wp-json\/kco-callback-doctor\/v1\/site-health\/callbacks$/
		);
		expect( test.direct_is_callable ).toBe( true );
		expect( test.skip_cron ).toBe( false );
	} );
} );

describe( 'with ModSecurity refusing Klarna’s User-Agent', () => {
	beforeAll( async () => {
		modSecurityUserAgentRule.apply();
		await warmUp();
	} );
	afterAll( async () => {
		modSecurityUserAgentRule.revert();
		await warmUp();
	} );

	it( 'the direct test reports critical, naming the callback and what answered', async () => {
		recorder.clear();
		const result = await withScenario( probesNow, async () =>
			directTest()
		);

		expect( result.status ).toBe( 'critical' );
		expect( result.label ).toMatch( /cannot reach/ );
		expect( result.label ).toContain( 'Push' );
		expect( result.description ).toContain( '/wc-api/KCO_WC_Push/' );
		expect( result.description ).toContain( '406' );
		expect( result.actions ).toContain( PAGE_QUERY );
		expect( result.test ).toBe( TEST_KEY );
		// The run sent Klarna-shaped probes, and none of them reached a KCO handler.
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'the REST route reports critical to an administrator', async () => {
		const response = await withScenario( probesNow, () =>
			restTest( admin )
		);
		const result = ( await response.json() ) as SiteHealthResult;

		expect( response.status ).toBe( 200 );
		expect( result.status ).toBe( 'critical' );
		expect( result.label ).toContain( 'Push' );
		expect( result.description ).toContain( '406' );
	} );

	it( 'WordPress’s weekly Site Health check runs it without a browser and gets critical', async () => {
		rmSync( WEEKLY_RESULTS, { force: true } );
		const before = newestRunId();

		await withScenario(
			combined( 'site-health-weekly', [ weeklyRecorder, probesNow ] ),
			async () =>
				wpCli(
					'cron',
					'event',
					'run',
					'wp_site_health_scheduled_check'
				)
		);

		expect( existsSync( WEEKLY_RESULTS ) ).toBe( true );
		const results = readFileSync( WEEKLY_RESULTS, 'utf8' )
			.split( '\n' )
			.filter( Boolean )
			.map( ( line ) => JSON.parse( line ) as SiteHealthResult );
		expect( results.map( ( result ) => result.status ) ).toEqual( [
			'critical',
		] );
		expect( newestRunId() ).not.toBe( before );
		rmSync( WEEKLY_RESULTS, { force: true } );
	}, 180_000 );

	it( 'names the blocker the doctor’s page diagnosed for the run it judges', async () => {
		await withScenario( probesNow, async () => directTest() );
		phpValue(
			`KcoCallbackDoctor\\RunHistory::attach_digest( $run['id'], array( array( 'findingId' => 'endpoint:push', 'status' => 'fail', 'causeId' => 'waf-user-agent', 'productId' => 'modsecurity', 'productName' => 'ModSecurity' ) ) ) !== null`,
			`$run = KcoCallbackDoctor\\Report\\CallbackReport::newest_complete_run();`
		);

		// Within the hour the same run is judged again, now with its digest.
		const result = directTest();

		expect( result.status ).toBe( 'critical' );
		expect( result.description ).toContain( 'ModSecurity' );
	} );

	it( 'the Info tab states each callback and keeps the site’s address private', () => {
		const fields = phpValue< Record< string, DebugField > >(
			`WP_Debug_Data::debug_data()['kco-callback-doctor']['fields']`,
			`require_once ABSPATH . 'wp-admin/includes/class-wp-debug-data.php'; require_once ABSPATH . 'wp-admin/includes/update.php'; require_once ABSPATH . 'wp-admin/includes/misc.php';`
		);

		expect( fields.result?.debug ).toBe( 'critical' );
		expect( fields.callback_push?.debug ).toMatch( /blocked/ );
		expect( fields.callback_push?.debug ).toMatch( /406/ );
		expect( fields.callback_push?.value ).toContain( 'ModSecurity' );
		expect( fields.last_check?.debug ).toMatch( /schedule/ );
		expect( fields.home_url?.private ).toBe( true );
		expect( fields.home_url?.value ).toMatch( /^http:\/\/127\.0\.0\.1:/ );
	} );
} );

describe( 'with no fault', () => {
	it( 'the direct test reports good', async () => {
		const result = await withScenario( probesNow, async () =>
			directTest()
		);

		expect( result.status ).toBe( 'good' );
		expect( result.label ).toMatch( /Klarna can reach your shop/ );
		expect( result.description ).toContain( 'Push' );
	} );

	it( 'the REST route reports good', async () => {
		const response = await withScenario( probesNow, () =>
			restTest( admin )
		);
		const result = ( await response.json() ) as SiteHealthResult;

		expect( response.status ).toBe( 200 );
		expect( result.status ).toBe( 'good' );
	} );
} );

describe( 'probing only when needed', () => {
	it( 'judges a complete run younger than an hour again instead of probing', async () => {
		directTest();
		const judged = newestRunId();

		const again = directTest();
		const response = await restTest( admin );

		expect( again.status ).toBe( 'good' );
		expect( response.status ).toBe( 200 );
		expect( newestRunId() ).toBe( judged );
	} );

	it( 'probes now, as an automatic run, when the newest complete run is too old', async () => {
		const before = newestRunId();

		await withScenario( probesNow, async () => directTest() );

		const after = phpValue< { id: string; source: string } >(
			`array( 'id' => $r['id'], 'source' => $r['source'] )`,
			`$r = KcoCallbackDoctor\\RunHistory::latest();`
		);
		expect( after.id ).not.toBe( before );
		expect( after.source ).toBe( 'schedule' );
	} );
} );

describe( 'who may call the REST route', () => {
	it.each( [
		[ 'a shop manager', USERS.shopManager ],
		[ 'a subscriber', USERS.subscriber ],
	] )( 'refuses %s with 403', async ( _who, credentials ) => {
		const response = await restTest( await logIn( credentials ) );

		expect( response.status ).toBe( 403 );
	} );

	it( 'refuses an anonymous request with 401', async () => {
		const response = await fetch( testUrl );

		expect( response.status ).toBe( 401 );
	} );
} );

/**
 * What a run keeps of the answers it got: no cookie value and no probe token reaches storage or
 * the browser, and a run that would be too big to store is trimmed, and says so, instead of
 * being lost.
 */
import type { Run } from '../../src/api/types';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, USERS, type Session } from './support/session';
import { debugLog, wpEval } from './support/stack';

/** Any probe token (includes/Probe/Token.php), in any text. */
const TOKEN = /[12]\.[0-9a-f]{32}\.[a-z-]{1,32}\.[0-9]{10}\.[0-9a-f]{64}/;
const COOKIE_SECRET = 'SECRET-COOKIE-VALUE-4711';
const MAX_STORED_BYTES = 256 * 1024;

/*
 * A firewall that blocks every probe on KCO's callback paths with a page as hostile as real ones
 * get: it sets a session cookie, reflects the request's probe token in a header and in its body,
 * and sends 8 KB of headers and body, on each of the thirty-odd probes of a run where everything
 * is blocked. The doctor's canary addresses pass, so the Klarna-shaped probes follow them.
 */
const reflectingFirewall = muPlugin(
	'reflecting-firewall',
	`if ( isset( $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'] ) && false === strpos( $_SERVER['REQUEST_URI'] ?? '', 'kco-callback-doctor' ) ) {
	$token = (string) $_SERVER['HTTP_X_KCO_DOCTOR_PROBE'];
	http_response_code( 403 );
	header( 'Set-Cookie: waf_session=${ COOKIE_SECRET }; Path=/; HttpOnly' );
	header( 'X-Kco-Doctor-Probe: ' . $token );
	for ( $i = 0; $i < 7; $i++ ) {
		header( 'X-Waf-Detail-' . $i . ': ' . str_repeat( 'd', 1100 ) );
	}
	echo 'Blocked by the test firewall. Your request carried X-KCO-Doctor-Probe: ' . $token . "\\n" . str_repeat( 'blocked ', 1200 );
	exit;
}`
);

let admin: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

async function postRun( endpoints?: string[] ): Promise< Run > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( endpoints ? { endpoints } : {} ),
	} );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as Run;
}

async function getRun( id: string ): Promise< { text: string; run: Run } > {
	const response = await admin.rest( `kco-callback-doctor/v1/runs/${ id }` );
	expect( response.status ).toBe( 200 );
	const text = await response.text();
	return { text, run: JSON.parse( text ) as Run };
}

/**
 * The text around the first match, or null: a failure shows where a secret leaked, not 500 KB.
 * @param text    Text searched.
 * @param pattern What must not be there.
 */
function leak( text: string, pattern: RegExp ): string | null {
	const match = pattern.exec( text );
	return match
		? text.slice( Math.max( 0, match.index - 80 ), match.index + 120 )
		: null;
}

/**
 * The stored option's bytes, as the database holds them.
 * @param id Run id.
 */
function storedRun( id: string ): string {
	return wpEval(
		`global $wpdb; echo $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", 'kco_callback_doctor_run_' . ${ JSON.stringify(
			id
		) } ) );`
	);
}

describe( 'a run against a firewall that reflects secrets and sends huge answers', () => {
	it( 'stores and returns no cookie value and no probe token', async () => {
		await withScenario( reflectingFirewall, async () => {
			const posted = await postRun( [ 'push' ] );
			const { text } = await getRun( posted.id );

			for ( const seen of [
				JSON.stringify( posted ),
				text,
				storedRun( posted.id ),
			] ) {
				expect( leak( seen, new RegExp( COOKIE_SECRET ) ) ).toBeNull();
				expect( leak( seen, TOKEN ) ).toBeNull();
			}
			const blocked = posted.observations.find(
				( observation ) => observation.variant === 'klarna'
			);
			expect( blocked?.response?.status ).toBe( 403 );
			expect( blocked?.response?.headers[ 'set-cookie' ] ).toMatch(
				/^waf_session=\[redacted\]; Path=\/; HttpOnly$/
			);
			expect( blocked?.response?.headers[ 'x-kco-doctor-probe' ] ).toBe(
				'[redacted]'
			);
			expect( blocked?.response?.body ).toMatch(
				/^Blocked by the test firewall\. Your request carried X-KCO-Doctor-Probe: \[redacted\]/
			);
		} );
	} );

	it( 'is trimmed to fit the store, keeps every observation and says it was trimmed', async () => {
		await withScenario( reflectingFirewall, async () => {
			const posted = await postRun();
			const { run } = await getRun( posted.id );
			const stored = storedRun( posted.id );

			expect( Buffer.byteLength( stored ) ).toBeLessThanOrEqual(
				MAX_STORED_BYTES
			);
			expect( posted.trimmed ).toBe( true );
			expect( run.trimmed ).toBe( true );
			expect( run.observations ).toHaveLength(
				posted.observations.length
			);
			// Every Klarna-shaped probe was blocked; those keep their evidence, and isolation
			// variants gave theirs up first.
			const klarna = run.observations.filter( ( observation ) =>
				[ 'klarna', 'klarna-session' ].includes( observation.variant )
			);
			const variants = run.observations.filter(
				( observation ) => ! klarna.includes( observation )
			);
			expect( variants.length ).toBeGreaterThan( 10 );
			expect(
				klarna.every( ( observation ) =>
					observation.response?.body.startsWith(
						'Blocked by the test firewall'
					)
				)
			).toBe( true );
			const emptied = variants.filter(
				( observation ) =>
					observation.response?.body === '' &&
					observation.response.bodyTruncated
			);
			expect( emptied.length ).toBeGreaterThan( 0 );
		} );
	} );
} );

it( 'an ordinary run is stored whole and says it was not trimmed', async () => {
	const posted = await postRun( [ 'push' ] );
	const { run } = await getRun( posted.id );

	expect( posted.trimmed ).toBe( false );
	expect( run.trimmed ).toBe( false );
	expect(
		run.observations.every( ( observation ) => observation.echo )
	).toBe( true );
} );

/**
 * Proof suite, part 2: causes that live in the web server in front of WordPress — real
 * ModSecurity rules in the real Apache, a rewrite to https, HTTP Basic auth — diagnosed in the
 * browser as the owner sees them.
 */
import { USERS } from '../integration/support/session';
import {
	BASIC_AUTH,
	basicAuth,
	httpsRedirect,
	modSecuritySessionRule,
	modSecurityUserAgentRule,
} from './support/faults';
import { withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	cardText,
	adminSession,
	runChecks,
	statusOf,
} from './support/proof';

const admin = adminSession();

it( 'isolates ModSecurity’s session-id-without-Referer rule on the old push shape', async () => {
	await withScenario( modSecuritySessionRule, async () => {
		const run = await runChecks( admin.page );

		// The rule really fired on the probe that carries kco_session_id, and only there.
		const sessionProbe = run.observations.find(
			( observation ) =>
				observation.endpoint === 'push' &&
				observation.variant === 'klarna-session'
		);
		expect( sessionProbe?.response?.status ).toBe( 403 );
		expect( await statusOf( admin.page, 'endpoint:push' ) ).not.toBe(
			'pass'
		);
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /session/i );
		expect( text ).toMatch( /Referer/ );
		expect( text ).toMatch( /211180/ );
		expect( text ).toMatch( /ModSecurity/ );
	} );
} );

it( 'isolates a rule against Klarna’s User-Agent (406) as the trigger', async () => {
	await withScenario( modSecurityUserAgentRule, async () => {
		await runChecks( admin.page );

		for ( const endpoint of ENDPOINTS ) {
			expect(
				await statusOf( admin.page, `endpoint:${ endpoint }` )
			).toBe( 'fail' );
		}
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toContain( '406' );
		expect( text ).toMatch( /User-Agent/ );
		expect( text ).toContain( 'APIs-Klarna' );
	} );
} );

it( 'names an http to https redirect on the callback path and the POST that becomes a GET', async () => {
	await withScenario( httpsRedirect, async () => {
		await runChecks( admin.page );

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /https/ );
		expect( text ).toContain( '301' );
		expect( text ).toMatch( /GET/ );
	} );
} );

it( 'names staging protection when HTTP Basic auth guards the whole site', async () => {
	// The owner passes the password prompt; Klarna cannot, and the doctor must not either.
	const staged = await admin.browser.newContext( {
		httpCredentials: BASIC_AUTH,
		viewport: { width: 1280, height: 900 },
	} );
	try {
		await withScenario( basicAuth, async () => {
			const stagedPage = await staged.newPage();
			await stagedPage.goto(
				`${ admin.page.url().split( '/wp-admin' )[ 0 ] }/wp-login.php`
			);
			await stagedPage.fill( '#user_login', USERS.administrator.user );
			await stagedPage.fill( '#user_pass', USERS.administrator.password );
			await Promise.all( [
				stagedPage.waitForURL( /wp-admin/ ),
				stagedPage.click( '#wp-submit' ),
			] );
			await runChecks( stagedPage );

			expect( await statusOf( stagedPage, 'endpoint:push' ) ).toBe(
				'fail'
			);
			const text = await cardText( stagedPage, 'endpoint:push' );
			expect( text ).toContain( '401' );
			expect( text ).toMatch( /password|staging/i );
		} );
	} finally {
		await staged.close();
	}
} );

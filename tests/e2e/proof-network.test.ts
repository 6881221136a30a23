/**
 * Proof suite, part 3: causes on the way to the site — a self-signed certificate on an https
 * site, a host the server cannot resolve, an address where nothing listens.
 */
import { diagnose } from '../../src/diagnosis';
import type { Run } from '../../src/api/types';
import { USERS, logIn } from '../integration/support/session';
import { recorder } from '../integration/support/stack';
import { launchBrowser, logInAs } from './support/browser';
import {
	HTTPS_URL,
	STACK_PORT,
	UNRESOLVABLE_HOST,
	refusedHome,
	selfSignedHttps,
} from './support/faults';
import { combined, options, withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	cardText,
	probesThatReachedKco,
	runChecks,
	statusOf,
} from './support/proof';

const DOCTOR_PATH = '/wp-admin/admin.php?page=kco-callback-doctor';

beforeAll( () => recorder.clear() );

afterEach( () => {
	expect( probesThatReachedKco() ).toEqual( [] );
} );

it( 'reports the self-signed certificate on every callback and on the HTTPS requirement', async () => {
	const browser = await launchBrowser();
	try {
		await withScenario( selfSignedHttps, async () => {
			const { page, context } = await logInAs(
				browser,
				USERS.administrator,
				undefined,
				HTTPS_URL
			);
			await runChecks( page, `${ HTTPS_URL }${ DOCTOR_PATH }` );

			for ( const endpoint of ENDPOINTS ) {
				expect(
					await statusOf( page, `endpoint:${ endpoint }` )
				).not.toBe( 'pass' );
			}
			expect( await cardText( page, 'endpoint:push' ) ).toMatch(
				/certificate/i
			);
			expect( await statusOf( page, 'requirement:certificate' ) ).toBe(
				'fail'
			);
			expect( await cardText( page, 'requirement:certificate' ) ).toMatch(
				/self-signed/i
			);
			await context.close();
		} );
	} finally {
		await browser.close();
	}
} );

it( 'reports a home host the server cannot resolve, on the callback cards and the public-URL card', async () => {
	// The owner's browser finds the site (as on a machine with a hosts-file entry); the
	// server does not, which is exactly what Klarna would meet.
	const url = `http://${ UNRESOLVABLE_HOST }:${ STACK_PORT }`;
	const browser = await launchBrowser( {
		[ UNRESOLVABLE_HOST ]: '127.0.0.1',
	} );
	try {
		await withScenario(
			combined( 'unresolvable-site', [
				options( 'unresolvable-urls', { home: url, siteurl: url } ),
			] ),
			async () => {
				const { page, context } = await logInAs(
					browser,
					USERS.administrator,
					undefined,
					url
				);
				await runChecks( page, `${ url }${ DOCTOR_PATH }` );

				expect( await statusOf( page, 'endpoint:push' ) ).not.toBe(
					'pass'
				);
				expect( await cardText( page, 'endpoint:push' ) ).toMatch(
					/resolve|DNS/i
				);
				expect( await statusOf( page, 'requirement:public-url' ) ).toBe(
					'fail'
				);
				await context.close();
			}
		);
	} finally {
		await browser.close();
	}
} );

it( 'reports a refused connection when nothing listens at the home address', async () => {
	// Neither the browser nor the server can reach 127.0.0.2 on the stack's port, so this one is checked at
	// the API: the run the page would get, diagnosed by the same code.
	await withScenario( refusedHome, async () => {
		const session = await logIn( USERS.administrator );
		const response = await session.rest( 'kco-callback-doctor/v1/runs', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		} );
		expect( response.status ).toBe( 200 );
		const run = ( await response.json() ) as Run;

		// Nothing listens at the home address, so the canaries of the home URL's paths got no
		// connection and nothing Klarna-shaped followed them. KCO builds the checkout block's
		// wc-api validation URL from site_url(), which this fault leaves reachable: that path's
		// own canary came back, and its probe arrives, as Klarna's call would.
		const canaries = run.observations.filter(
			( observation ) => observation.variant === 'canary'
		);
		expect(
			canaries.map( ( observation ) => [
				observation.endpoint,
				observation.error?.code ?? null,
			] )
		).toEqual(
			expect.arrayContaining( [
				[ 'wc-api-canary', 'connect' ],
				[ 'rest-canary', 'connect' ],
				[ 'site-wc-api-canary', null ],
			] )
		);
		const klarna = run.observations.filter(
			( observation ) => observation.variant === 'klarna'
		);
		expect( klarna.map( ( observation ) => observation.endpoint ) ).toEqual(
			[ 'block-validation' ]
		);
		expect( klarna[ 0 ]?.echo ).not.toBeNull();
		const push = diagnose( run ).findings.find(
			( finding ) => finding.id === 'endpoint:push'
		);
		expect( push?.status ).not.toBe( 'pass' );
		expect(
			`${ push?.summary } ${ push?.evidence
				.map( ( item ) => item.value )
				.join( ' ' ) }`
		).toMatch( /refused/i );
	} );
} );

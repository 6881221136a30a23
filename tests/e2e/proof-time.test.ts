/**
 * Proof suite: time on the path and busy servers (DESIGN.md §3.8, §3.13). A real nginx in front
 * of the stack's Apache cuts answers slower than its proxy_read_timeout; a real Apache prefork
 * with one or two workers has none, or one, to spare for the doctor's own requests.
 */
import { USERS } from '../integration/support/session';
import { logInAs } from './support/browser';
import {
	NGINX_URL,
	apacheWorkers,
	nginxReverseProxy,
	strictValidationHold,
} from './support/faults';
import { combined, withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	adminSession,
	cardText,
	runChecks,
	statusOf,
} from './support/proof';

const admin = adminSession();

const DOCTOR_PATH = '/wp-admin/admin.php?page=kco-callback-doctor';

it( 'names nginx’s proxy timeout when an answer held until just under Klarna’s deadline comes back as its 504', async () => {
	await withScenario(
		combined( 'strict-validation-behind-nginx-3s', [
			strictValidationHold,
			nginxReverseProxy( 3 ),
		] ),
		async () => {
			// The site now lives at nginx's address: log in there, as its owner would.
			const owner = await logInAs(
				admin.browser,
				USERS.administrator,
				undefined,
				NGINX_URL
			);
			try {
				const run = await runChecks(
					owner.page,
					`${ NGINX_URL }${ DOCTOR_PATH }`
				);

				// nginx itself answered the held validation: its own 504, not WordPress's echo.
				const held = run.observations.find(
					( observation ) =>
						observation.endpoint === 'validation' &&
						observation.variant === 'held-answer'
				);
				expect( held?.response?.status ).toBe( 504 );
				expect( held?.response?.headers.server ).toMatch( /nginx/ );
				expect( held?.echo ).toBeNull();

				expect(
					await statusOf( owner.page, 'endpoint:validation' )
				).toBe( 'warn' );
				const text = await cardText(
					owner.page,
					'endpoint:validation'
				);
				expect( text ).toMatch( /Cause: a proxy timeout \(nginx\)/ );
				expect( text ).toMatch( /nginx gave up after/ );
				expect( text ).toMatch( /proxy_read_timeout/ );
				// Nothing else is blamed: a callback passes, or (on a machine so busy that even the
				// answer given at once took longer than 3 s) names the same limit, or says it could
				// not be judged.
				for ( const endpoint of ENDPOINTS ) {
					const id = `endpoint:${ endpoint }`;
					if ( ( await statusOf( owner.page, id ) ) !== 'pass' ) {
						expect( await cardText( owner.page, id ) ).toMatch(
							/a proxy timeout \(nginx\)|inconclusive/
						);
					}
				}
			} finally {
				await owner.context.close();
			}
		}
	);
} );

it( 'calls a server with one worker inconclusive, never silent, and offers the external test', async () => {
	await withScenario( apacheWorkers( 1 ), async () => {
		const run = await runChecks( admin.page );

		// Not even a static file was answered while the run held the only worker.
		const staticFile = run.observations.find(
			( observation ) => observation.variant === 'static-file'
		);
		expect( staticFile?.response ).toBeNull();
		for ( const endpoint of ENDPOINTS ) {
			expect(
				await statusOf( admin.page, `endpoint:${ endpoint }` )
			).toBe( 'warn' );
		}
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /no free worker/ );
		expect( text ).toMatch( /inconclusive/ );
		expect( text ).toMatch( /not even a static file/ );
		expect( text ).toMatch( /Copy as curl/ );
		expect( text ).not.toMatch( /did not answer/ );
	} );
} );

it( 'judges every callback on a server with two workers, without calling it silent', async () => {
	await withScenario( apacheWorkers( 2 ), async () => {
		await runChecks( admin.page );

		for ( const endpoint of ENDPOINTS ) {
			const id = `endpoint:${ endpoint }`;
			expect( await statusOf( admin.page, id ) ).not.toBe( 'fail' );
			expect( await cardText( admin.page, id ) ).not.toMatch(
				/did not answer|proxy timeout/
			);
		}
	} );
} );

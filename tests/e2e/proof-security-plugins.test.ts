/**
 * Proof suite: security plugins that decide in PHP, by their real client-address logic
 * (DESIGN.md §3.12, includes/Probe/ClientAddressPolicy.php). Wordfence's default IP setting takes
 * the first public address among REMOTE_ADDR, X-Forwarded-For and X-Real-IP, so a loopback that
 * presents Klarna's address in X-Forwarded-For is judged as Klarna; a plugin set to trust only the
 * connection cannot be tested from inside, and the card must say so and offer the external test.
 */
import { recorder } from '../integration/support/stack';
import { card } from './support/doctor';
import { aiosStandIn, wordfenceStandIn } from './support/faults';
import { withScenario } from './support/scenarios';
import { adminSession, cardText, runChecks, statusOf } from './support/proof';

const admin = adminSession();

beforeEach( () => {
	recorder.clear();
} );

it( 'names Wordfence at its default IP setting when it blocks the public address a loopback presents', async () => {
	await withScenario( wordfenceStandIn( '' ), async () => {
		const run = await runChecks( admin.page );

		// The setting the doctor read: empty howGetIPs, Wordfence's default.
		expect( run.environment.plugins ).toEqual( [
			expect.objectContaining( {
				slug: 'wordfence',
				clientAddressTrust: 'header',
				clientAddressHeader: 'X-Forwarded-For',
			} ),
		] );
		const presented = run.observations.filter(
			( o ) =>
				o.endpoint === 'push' && o.variant === 'public-client-address'
		);
		expect( presented ).toHaveLength( 1 );
		expect( presented[ 0 ]?.request.headers[ 'X-Forwarded-For' ] ).toBe(
			'52.17.117.56'
		);

		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /Blocked by: Wordfence/ );
		expect( text ).toMatch(
			/blocks this callback when it comes from a public address/
		);
		expect( text ).toMatch( /Identified by\s+Wordfence, recognised from/ );
		// Not one call reached KCO's handlers, signed or not.
		expect( recorder.calls() ).toEqual( [] );
	} );
} );

it( 'says a Wordfence set to trust only REMOTE_ADDR cannot be tested from inside, and offers the external test', async () => {
	await withScenario( wordfenceStandIn( 'REMOTE_ADDR' ), async () => {
		const run = await runChecks( admin.page );

		expect(
			run.observations.filter(
				( o ) => o.variant === 'public-client-address'
			)
		).toEqual( [] );
		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'warn' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch(
			/Cause: Wordfence Security, which trusts only the connection’s own address \(untestable from inside\)/
		);
		expect( text ).toMatch( /run the external test from another network/ );
		const copyAsCurl = card( admin.page, 'endpoint:push' ).getByRole(
			'button',
			{ name: 'Copy as curl' }
		);
		expect( await copyAsCurl.getAttribute( 'class' ) ).toMatch(
			/is-primary/
		);
		expect( recorder.calls() ).toEqual( [] );
	} );
} );

it( 'says All-In-One Security at its default (REMOTE_ADDR) cannot be tested from inside, and offers the external test', async () => {
	await withScenario( aiosStandIn(), async () => {
		const run = await runChecks( admin.page );

		expect( run.environment.plugins ).toEqual( [
			expect.objectContaining( {
				slug: 'all-in-one-wp-security-and-firewall',
				clientAddressTrust: 'connection',
				clientAddressHeader: null,
			} ),
		] );
		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'warn' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch(
			/Cause: All-In-One Security \(AIOS\) – Security and Firewall, which trusts only the connection’s own address \(untestable from inside\)/
		);
		expect( text ).toMatch(
			/All-In-One Security \(AIOS\): open WP Security → Firewall/
		);
		expect( recorder.calls() ).toEqual( [] );
	} );
} );

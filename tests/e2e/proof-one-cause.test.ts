/**
 * Proof suite: one cause, one card. A host rule against Klarna's User-Agent (a real ModSecurity
 * rule in the real Apache) blocks every callback; the page shows one card for that cause, naming
 * every callback, with one set of steps, and each callback's evidence one click away.
 */
import { modSecurityUserAgentRule } from './support/faults';
import { ROOT } from './support/doctor';
import { withScenario } from './support/scenarios';
import {
	ENDPOINTS,
	adminSession,
	cardText,
	runChecks,
	statusOf,
} from './support/proof';

const admin = adminSession();

it( 'shows a fully blocked site as one cause card listing every callback, with one set of steps', async () => {
	await withScenario( modSecurityUserAgentRule, async () => {
		const run = await runChecks( admin.page );
		const endpoints = admin.page.locator(
			`${ ROOT } section[aria-labelledby="kcd-section-endpoint"]`
		);

		// Every callback really was blocked.
		for ( const endpoint of ENDPOINTS ) {
			expect(
				run.observations.find(
					( observation ) =>
						observation.endpoint === endpoint &&
						observation.variant === 'klarna'
				)?.response?.status
			).toBe( 406 );
		}

		const causeCards = endpoints.locator( '[data-cause-card]' );
		await expect( causeCards.count() ).resolves.toBe( 1 );
		const causeCard = causeCards.first();
		await expect( causeCard.locator( 'h3' ).innerText() ).resolves.toMatch(
			/One cause stops 6 callbacks/
		);
		// Each callback is in it, with its own status, and nowhere else on a card of its own.
		await expect(
			causeCard
				.locator( '[data-finding-id^="endpoint:"]' )
				.evaluateAll( ( items ) =>
					items.map( ( item ) =>
						item.getAttribute( 'data-finding-id' )
					)
				)
		).resolves.toEqual(
			ENDPOINTS.map( ( endpoint ) => `endpoint:${ endpoint }` )
		);
		await expect(
			endpoints.locator( '.kcd-finding[data-finding-id]' ).count()
		).resolves.toBe( 0 );
		for ( const endpoint of ENDPOINTS ) {
			expect(
				await statusOf( admin.page, `endpoint:${ endpoint }` )
			).toBe( 'fail' );
		}

		// One set of steps: one "How to fix", every address to allow listed once.
		await expect(
			endpoints.getByRole( 'heading', { name: 'How to fix' } ).count()
		).resolves.toBe( 1 );
		const addresses = await endpoints
			.locator( '.kcd-remediation__copy code' )
			.allInnerTexts();
		expect( addresses.length ).toBeGreaterThan( 0 );
		expect( new Set( addresses ).size ).toBe( addresses.length );

		// Each callback's own evidence is one click away, read with the cause's card around it.
		const validation = await cardText( admin.page, 'endpoint:validation' );
		expect( validation ).toMatch( /One cause stops 6 callbacks/ );
		expect( validation ).toMatch( /KCO_WC_Validation/ );
		expect( validation ).toContain( '406' );
		expect( validation ).toMatch( /User-Agent/ );
	} );
} );

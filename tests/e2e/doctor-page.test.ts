/**
 * The doctor in a real browser against the real local stack (127.0.0.1, test doubles on): a shop
 * manager runs the checks, every callback endpoint passes (the responder answers the loopback)
 * while the public-URL requirement fails (127.0.0.1 is not reachable from the internet), a card
 * opens, the report copies, one card re-runs, and axe-core finds no WCAG 2 A/AA violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL } from '../integration/support/stack';
import { USERS } from '../integration/support/session';
import { launchBrowser, logInAs, screenshot } from './support/browser';
import {
	ROOT,
	axeViolations,
	card,
	doctorErrors,
	openDoctor,
	runFrom,
} from './support/doctor';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll( async () => {
	browser = await launchBrowser();
	( { context, page } = await logInAs( browser, USERS.shopManager ) );
	errors = doctorErrors( page );
	await context.grantPermissions( [ 'clipboard-read', 'clipboard-write' ], {
		origin: BASE_URL,
	} );
	await openDoctor( page );
	await screenshot( page, 'doctor-before-run' );
} );

afterAll( async () => {
	await context?.close();
	await browser?.close();
} );

function endpointCards() {
	return page.locator( `${ ROOT } [data-finding-id^="endpoint:"]` );
}

describe( 'the doctor page, as a shop manager', () => {
	it( 'runs every check and shows each endpoint passing and the public URL failing', async () => {
		const sent = await runFrom(
			page,
			page.getByRole( 'button', { name: 'Run checks' } )
		);

		expect( sent ).toEqual( {} );
		await expect(
			card( page, 'requirement:public-url' ).getAttribute( 'class' )
		).resolves.toContain( 'is-fail' );
		await expect(
			page
				.getByRole( 'heading', {
					level: 2,
					name: /problems? will stop Klarna orders/,
				} )
				.count()
		).resolves.toBe( 1 );

		// Passing endpoints are folded under "Passed checks" in their section.
		const endpoints = page.getByRole( 'region', {
			name: 'Callback endpoints',
		} );
		await endpoints
			.getByRole( 'button', { name: /^Passed checks/ } )
			.click();
		const statuses = await endpointCards().evaluateAll( ( cards ) =>
			cards.map(
				( element ) =>
					`${ element.getAttribute( 'data-finding-id' ) } ${ element.className.match( /is-(pass|warn|fail|info)/ )?.[ 1 ] }`
			)
		);
		expect( statuses ).toEqual( [
			'endpoint:push pass',
			'endpoint:notification pass',
			'endpoint:validation pass',
			'endpoint:shipping-option-update pass',
			'endpoint:block-validate pass',
			'endpoint:block-validation pass',
		] );
		await screenshot( page, 'doctor-after-run' );
	} );

	it( "opens a card's details and shows its evidence as text", async () => {
		const push = card( page, 'endpoint:push' );
		const details = push.getByRole( 'button', { name: 'Details' } );

		await details.click();

		await expect( details.getAttribute( 'aria-expanded' ) ).resolves.toBe(
			'true'
		);
		await expect(
			push.locator( '.kcd-evidence dt' ).count()
		).resolves.toBeGreaterThan( 0 );
		await expect(
			push.locator( '.kcd-evidence script' ).count()
		).resolves.toBe( 0 );
	} );

	it( 'copies the Markdown report to the clipboard', async () => {
		await page.getByRole( 'button', { name: 'Copy report' } ).click();
		await page.getByRole( 'button', { name: 'Copied!' } ).waitFor();

		const report = await page.evaluate( () =>
			navigator.clipboard.readText()
		);

		expect( report ).toContain( '127.0.0.1' );
		expect( report ).toMatch( /^#/m );
	} );

	it( 'copies a signed curl command for one endpoint', async () => {
		const push = card( page, 'endpoint:push' );

		await push.getByRole( 'button', { name: 'Copy as curl' } ).click();
		await push
			.getByText( /^Copied\. The command works once, until/ )
			.waitFor();

		const command = await page.evaluate( () =>
			navigator.clipboard.readText()
		);
		// The path's canary first; the Klarna-shaped request only after its echo.
		expect( command ).toMatch(
			/^\{ curl .*kco-callback-doctor-canary.* && curl /
		);
		expect( command ).toContain( 'KCO_WC_Push' );
	} );

	it( 'runs one card again without re-running the others', async () => {
		const push = card( page, 'endpoint:push' );

		const sent = await runFrom(
			page,
			push.getByRole( 'button', { name: 'Run again' } )
		);

		expect( sent ).toEqual( { endpoints: [ 'push' ] } );
		await expect(
			card( page, 'endpoint:push' ).getAttribute( 'class' )
		).resolves.toContain( 'is-pass' );
		await expect( endpointCards().count() ).resolves.toBe( 6 );
	} );

	it( 'has no WCAG 2 A/AA violation after a run, with cards, details and a curl command open', async () => {
		await expect( axeViolations( page, ROOT ) ).resolves.toEqual( [] );
		// The whole admin screen too: WordPress's own menus and bar pass as well.
		await expect( axeViolations( page, 'document' ) ).resolves.toEqual(
			[]
		);
	} );

	it( 'reports no browser errors', () => {
		expect( errors ).toEqual( [] );
	} );
} );

describe( 'the doctor page on a 360 px wide screen', () => {
	it( 'fits the screen without sideways scrolling', async () => {
		const narrow = await logInAs( browser, USERS.shopManager, {
			width: 360,
			height: 800,
		} );
		const narrowErrors = doctorErrors( narrow.page );
		try {
			await openDoctor( narrow.page );
			await narrow.page
				.getByRole( 'region', { name: 'Callback endpoints' } )
				.getByRole( 'button', { name: /^Passed checks/ } )
				.click();
			const overflow = await narrow.page.evaluate( ( root ) => {
				const element = document.querySelector( root );
				return {
					doctor: element
						? element.scrollWidth - element.clientWidth
						: -1,
					page:
						document.documentElement.scrollWidth -
						window.innerWidth,
				};
			}, ROOT );

			expect( overflow ).toEqual( { doctor: 0, page: 0 } );
			await screenshot( narrow.page, 'doctor-360px' );
			expect( narrowErrors ).toEqual( [] );
		} finally {
			await narrow.context.close();
		}
	} );
} );

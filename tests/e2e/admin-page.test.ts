/**
 * The plugin's page really loads in WordPress admin: reached from the WooCommerce menu, the React
 * app renders, and the browser reports no errors.
 */
import type { Browser } from 'playwright-core';
import { BASE_URL, wpCli } from '../integration/support/stack';
import { USERS } from '../integration/support/session';
import { launchBrowser, logInAs, screenshot } from './support/browser';

let browser: Browser;

beforeAll( async () => {
	browser = await launchBrowser();
} );

afterAll( async () => {
	await browser.close();
} );

it( 'opens the doctor from the WooCommerce menu and renders the app without console errors', async () => {
	const { page, errors, context } = await logInAs(
		browser,
		USERS.administrator
	);

	await page.hover( '#toplevel_page_woocommerce' );
	await page.click(
		'#toplevel_page_woocommerce a[href$="page=kco-callback-doctor"]'
	);
	await page.waitForURL( /page=kco-callback-doctor/ );

	await expect(
		page
			.getByRole( 'heading', {
				name: 'Callback Doctor for Klarna Checkout',
			} )
			.waitFor()
	).resolves.toBeUndefined();
	await screenshot( page, 'admin-page' );
	expect( errors ).toEqual( [] );
	await context.close();
} );

it( 'files the page under Tools for administrators when WooCommerce is not active', async () => {
	// Deactivate the real WooCommerce for this test only.
	wpCli( 'plugin', 'deactivate', 'woocommerce' );
	try {
		const { page, errors, context } = await logInAs(
			browser,
			USERS.administrator
		);
		await expect(
			page.locator( '#toplevel_page_woocommerce' ).count()
		).resolves.toBe( 0 );

		await page.goto( `${ BASE_URL }/wp-admin/tools.php` );
		await page.click( '#menu-tools a[href$="page=kco-callback-doctor"]' );
		await page.waitForURL( /tools\.php\?page=kco-callback-doctor/ );
		await page
			.getByRole( 'heading', {
				name: 'Callback Doctor for Klarna Checkout',
			} )
			.waitFor();
		expect( errors ).toEqual( [] );
		await context.close();
	} finally {
		wpCli( 'plugin', 'activate', 'woocommerce' );
	}
} );

/**
 * The plugin's page really loads in WordPress admin: reached from the WooCommerce menu, the React
 * app renders, and the browser reports no errors.
 */
import type { Browser } from 'playwright-core';
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

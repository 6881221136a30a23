/**
 * Real calls from Klarna on the page, in a real browser against the real stack: an unsigned
 * Klarna-shaped push appears under its callback with the status the shop answered and when it
 * came; a push that KCO's handler answers with an error becomes a failing card; a KCO order left
 * in Pending payment is listed with a link that opens it; and the section passes axe-core.
 */
import { randomUUID } from 'node:crypto';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { createOrders, deleteOrders } from '../integration/support/orders';
import { USERS } from '../integration/support/session';
import { resetTraffic, sendPush } from '../integration/support/traffic';
import { launchBrowser, logInAs, screenshot } from './support/browser';
import {
	ROOT,
	axeViolations,
	card,
	doctorErrors,
	openDoctor,
} from './support/doctor';
import { muPlugin, withScenario } from './support/scenarios';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let orderIds: number[] = [];

const SECTION = `${ ROOT } .kcd-traffic`;

beforeAll( async () => {
	browser = await launchBrowser();
	( { context, page } = await logInAs( browser, USERS.shopManager ) );
	errors = doctorErrors( page );
}, 120_000 );

afterAll( async () => {
	deleteOrders( orderIds );
	await context?.close();
	await browser?.close();
}, 120_000 );

/**
 * The section's line for one callback, once the report is on screen.
 * @param endpoint The callback.
 */
async function heartbeatText( endpoint: string ): Promise< string > {
	const line = page.locator(
		`${ SECTION } [data-heartbeat="${ endpoint }"]`
	);
	await line.waitFor();
	return ( await line.textContent() ) ?? '';
}

async function refresh(): Promise< void > {
	const [ response ] = await Promise.all( [
		page.waitForResponse( ( candidate ) =>
			decodeURIComponent( candidate.url() ).includes(
				'kco-callback-doctor/v1/traffic'
			)
		),
		page
			.locator( SECTION )
			.getByRole( 'button', { name: 'Refresh' } )
			.click(),
	] );
	expect( response.status() ).toBe( 200 );
	await page
		.locator( `${ SECTION }[aria-busy="false"]` )
		.waitFor( { timeout: 60_000 } );
}

describe( 'real calls from Klarna on the doctor page', () => {
	it( 'shows an unsigned Klarna-shaped push with its status and when it came', async () => {
		resetTraffic();
		expect( await sendPush() ).toBe( 200 );

		await openDoctor( page );

		expect( await heartbeatText( 'push' ) ).toMatch(
			/Last real call from Klarna: (less than a minute|\d+ minutes?) ago, answered 200 in \d/
		);
		await screenshot( page, 'real-traffic-push' );
	} );

	it( 'turns a push that KCO answered with an error into a failing card', async () => {
		resetTraffic();
		const failingHandler = muPlugin(
			'traffic-failing-push-e2e',
			"add_action( 'woocommerce_api_kco_wc_push', static function () { status_header( 500 ); }, 1 );"
		);
		expect( await withScenario( failingHandler, () => sendPush() ) ).toBe(
			500
		);

		await refresh();

		expect( await heartbeatText( 'push' ) ).toContain( 'answered 500' );
		const failing = card( page, 'traffic:status:push' );
		await expect( failing.getAttribute( 'class' ) ).resolves.toContain(
			'is-fail'
		);
		await expect( failing.textContent() ).resolves.toContain(
			'WooCommerce → Status → Logs'
		);
	} );

	it( 'lists a Klarna order left in Pending payment, with a link that opens it', async () => {
		const klarnaOrderId = randomUUID();
		orderIds = createOrders( [ { klarnaOrderId, minutesAgo: 90 } ] );
		const [ id ] = orderIds;

		await refresh();

		const row = page.locator( `${ SECTION } [data-stuck-order="${ id }"]` );
		await expect( row.textContent() ).resolves.toContain( klarnaOrderId );
		await expect(
			card( page, 'traffic:stuck-orders' ).getAttribute( 'class' )
		).resolves.toContain( 'is-fail' );
		await screenshot( page, 'real-traffic-stuck-order' );

		await Promise.all( [
			page.waitForURL( /(post\.php\?post=|page=wc-orders)/ ),
			row.getByRole( 'link', { name: `Order #${ id }` } ).click(),
		] );
		await expect( page.content() ).resolves.toContain( `#${ id }` );
	} );

	it( 'passes axe-core’s WCAG 2 A and AA rules', async () => {
		await openDoctor( page );
		await page.locator( `${ SECTION } [data-heartbeat="push"]` ).waitFor();

		await expect( axeViolations( page, SECTION ) ).resolves.toEqual( [] );
	} );

	it( 'reports no browser errors on the doctor page', () => {
		expect( errors ).toEqual( [] );
	} );
} );

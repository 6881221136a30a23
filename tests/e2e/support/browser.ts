/**
 * Debian's Chromium (never a downloaded browser) driven by playwright-core, plus the steps every
 * browser test shares: log in, open the doctor's page, collect console errors, save screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type Page,
} from 'playwright-core';
import { BASE_URL, PROJECT_DIR } from '../../integration/support/stack';
import type { Credentials } from '../../integration/support/session';

export const ARTIFACTS_DIR = join( PROJECT_DIR, 'artifacts', 'screenshots' );

/**
 * Debian's Chromium, headless.
 *
 * Every page the tests open is on the stack, at an IP address; the browser never asks the
 * machine's nameserver for anything. Admin screens also name hosts on the internet (the admin
 * bar's Gravatar image): those fail at once here, so how a machine's DNS answers them (at once,
 * or only after its timeout) can never hold a page's load event.
 *
 * @param hostMap Hosts the browser finds at an address of the stack, e.g. `{ 'shop.invalid': '127.0.0.1' }`
 *                for a home URL only the server cannot resolve.
 */
export async function launchBrowser(
	hostMap: Record< string, string > = {}
): Promise< Browser > {
	const rules = [
		...Object.entries( hostMap ).map(
			( [ host, address ] ) => `MAP ${ host } ${ address }`
		),
		'MAP * ~NOTFOUND',
		'EXCLUDE 127.0.0.1',
	];
	return chromium.launch( {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		// No sandbox as root; no background networking: this machine has no network to reach.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			`--host-resolver-rules=${ rules.join( ', ' ) }`,
		],
	} );
}

export interface DoctorPage {
	context: BrowserContext;
	page: Page;
	/** Console errors and uncaught page errors seen so far. */
	errors: string[];
}

/**
 * Errors the browser itself raises about a navigation, not errors of a page's scripts: the newest
 * WordPress admin animates page changes with cross-document view transitions, and Chromium
 * reports a transition it abandons because the next page was already shown (a redirect that
 * lands quickly, as after logging in).
 */
const NOT_THE_PAGES_ERRORS = [
	/^Transition was aborted because of invalid state\. Page already revealed/,
];

/**
 * A fresh context logged in as the given user.
 * @param browser
 * @param credentials
 * @param viewport
 * @param siteUrl
 */
export async function logInAs(
	browser: Browser,
	credentials: Credentials,
	viewport = { width: 1280, height: 900 },
	siteUrl = BASE_URL
): Promise< DoctorPage > {
	const context = await browser.newContext( {
		viewport,
		// The self-signed certificate scenario serves the admin over https too.
		ignoreHTTPSErrors: true,
	} );
	const page = await context.newPage();
	const errors: string[] = [];
	page.on( 'console', ( message ) => {
		if ( message.type() === 'error' ) {
			errors.push( message.text() );
		}
	} );
	page.on( 'pageerror', ( error ) => {
		if (
			! NOT_THE_PAGES_ERRORS.some( ( known ) =>
				known.test( error.message )
			)
		) {
			errors.push( error.message );
		}
	} );

	await page.goto( `${ siteUrl }/wp-login.php` );
	await page.fill( '#user_login', credentials.user );
	await page.fill( '#user_pass', credentials.password );
	await Promise.all( [
		page.waitForURL( /wp-admin/ ),
		page.click( '#wp-submit' ),
	] );
	return { context, page, errors };
}

export async function screenshot(
	page: Page,
	name: string
): Promise< string > {
	mkdirSync( ARTIFACTS_DIR, { recursive: true } );
	const wpVersion = await page.evaluate(
		() => document.body.className.match( /branch-([\d-]+)/ )?.[ 1 ] ?? 'wp'
	);
	const file = join( ARTIFACTS_DIR, `${ name }-${ wpVersion }.png` );
	await page.screenshot( { path: file, fullPage: true } );
	return file;
}

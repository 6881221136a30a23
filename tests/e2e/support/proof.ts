/**
 * Steps shared by the proof suite: run the doctor from the real page and read a card the way the
 * owner sees it (its status, "Blocked by", its text, its fix), plus the zero-side-effect check.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { USERS } from '../../integration/support/session';
import { recorder } from '../../integration/support/stack';
import type { Run } from '../../../src/api/types';
import { launchBrowser, logInAs } from './browser';
import { ROOT, card, isRunPost, openDoctor, waitUntilIdle } from './doctor';

export type Status = 'pass' | 'warn' | 'fail' | 'info';

/**
 * Opens the doctor, presses "Run checks", waits for the cards and returns the run the REST API
 * sent the page (raw observations, for the few checks the page does not show).
 *
 * @param page A logged-in page.
 * @param url  The doctor's URL when the site is not at the default address.
 */
export async function runChecks( page: Page, url?: string ): Promise< Run > {
	if ( url ) {
		await page.goto( url );
		await page
			.getByRole( 'heading', {
				name: 'Callback Doctor for Klarna Checkout',
			} )
			.waitFor();
		await waitUntilIdle( page );
	} else {
		await openDoctor( page );
	}
	const [ response ] = await Promise.all( [
		page.waitForResponse(
			( candidate ) =>
				isRunPost( candidate.request().method(), candidate.url() ),
			{ timeout: 120000 }
		),
		page.getByRole( 'button', { name: 'Run checks' } ).click(),
	] );
	if ( ! response.ok() ) {
		throw new Error(
			`POST /runs answered ${ response.status() }: ${ await response.text() }`
		);
	}
	const run = ( await response.json() ) as Run;
	await waitUntilIdle( page );
	// Passed checks are folded, as in Site Health: unfold them so every card can be read.
	const folded = page.locator(
		`${ ROOT } button[aria-expanded="false"]:has-text("Passed checks")`
	);
	while ( ( await folded.count() ) > 0 ) {
		await folded.first().click();
	}
	return run;
}

/**
 * The status a card shows (its badge class).
 *
 * @param page The doctor's page.
 * @param id   Finding id, e.g. `endpoint:push`.
 */
export async function statusOf( page: Page, id: string ): Promise< Status > {
	const className = ( await card( page, id ).getAttribute( 'class' ) ) ?? '';
	const status = className.match( /\bis-(pass|warn|fail|info)\b/ )?.[ 1 ];
	if ( ! status ) {
		throw new Error(
			`Card ${ id } shows no status (class "${ className }")`
		);
	}
	return status as Status;
}

/**
 * Every card's status, by finding id.
 *
 * @param page The doctor's page.
 */
export async function statuses(
	page: Page
): Promise< Record< string, Status > > {
	return page
		.locator( `${ ROOT } [data-finding-id]` )
		.evaluateAll( ( cards ) =>
			Object.fromEntries(
				cards.map( ( element ) => [
					element.getAttribute( 'data-finding-id' ) ?? '',
					( element.className.match(
						/\bis-(pass|warn|fail|info)\b/
					) ?? [] )[ 1 ] ?? '',
				] )
			)
		);
}

/**
 * All the text the owner reads about a finding, with its details opened: its own card, or, when
 * it shares its cause with other callbacks, the cause's card with this callback's part opened.
 *
 * @param page The doctor's page.
 * @param id   Finding id.
 */
export async function cardText( page: Page, id: string ): Promise< string > {
	const details = card( page, id ).locator(
		'button.kcd-disclosure__toggle[aria-expanded="false"]'
	);
	if ( ( await details.count() ) > 0 ) {
		await details.first().click();
	}
	const causeCard = causeCardOf( page, id );
	return ( await causeCard.count() ) > 0
		? causeCard.innerText()
		: card( page, id ).innerText();
}

/**
 * The cause card a finding is part of (empty when it has a card of its own).
 *
 * @param page The doctor's page.
 * @param id   Finding id.
 */
export function causeCardOf( page: Page, id: string ): Locator {
	// `has` is matched inside each cause card, so it must not start from the page's root.
	return page
		.locator( `${ ROOT } [data-cause-card]` )
		.filter( { has: page.locator( `[data-finding-id="${ id }"]` ) } );
}

/** The endpoint ids the doctor probes. */
export const ENDPOINTS = [
	'push',
	'notification',
	'validation',
	'shipping-option-update',
	'block-validate',
	'block-validation',
] as const;

/**
 * Every call a KCO handler saw, with the probe header or without: must stay empty. A path that
 * strips the header would hand the doctor's requests to KCO as unsigned ones, and the canary
 * exists so that never happens.
 */
export function probesThatReachedKco() {
	return recorder.calls();
}

export interface AdminSession {
	browser: Browser;
	context: BrowserContext;
	page: Page;
}

/**
 * One administrator's browser for a proof file: opened before its tests, closed after them, and
 * after every test the zero-side-effect check (scenario 17: no probe reached a KCO handler).
 * The returned object is filled in `beforeAll`; read its fields inside tests.
 */
export function adminSession(): AdminSession {
	const session = {} as AdminSession;
	beforeAll( async () => {
		recorder.clear();
		session.browser = await launchBrowser();
		const { context, page } = await logInAs(
			session.browser,
			USERS.administrator
		);
		session.context = context;
		session.page = page;
	} );
	afterAll( async () => {
		await session.context?.close();
		await session.browser?.close();
	} );
	beforeEach( () => recorder.clear() );
	afterEach( () => {
		expect( probesThatReachedKco() ).toEqual( [] );
	} );
	return session;
}

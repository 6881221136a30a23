/**
 * Steps on the doctor's own page shared by its browser tests: open it, run the checks and wait
 * for the result, find a card by its finding id, and audit the page with axe-core.
 */
import type { Locator, Page } from 'playwright-core';
import axe from 'axe-core';
import { BASE_URL } from '../../integration/support/stack';

export const DOCTOR_URL = `${ BASE_URL }/wp-admin/admin.php?page=kco-callback-doctor`;
export const ROOT = '#kco-callback-doctor-root';

/**
 * Console errors and uncaught errors raised while the doctor's page is the one shown. Errors of
 * other admin screens are left out: WordPress 6.8's own user-profile.js throws while leaving
 * profile.php, where a shop manager lands after logging in.
 *
 * @param page The page to watch.
 * @return A list that fills as errors happen.
 */
export function doctorErrors( page: Page ): string[] {
	const errors: string[] = [];
	const onDoctor = () => page.url().includes( 'page=kco-callback-doctor' );
	page.on( 'console', ( message ) => {
		if ( message.type() === 'error' && onDoctor() ) {
			errors.push( message.text() );
		}
	} );
	page.on( 'pageerror', ( error ) => {
		if ( onDoctor() ) {
			errors.push( error.message );
		}
	} );
	return errors;
}

/**
 * Whether a request is POST /runs, the run itself. The page also POSTs /runs/{id}/digest after a
 * run, and on load for a stored run that has no digest yet: that answer can arrive while a test
 * waits for the run's, so "the URL contains /runs" is not enough. Pretty and plain permalinks
 * (`?rest_route=…/runs&_locale=user`) both match.
 *
 * @param method The request's method.
 * @param url    The request's URL.
 */
export function isRunPost( method: string, url: string ): boolean {
	return (
		method === 'POST' &&
		/kco-callback-doctor\/v1\/runs(?![\/\w])/.test(
			decodeURIComponent( url )
		)
	);
}

/**
 * Opens the page and waits until it shows a run, or says there is none yet.
 *
 * @param page A logged-in page.
 */
export async function openDoctor( page: Page ): Promise< void > {
	await page.goto( DOCTOR_URL );
	await page
		.getByRole( 'heading', { name: 'Callback Doctor for Klarna Checkout' } )
		.waitFor();
	await waitUntilIdle( page );
}

/**
 * Waits until nothing is loading or running: the "Run checks" button is usable again.
 *
 * @param page The doctor's page.
 */
export async function waitUntilIdle( page: Page ): Promise< void > {
	await page
		.locator( `${ ROOT } .kcd-header__run:not([aria-disabled="true"])` )
		.waitFor( { timeout: 120000 } );
}

/**
 * Presses a button that starts a run and waits for the POST /runs answer and the page to settle.
 *
 * @param page   The doctor's page.
 * @param button The button that starts the run.
 * @return The JSON body the page sent with POST /runs.
 */
export async function runFrom(
	page: Page,
	button: Locator
): Promise< unknown > {
	const [ request ] = await Promise.all( [
		page.waitForRequest( ( candidate ) =>
			isRunPost( candidate.method(), candidate.url() )
		),
		button.click(),
	] );
	const response = await request.response();
	if ( ! response || ! response.ok() ) {
		throw new Error(
			`POST /runs answered ${ response?.status() }: ${ await response?.text() }`
		);
	}
	await waitUntilIdle( page );
	return request.postDataJSON();
}

/**
 * The card of one finding, e.g. `endpoint:push` or `requirement:public-url`.
 *
 * @param page The doctor's page.
 * @param id   The finding id.
 */
export function card( page: Page, id: string ): Locator {
	return page.locator( `${ ROOT } [data-finding-id="${ id }"]` );
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/**
 * WCAG 2 A and AA violations axe-core finds inside `selector`.
 *
 * @param page     The page to audit.
 * @param selector Where to look: the doctor's root, or `document` for the whole admin page.
 */
export async function axeViolations(
	page: Page,
	selector: string
): Promise< AxeViolation[] > {
	if ( ! ( await page.evaluate( () => 'axe' in window ) ) ) {
		await page.addScriptTag( { content: axe.source } );
	}
	return page.evaluate( async ( context ) => {
		const { axe: runner } = window as unknown as {
			axe: typeof import( 'axe-core' );
		};
		const results = await runner.run(
			context === 'document' ? document : context,
			{
				runOnly: { type: 'tag', values: [ 'wcag2a', 'wcag2aa' ] },
			}
		);
		return results.violations.map( ( violation ) => ( {
			id: violation.id,
			impact: violation.impact ?? null,
			help: violation.help,
			targets: violation.nodes.map( ( node ) => node.target.join( ' ' ) ),
		} ) );
	}, selector );
}

/**
 * Proof suite: plain permalinks, whatever the web server makes of them (DESIGN.md §3.11). Where
 * WordPress manages .htaccess the pretty callback path is a 404; where the server's own
 * configuration sends unknown paths to index.php it is WordPress's front page, 200 and HTML.
 * Both are the plain-permalinks cause, confirmed by the `?wc-api=NAME` form of the same request.
 * Only the path's harmless canary goes to the pretty address; Klarna's shapes go only in the
 * `?wc-api=` form, whose canary came back with the doctor's echo.
 */
import type { Run } from '../../src/api/types';
import {
	plainPermalinks,
	plainPermalinksFallbackResource,
} from './support/faults';
import { recorder } from '../integration/support/stack';
import { withScenario } from './support/scenarios';
import { adminSession, cardText, runChecks, statusOf } from './support/proof';

const admin = adminSession();

/**
 * What the pretty /wc-api/ path got (its canary's answer), whether anything Klarna-shaped went
 * to a pretty /wc-api/ address, and whether the push's ?wc-api= form came back with its echo.
 * @param run The run the page received.
 */
function pushAnswers( run: Run ) {
	const push = run.observations.filter(
		( observation ) => observation.endpoint === 'push'
	);
	return {
		pretty: run.observations.find(
			( observation ) =>
				observation.endpoint === 'wc-api-canary' &&
				observation.variant === 'canary'
		)?.response?.status,
		klarnaShapedToPrettyPath: run.observations.some(
			( observation ) =>
				observation.variant !== 'canary' &&
				/\/wc-api\//.test( observation.request.url )
		),
		plainFormEchoed: push.some(
			( observation ) =>
				observation.variant === 'wc-api-query' &&
				observation.echo !== null
		),
	};
}

it( 'names plain permalinks when the server sends unknown paths to WordPress and the front page answers', async () => {
	await withScenario( plainPermalinksFallbackResource, async () => {
		const run = await runChecks( admin.page );

		// The server's own routing made WordPress answer the pretty path with a page.
		expect( pushAnswers( run ) ).toEqual( {
			pretty: 200,
			klarnaShapedToPrettyPath: false,
			plainFormEchoed: true,
		} );
		// Nothing reached a KCO handler, with or without the probe header.
		expect( recorder.calls() ).toEqual( [] );
		expect( await statusOf( admin.page, 'endpoint:push' ) ).toBe( 'fail' );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch(
			/Cause: plain permalinks|Blocked by: plain permalinks/
		);
		expect( text ).toMatch( /front page/ );
		expect( text ).toMatch( /\?wc-api=KCO_WC_Push reached WooCommerce/ );
		expect( text ).toMatch( /Settings → Permalinks/ );
		expect( text ).not.toMatch( /something other than WordPress/ );
	} );
} );

it( 'names plain permalinks when WordPress emptied .htaccess and the server answers 404, confirmed by ?wc-api=', async () => {
	await withScenario( plainPermalinks, async () => {
		const run = await runChecks( admin.page );

		expect( pushAnswers( run ) ).toEqual( {
			pretty: 404,
			klarnaShapedToPrettyPath: false,
			plainFormEchoed: true,
		} );
		expect( recorder.calls() ).toEqual( [] );
		const text = await cardText( admin.page, 'endpoint:push' );
		expect( text ).toMatch( /plain permalinks/ );
		expect( text ).toMatch( /\?wc-api=KCO_WC_Push reached WooCommerce/ );
	} );
} );

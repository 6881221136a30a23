/**
 * A /wc-api/ callback that never reached WooCommerce is read from the site's facts (DESIGN.md
 * §3.11): with plain permalinks it is the permalinks, whatever the web server answered, and the
 * `?wc-api=NAME` form of the same request confirms it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Observation, ProbeResponse, Run } from '../../../src/api/types';
import {
	endpointFindingOf,
	evidenceText,
	remediationText,
} from './fixtures/find';
import {
	apacheNotFound,
	cachedFrontPage,
	wordPressFrontPage,
} from './fixtures/responses';
import { blockedPush, makeObservation, makeRun } from './fixtures/run';

const FIXTURES = join( __dirname, '..', '..', 'fixtures', 'verdicts' );

const PLAIN = { permalinkStructure: '' };

/**
 * The push as a site answers it whose pretty path fails, with the ?wc-api= form's outcome.
 * @param response What the pretty path got.
 * @param form     What the ?wc-api= form got: its echo, an answer, or not sent.
 */
function unroutedPush(
	response: ProbeResponse,
	form: 'echo' | ProbeResponse | 'not sent'
): Observation[] {
	const observations = blockedPush( response );
	if ( form === 'echo' ) {
		observations.push( makeObservation( { variant: 'wc-api-query' } ) );
	} else if ( form !== 'not sent' ) {
		observations.push(
			makeObservation( { variant: 'wc-api-query', response: form } )
		);
	}
	return observations;
}

describe( 'plain permalinks', () => {
	it( 'names them when the server sends unknown paths to WordPress and the front page comes back, not a cache', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: PLAIN,
				observations: unroutedPush( wordPressFrontPage, 'echo' ),
			} )
		);

		expect( finding.status ).toBe( 'fail' );
		// The ?wc-api= form's echo is no pass: Klarna calls the pretty path.
		expect( finding.state ).toBe( 'blocked' );
		expect( finding.cause ).toBe( 'plain permalinks' );
		expect( finding.summary ).toMatch( /plain permalinks/ );
		expect( evidenceText( finding ) ).toMatch(
			/sends unknown addresses to WordPress.*front page/
		);
		expect( evidenceText( finding ) ).toMatch(
			/\?wc-api=KCO_WC_Push reached WooCommerce/
		);
		expect( remediationText( finding ) ).toMatch( /Settings → Permalinks/ );
		expect( remediationText( finding ) ).not.toMatch( /cach/i );
	} );

	it( 'names them when the web server itself answers 404 because WordPress emptied .htaccess', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: PLAIN,
				observations: unroutedPush( apacheNotFound, 'echo' ),
			} )
		);

		expect( finding.cause ).toBe( 'plain permalinks' );
		expect( evidenceText( finding ) ).toMatch( /404.*\.htaccess/ );
		expect( evidenceText( finding ) ).toMatch( /reached WooCommerce/ );
	} );

	it( 'names them even behind a page cache, whose cached page answers the pretty path', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: PLAIN,
				observations: unroutedPush( cachedFrontPage, 'echo' ),
			} )
		);

		expect( finding.cause ).toBe( 'plain permalinks' );
	} );

	it( 'says the ?wc-api= form was not tried when it was not sent', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: PLAIN,
				observations: unroutedPush( wordPressFrontPage, 'not sent' ),
			} )
		);

		expect( finding.cause ).toBe( 'plain permalinks' );
		expect( evidenceText( finding ) ).toMatch( /not confirmed/ );
	} );

	it( 'warns that something else may block too when the ?wc-api= form fails as well', () => {
		const finding = endpointFindingOf(
			makeRun( {
				environment: PLAIN,
				observations: unroutedPush(
					wordPressFrontPage,
					apacheNotFound
				),
			} )
		);

		expect( finding.cause ).toBe( 'plain permalinks' );
		expect( evidenceText( finding ) ).toMatch(
			/did not reach WooCommerce either/
		);
	} );
} );

describe( 'pretty permalinks', () => {
	it( 'says the /wc-api/ path is not routed when only the ?wc-api= form reaches WooCommerce', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: unroutedPush( wordPressFrontPage, 'echo' ),
			} )
		);

		expect( finding.status ).toBe( 'fail' );
		expect( finding.cause ).toBe(
			'the /wc-api/ address is not routed to WooCommerce'
		);
		expect( remediationText( finding ) ).toMatch( /try_files/ );
	} );

	it( 'still suspects a cache for a 200 without the echo when the ?wc-api= form was not tried', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: unroutedPush( cachedFrontPage, 'not sent' ),
			} )
		);

		expect( finding.cause ).toBe(
			'an answer from something other than WordPress'
		);
	} );

	it( 'keeps a 404 a missing address when the ?wc-api= form fails too', () => {
		const finding = endpointFindingOf(
			makeRun( {
				observations: unroutedPush( apacheNotFound, apacheNotFound ),
			} )
		);

		expect( finding.cause ).toBe( 'address not found' );
	} );
} );

describe( 'in runs captured from the real stack, where the canary stopped the path', () => {
	it.each( [
		[ 'the web server’s 404', 'plain-permalinks-canary-404' ],
		[ 'WordPress’s front page', 'plain-permalinks-front-page' ],
	] )(
		'blames plain permalinks for %s and calls the push blocked',
		( _name, fixture ) => {
			const { run } = JSON.parse(
				readFileSync( join( FIXTURES, `${ fixture }.json` ), 'utf8' )
			) as { run: Run };

			const finding = endpointFindingOf( run, 'push' );

			expect( finding.state ).toBe( 'blocked' );
			expect( finding.status ).toBe( 'fail' );
			expect( finding.causeId ).toBe( 'plain-permalinks' );
		}
	);
} );

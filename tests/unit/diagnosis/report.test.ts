/**
 * The Markdown report for a support ticket: complete, and inert whatever a server sent.
 */
import { buildReport, diagnose } from '../../../src/diagnosis';
import {
	fencedBlock,
	inlineCode,
	markdownText,
} from '../../../src/diagnosis/report';
import {
	scriptedBlockPage,
	wooCommerceNoHandler,
	wordfenceBlock,
} from './fixtures/responses';
import {
	blockedPush,
	makeObservation,
	makePlugin,
	makeRun,
} from './fixtures/run';

jest.mock(
	'../../../src/diagnosis/fingerprints',
	() =>
		jest.requireActual( './fixtures/fake-fingerprints' )
			.fakeFingerprintsModule
);

function reportOf( run: ReturnType< typeof makeRun > ): string {
	return buildReport( run, diagnose( run ) );
}

/**
 * The text between fences, in order; fails if a fence is left open.
 * @param markdown A report.
 */
function fencedBlocks( markdown: string ): string[] {
	const blocks: string[] = [];
	let current: string[] | null = null;
	for ( const line of markdown.split( '\n' ) ) {
		if ( line.trim().startsWith( '```' ) ) {
			if ( current === null ) {
				current = [];
			} else {
				blocks.push( current.join( '\n' ) );
				current = null;
			}
		} else if ( current !== null ) {
			current.push( line );
		}
	}
	expect( current ).toBeNull();
	return blocks;
}

describe( 'the support report', () => {
	it( 'names the site, the time, the versions and the overall result', () => {
		const report = reportOf( makeRun() );
		expect( report ).toMatch(
			/^# Klarna callback report for shop\.nordicgoods\.se\n/
		);
		expect( report ).toContain( '- Site: `https://shop.nordicgoods.se`' );
		expect( report ).toContain(
			'- Checked: `2025-05-14T09:32:11Z` (1.8 s)'
		);
		expect( report ).toContain( '- Run: `run-2025-05-14-0932`' );
		expect( report ).toContain(
			'- WordPress `6.8.1`, PHP `8.2.28`, server `Apache/2.4.62 (Debian)`'
		);
		expect( report ).toContain( '- WooCommerce: `9.8.5`' );
		expect( report ).toContain(
			'- Klarna Checkout: `Klarna Checkout for WooCommerce` `2.16.2` (classic)'
		);
		expect( report ).toContain(
			'- Result: All callbacks reachable. Passed: 9, warnings: 0, failed: 0, information: 0.'
		);
		expect( report ).toContain( '## Requirements' );
		expect( report ).toContain( '## Callback endpoints' );
		expect( report ).toContain( '### Passed: Push callback' );
	} );

	it( 'prints each failing finding with cause, evidence, variants and numbered steps', () => {
		const report = reportOf(
			makeRun( { observations: blockedPush( wordfenceBlock ) } )
		);
		expect( report ).toContain(
			'- Result: 1 problem will stop Klarna orders.'
		);
		expect( report ).toContain( '### Failed: Push callback' );
		expect( report ).toContain( '**Cause:** Wordfence' );
		expect( report ).toContain( '- Response: `HTTP 403 Forbidden`' );
		expect( report ).toContain(
			'- Body (first lines):\n\n  ```text\n  <!DOCTYPE html>'
		);
		expect( report ).toContain(
			'**Variants**\n\n- As Klarna sends it: failed (`HTTP 403 Forbidden`)'
		);
		expect( report ).not.toContain( '- Variants:' );
		expect( report ).toMatch(
			/\*\*How to fix\*\*\n\n1\. Wordfence: allow the callback addresses in its settings\.\n {3}- `https:\/\/shop\.nordicgoods\.se\/wc-api\/\*`\n2\. /
		);
	} );

	it( 'says when a callback is not used by the installed KCO', () => {
		const report = reportOf(
			makeRun( {
				endpointIds: [ 'validation' ],
				observations: [
					makeObservation( {
						endpoint: 'validation',
						response: wooCommerceNoHandler,
					} ),
				],
			} )
		);
		expect( report ).toContain( '### Info: Validation callback' );
		expect( report ).toContain(
			'_Not used by the installed KCO version._'
		);
	} );

	it( 'reports inactive plugins and a warning overall', () => {
		const report = reportOf(
			makeRun( {
				environment: {
					woocommerce: { active: false, version: null },
					kco: {
						active: false,
						name: null,
						version: null,
						flow: 'unknown',
					},
				},
			} )
		);
		expect( report ).toContain( '- WooCommerce: not active' );
		expect( report ).toContain( '- Klarna Checkout: not active' );
	} );

	it( 'writes unknown for versions the site did not report', () => {
		const report = reportOf(
			makeRun( {
				environment: {
					woocommerce: { active: true, version: null },
					kco: {
						active: true,
						name: null,
						version: null,
						flow: 'unknown',
					},
				},
			} )
		);
		expect( report ).toContain( '- WooCommerce: `unknown`' );
		expect( report ).toContain(
			'- Klarna Checkout: `Klarna Checkout` `unknown` (unknown)'
		);
	} );

	it( 'says nothing stops orders when there are only warnings', () => {
		const report = reportOf(
			makeRun( { environment: { plugins: [ makePlugin( {} ) ] } } )
		);
		expect( report ).toContain(
			'Nothing found stops Klarna orders, but some checks need attention.'
		);
		expect( report ).toContain( '### Warning: Push callback' );
	} );

	it( 'keeps a block page with a script and backticks inside its fence, inert', () => {
		const report = reportOf(
			makeRun( { observations: blockedPush( scriptedBlockPage ) } )
		);
		const blocks = fencedBlocks( report );
		const withScript = blocks.filter( ( block ) =>
			block.includes( '<script>' )
		);
		expect( withScript.length ).toBeGreaterThan( 0 );
		expect( blocks.join( '\n' ) ).not.toContain( '`' );
		expect( withScript[ 0 ] ).toContain(
			'Reason: ˋˋˋinjectedˋˋˋ and ˋcodeˋ'
		);
		const outsideFences = report.replace( /```text[\s\S]*?```/g, '' );
		expect( outsideFences ).not.toMatch( /<script|<img/ );
	} );
} );

describe( 'Markdown helpers', () => {
	it( 'neutralises backticks and line breaks in inline code', () => {
		expect( inlineCode( 'a `b`\nc' ) ).toBe( '`a ˋbˋ c`' );
		expect( inlineCode( '' ) ).toBe( '` `' );
	} );

	it( 'writes a fenced block without indent by default', () => {
		expect( fencedBlock( 'one' ) ).toBe( '```text\none\n```' );
	} );

	it( 'indents a fenced block for a list item', () => {
		expect( fencedBlock( 'one\ntwo', '  ' ) ).toBe(
			'  ```text\n  one\n  two\n  ```'
		);
	} );

	it( 'escapes what could start HTML, a link or code in prose', () => {
		expect( markdownText( 'A <b>[x](y)</b> `z` \\' ) ).toBe(
			'A \\<b\\>\\[x\\](y)\\</b\\> \\`z\\` \\\\'
		);
	} );
} );

/**
 * readme.txt is what WordPress.org shows and checks: it must pass the directory's rules
 * (readme-rules.ts says where each comes from) and agree with the plugin header.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { readPluginHeader, readmeProblems, parseReadme } from './readme-rules';

const root = join( __dirname, '..', '..', '..' );
const readme = readFileSync( join( root, 'readme.txt' ), 'utf8' );
const pluginHeader = readPluginHeader(
	readFileSync( join( root, 'plugin.php' ), 'utf8' )
);

/**
 * The newest WordPress the plugin is tested on: the stack's `--wp=newest`, Debian sid's
 * package (bin/fetch-wordpress.sh), 7.1 today. When sid moves on and the tests pass on the new
 * release, raise this and "Tested up to" together.
 */
const NEWEST_WORDPRESS = '7.1';

const context = {
	pluginHeader,
	slug: 'kco-callback-doctor',
	newestWordPress: NEWEST_WORDPRESS,
};

function problemsAfter( change: ( text: string ) => string ): string[] {
	const changed = change( readme );
	expect( changed ).not.toBe( readme );
	return readmeProblems( changed, context );
}

function replaceLine( field: string, line: string ) {
	return ( text: string ) =>
		text.replace( new RegExp( `^${ field }:.*$`, 'm' ), line );
}

describe( 'readme.txt', () => {
	it( 'passes every rule of the WordPress.org plugin directory', () => {
		expect( readmeProblems( readme, context ) ).toEqual( [] );
	} );

	it( 'is read the way the directory reads it: name, header fields, short description, sections', () => {
		const parsed = parseReadme( readme );
		expect( parsed.name ).toBe( 'Callback Doctor for Klarna Checkout' );
		expect( parsed.headers ).toMatchObject( {
			tested: NEWEST_WORDPRESS,
			requires: pluginHeader[ 'Requires at least' ],
			requires_php: pluginHeader[ 'Requires PHP' ],
			stable_tag: pluginHeader.Version,
		} );
		expect( parsed.shortDescription ).toMatch( /^Finds out why Klarna/ );
		expect( parsed.sections.map( ( section ) => section.key ) ).toEqual( [
			'description',
			'installation',
			'faq',
			'changelog',
		] );
	} );

	it.each( [
		[
			'no name line',
			( text: string ) => text.replace( /^=== .* ===\n/, '' ),
			'No plugin name',
		],
		[
			'a name other than the plugin header’s',
			( text: string ) =>
				text.replace( /^=== .* ===/, '=== Callback Doctor ===' ),
			'names the plugin "Callback Doctor"',
		],
		[
			'six tags',
			replaceLine(
				'Tags',
				'Tags: klarna, woocommerce, callbacks, firewall, troubleshooting, waf'
			),
			'6 tags',
		],
		[
			'a tag the directory ignores',
			replaceLine( 'Tags', 'Tags: klarna, plugin' ),
			'ignores the tags plugin',
		],
		[
			'an older "Tested up to"',
			replaceLine( 'Tested up to', 'Tested up to: 6.8' ),
			'not the newest WordPress',
		],
		[
			'a "Tested up to" that is no version',
			replaceLine( 'Tested up to', 'Tested up to: latest' ),
			'not a WordPress version',
		],
		[
			'a "Requires PHP" the directory ignores',
			replaceLine( 'Requires PHP', 'Requires PHP: 7.4+' ),
			'not a PHP version',
		],
		[
			'a "Requires at least" other than the header’s',
			replaceLine( 'Requires at least', 'Requires at least: 6.5' ),
			'in the plugin header',
		],
		[
			'"Stable tag: trunk"',
			replaceLine( 'Stable tag', 'Stable tag: trunk' ),
			'Stable tag: trunk',
		],
		[
			'a stable tag other than the plugin’s version',
			replaceLine( 'Stable tag', 'Stable tag: 0.0.9' ),
			"differs from the plugin's Version",
		],
		[ 'no license', replaceLine( 'License', '' ), '"License" is missing' ],
		[
			'a license that is not GPL-compatible',
			replaceLine( 'License', 'License: Proprietary, personal use only' ),
			'not GPL-compatible',
		],
		[
			'a license other than the header’s',
			replaceLine( 'License', 'License: MIT' ),
			'differs from the plugin header',
		],
		[
			'contributors that are not usernames',
			replaceLine(
				'Contributors',
				'Contributors: Jane Doe (translations)'
			),
			'not a WordPress.org username',
		],
		[
			'a short description over 150 characters',
			( text: string ) =>
				text.replace(
					/^Finds out why.*$/m,
					'Finds out why Klarna callbacks cannot reach your WooCommerce shop, names whatever blocks them on the way, and tells you step by step how to fix each of them.'
				),
			'characters; the directory cuts it at 150',
		],
		[
			'markup in the short description',
			( text: string ) =>
				text.replace( /^Finds out why/m, 'Finds out **why**' ),
			'contains markup',
		],
		[
			'no short description',
			( text: string ) => text.replace( /^Finds out why.*$/m, '' ),
			'No short description',
		],
		[
			'a section the directory does not know',
			( text: string ) => text.replace( '= Privacy =', '== Privacy ==' ),
			'"== Privacy ==" is not a section the directory knows',
		],
		[
			'no FAQ',
			( text: string ) =>
				text.replace(
					'== Frequently Asked Questions ==',
					'== Questions =='
				),
			'"== Frequently Asked Questions ==" is missing',
		],
		[
			'a changelog that does not start with the stable version',
			( text: string ) => text.replace( /^= 0\.1\.0 =$/m, '= 0.0.1 =' ),
			'changelog does not begin with the stable version',
		],
		[
			'a restricted term in the name',
			( text: string ) =>
				text.replace(
					/^=== .* ===/,
					'=== WooCommerce Callback Doctor for Klarna Checkout ==='
				),
			'restricted term "woocommerce"',
		],
	] )( 'fails with %s', ( _case, change, expected ) => {
		expect( problemsAfter( change ).join( '\n' ) ).toContain( expected );
	} );
} );

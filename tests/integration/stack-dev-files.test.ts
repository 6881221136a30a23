/**
 * The plugin folder in the stack is a link to the whole working tree, so the web server could
 * serve what never ships: the stack's database files, salts and logs in `.wp-stack/`, `.git`,
 * the development scripts in `bin/`, the tests and `node_modules/`. None of it may be served,
 * and the PHP scripts of `bin/` refuse to do anything when a web server runs them anyway.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { BASIC_AUTH, basicAuth } from '../e2e/support/faults';
import { docroot, withScenario } from '../e2e/support/scenarios';
import { BASE_URL, PROJECT_DIR, STACK_DIR } from './support/stack';

const PLUGIN = `${ BASE_URL }/wp-content/plugins/kco-callback-doctor`;

async function get(
	url: string,
	headers: Record< string, string > = {}
): Promise< { status: number; body: string } > {
	const response = await fetch( url, { redirect: 'manual', headers } );
	return { status: response.status, body: await response.text() };
}

describe( 'development files in the plugin folder', () => {
	it.each( [
		[ 'the stack’s version marker', '/.wp-stack/current' ],
		[ 'the stack’s salts', '/.wp-stack/salts.php' ],
		[ 'WordPress’s debug log', '/.wp-stack/logs/debug.log' ],
		[ 'the stack’s Apache log', '/.wp-stack/logs/apache-access.log' ],
		[ 'a MariaDB table file', '/.wp-stack/mysql/mysql/db.frm' ],
		[
			'the stack’s wp-config.php',
			`/.wp-stack/${ basename( docroot() ) }/wp-config.php`,
		],
		[ 'git’s configuration', '/.git/config' ],
		[ 'git’s worktree link', '/.git' ],
		[ 'a dot file', '/.gitignore' ],
		[ 'the CI folder', '/.ci/run' ],
		[ 'a bin/ PHP script', '/bin/wp-eval.php' ],
		[ 'the PHP 7.4 syntax checker', '/bin/php-syntax-check.php' ],
		[ 'a bin/ shell script', '/bin/stack-env.sh' ],
		[ 'the test runner', '/bin/test.sh' ],
		[ 'the PHPUnit bootstrap', '/tests/php/bootstrap.php' ],
		[ 'a test double', '/tests/doubles/kco-recorder.php' ],
		[ 'a jest test', '/tests/integration/stack.test.ts' ],
		[ 'a package in node_modules', '/node_modules/react/package.json' ],
		[ 'a path with an encoded dot', '/%2ewp-stack/current' ],
		[ 'a path with a doubled slash', '//bin/test.sh' ],
	] )( 'denies %s (%s)', async ( _name, path ) => {
		const { status, body } = await get( PLUGIN + path );

		expect( status ).toBe( 403 );
		expect( body ).not.toMatch(
			/define\(|wp_6_8|\[core:|#!\/usr\/bin|"name":/
		);
	} );

	it.each( [
		[ 'the built admin script', '/build/index.js', 200 ],
		[ 'the main plugin file, which prints nothing', '/plugin.php', 200 ],
	] )( 'still serves %s', async ( _name, path, expected ) => {
		expect( ( await get( PLUGIN + path ) ).status ).toBe( expected );
	} );

	it( 'still serves the site and WordPress’s own files', async () => {
		expect( ( await get( `${ BASE_URL }/` ) ).status ).toBe( 200 );
		expect(
			( await get( `${ BASE_URL }/wp-includes/images/blank.gif` ) ).status
		).toBe( 200 );
	} );

	it( 'stays denied when a scenario puts its own access rule on the whole site', async () => {
		const credentials = {
			Authorization: `Basic ${ Buffer.from(
				`${ BASIC_AUTH.username }:${ BASIC_AUTH.password }`
			).toString( 'base64' ) }`,
		};
		await withScenario( basicAuth, async () => {
			expect(
				( await get( `${ BASE_URL }/`, credentials ) ).status
			).toBe( 200 );
			expect(
				( await get( `${ PLUGIN }/bin/test.sh`, credentials ) ).status
			).toBe( 403 );
			expect(
				( await get( `${ PLUGIN }/.wp-stack/current`, credentials ) )
					.status
			).toBe( 403 );
		} );
	} );

	it( 'denies dot folders anywhere in the site', async () => {
		expect( ( await get( `${ BASE_URL }/.git/config` ) ).status ).toBe(
			403
		);
		expect( ( await get( `${ BASE_URL }/wp-content/.env` ) ).status ).toBe(
			403
		);
	} );
} );

describe( 'the PHP scripts of bin/ when a web server runs them', () => {
	// Copied where the web server runs PHP and no rule of this stack denies it, as on a host
	// that serves a plugin folder uploaded with its development files.
	const exposed = join(
		docroot(),
		'wp-content',
		'uploads',
		'kco-dev-scripts'
	);
	const scripts = [
		...readdirSync( join( PROJECT_DIR, 'bin' ) )
			.filter( ( name ) => name.endsWith( '.php' ) )
			.map( ( name ) => join( PROJECT_DIR, 'bin', name ) ),
		join( PROJECT_DIR, 'tests', 'php', 'bootstrap.php' ),
	];
	const apacheLog = join( STACK_DIR, 'logs', 'apache-error.log' );

	beforeAll( () => {
		mkdirSync( exposed, { recursive: true } );
		for ( const script of scripts ) {
			copyFileSync( script, join( exposed, basename( script ) ) );
		}
	} );

	afterAll( () => rmSync( exposed, { recursive: true, force: true } ) );

	it.each( scripts.map( ( script ) => [ basename( script ) ] ) )(
		'%s does nothing and prints nothing',
		async ( name ) => {
			const logBefore = readLines( apacheLog ).length;

			const { status, body } = await get(
				`${ BASE_URL }/wp-content/uploads/kco-dev-scripts/${ name }?1=echo%20ABSPATH;`
			);

			expect( body ).toBe( '' );
			expect( status ).toBeLessThan( 500 );
			expect(
				readLines( apacheLog )
					.slice( logBefore )
					.filter( ( line ) =>
						/PHP (Fatal|Warning|Notice)/.test( line )
					)
			).toEqual( [] );
		}
	);
} );

function readLines( file: string ): string[] {
	return existsSync( file )
		? readFileSync( file, 'utf8' ).split( '\n' ).filter( Boolean )
		: [];
}

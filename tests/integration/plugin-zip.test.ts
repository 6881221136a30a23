/**
 * The release zip (`npm run plugin-zip`, bin/plugin-zip.sh) ships what WordPress runs and shows,
 * and nothing of the development tree. Runs after the build, like the other integration tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join( __dirname, '..', '..' );
const SLUG = 'kco-callback-doctor';

describe( 'the release zip', () => {
	let scratch = '';
	let entries: string[] = [];

	beforeAll( () => {
		scratch = mkdtempSync( join( tmpdir(), 'kco-zip-' ) );
		const zip = join( scratch, `${ SLUG }.zip` );
		execFileSync( 'bash', [ 'bin/plugin-zip.sh', zip ], {
			cwd: root,
			stdio: 'pipe',
		} );
		entries = execFileSync( 'unzip', [ '-Z1', zip ], { encoding: 'utf8' } )
			.split( '\n' )
			.filter( ( entry ) => entry !== '' && ! entry.endsWith( '/' ) );
	} );

	afterAll( () => rmSync( scratch, { recursive: true, force: true } ) );

	/** Paths inside the plugin folder. */
	const files = () =>
		entries.map( ( entry ) => entry.slice( SLUG.length + 1 ) );

	it( 'holds one folder named after the plugin, as WordPress installs it', () => {
		expect( entries.length ).toBeGreaterThan( 0 );
		for ( const entry of entries ) {
			expect( entry.startsWith( `${ SLUG }/` ) ).toBe( true );
		}
	} );

	it( 'ships the plugin: main file, uninstall, every class, the built app, translations, readme and license', () => {
		expect( files() ).toEqual(
			expect.arrayContaining( [
				'plugin.php',
				'uninstall.php',
				'readme.txt',
				'LICENSE',
				'build/index.js',
				'build/index.asset.php',
				'languages/kco-callback-doctor.pot',
			] )
		);
		const classes = execFileSync(
			'git',
			[
				'ls-files',
				'--cached',
				'--others',
				'--exclude-standard',
				'includes',
			],
			{ cwd: root, encoding: 'utf8' }
		)
			.split( '\n' )
			.filter( Boolean );
		expect( classes.length ).toBeGreaterThan( 0 );
		expect( files() ).toEqual( expect.arrayContaining( classes ) );
	} );

	it( 'leaves out sources, tests, scripts, tooling, the local stack and every dotfile', () => {
		for ( const file of files() ) {
			expect( file ).not.toMatch(
				/^(src|tests|bin|docs|node_modules|artifacts|coverage)\//
			);
			expect(
				file.split( '/' ).some( ( part ) => part.startsWith( '.' ) )
			).toBe( false );
			expect( file ).not.toMatch(
				/^(package(-lock)?\.json|tsconfig\.json|README\.md|phpunit\.xml\.dist|.*\.config\.c?js)$/
			);
		}
	} );

	it( 'ships the files as they are in the working tree', () => {
		const zip = join( scratch, `${ SLUG }.zip` );
		const shipped = execFileSync(
			'unzip',
			[ '-p', zip, `${ SLUG }/plugin.php` ],
			{
				encoding: 'utf8',
			}
		);
		expect( shipped ).toBe(
			readFileSync( join( root, 'plugin.php' ), 'utf8' )
		);
	} );
} );

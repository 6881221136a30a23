/**
 * Code comments cite the project's own documentation by section (`docs/probe-protocol.md §7`).
 * bin/cite-docs.sed turns the older citations of the design document into such citations; this
 * test applies it to every file in memory and checks that nothing cites the old document
 * afterwards and that every cited section exists.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join( __dirname, '..', '..', '..' );
const SCRIPT = 'bin/cite-docs.sed';
const OLD_DOCUMENT = [ 'DESIGN', 'md' ].join( '.' );

/** Tracked and new files, less the rewrite itself and this test, which name the old document. */
function projectFiles(): string[] {
	return execFileSync(
		'git',
		[ 'ls-files', '--cached', '--others', '--exclude-standard' ],
		{ cwd: root, encoding: 'utf8' }
	)
		.split( '\n' )
		.filter(
			( file ) =>
				/\.(php|ts|tsx|js|mjs|cjs|sh|md|txt)$/.test( file ) &&
				file !== SCRIPT &&
				! file.startsWith( 'tests/unit/release/' ) &&
				existsSync( join( root, file ) )
		);
}

function rewritten( text: string ): string {
	return execFileSync( 'sed', [ '-E', '-f', SCRIPT ], {
		cwd: root,
		input: text,
		encoding: 'utf8',
	} );
}

/**
 * Section numbers (`## 7. …`) of a document in docs/.
 * @param document
 */
function sections( document: string ): Set< string > {
	const text = readFileSync( join( root, 'docs', document ), 'utf8' );
	return new Set(
		[ ...text.matchAll( /^## (\d+)\. /gm ) ].map(
			( match ) => match[ 1 ] ?? ''
		)
	);
}

describe( 'citations of the documentation', () => {
	const files = projectFiles().map( ( file ) => {
		const text = readFileSync( join( root, file ), 'utf8' );
		return {
			file,
			text: text.includes( OLD_DOCUMENT ) ? rewritten( text ) : text,
		};
	} );

	it( 'name no section of the old design document once bin/cite-docs.sed has run', () => {
		const left = files
			.filter( ( { text } ) => /DESIGN\.md\s*§/.test( text ) )
			.map( ( { file } ) => file );
		expect( left ).toEqual( [] );
	} );

	it( 'point at sections that exist in docs/', () => {
		const cited = files.flatMap( ( { file, text } ) =>
			[
				...text.matchAll(
					/docs\/([a-z-]+\.md) §(\d+(?:\.\d+)*)(?: and §(\d+(?:\.\d+)*))?/g
				),
			].flatMap( ( [ , document = '', ...numbers ] ) =>
				numbers
					.filter( ( number ): number is string => !! number )
					.map( ( number ) => ( { file, document, number } ) )
			)
		);
		expect( cited.length ).toBeGreaterThan( 20 );
		const missing = cited.filter(
			( { document, number } ) =>
				! existsSync( join( root, 'docs', document ) ) ||
				! sections( document ).has( number )
		);
		expect( missing ).toEqual( [] );
	} );
} );

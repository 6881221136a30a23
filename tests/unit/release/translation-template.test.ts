/**
 * languages/kco-callback-doctor.pot is what translators translate: it must hold every string of
 * the plugin, the PHP ones as well as the app's, and match the sources (`npm run i18n` rebuilds
 * it with bin/make-pot.sh).
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { entryKeys, readPoEntries, type PoEntry } from './po-file';

const root = join( __dirname, '..', '..', '..' );
const committed = readPoEntries(
	readFileSync( join( root, 'languages', 'kco-callback-doctor.pot' ), 'utf8' )
);

function entry( msgid: string, context = '' ): PoEntry {
	const found = committed.find(
		( candidate ) =>
			candidate.msgid === msgid && candidate.context === context
	);
	if ( ! found ) {
		throw new Error( `"${ msgid }" is not in the template` );
	}
	return found;
}

function files( found: PoEntry ): string[] {
	return found.references.map(
		( reference ) => reference.split( ':' )[ 0 ] ?? ''
	);
}

describe( 'the translation template', () => {
	it( 'holds the PHP strings: the menu title, REST errors with their translator notes, texts with a context', () => {
		expect( files( entry( 'Klarna callbacks' ) ) ).toContain(
			'includes/Admin/Page.php'
		);
		const restError = entry( '%s must be an array of endpoint ids.' );
		expect( files( restError ) ).toContain(
			'includes/Rest/RunsController.php'
		);
		expect( restError.comments.join( ' ' ) ).toMatch( /parameter name/ );
		expect( files( entry( 'all', 'KCO versions' ) ) ).toContain(
			'includes/Probe/Catalogue.php'
		);
	} );

	it( 'holds the plugin header that the Plugins screen translates', () => {
		const description = readFileSync(
			join( root, 'plugin.php' ),
			'utf8'
		).match( /^ \* Description: +(.+)$/m )?.[ 1 ];
		expect( description ).toBeDefined();
		const found = entry( description ?? '' );
		expect( found.comments ).toContain( 'Description of the plugin' );
		expect(
			files( entry( 'Callback Doctor for Klarna Checkout' ) )
		).toEqual(
			expect.arrayContaining( [
				'plugin.php',
				'includes/Admin/Page.php',
			] )
		);
	} );

	it( 'holds the app strings, with their source files for the JSON translations', () => {
		expect( files( entry( 'Run checks' ) ) ).toContain(
			'src/components/PageHeader.tsx'
		);
	} );

	it( 'is up to date with the sources (npm run i18n regenerates it)', () => {
		const scratch = mkdtempSync( join( tmpdir(), 'kco-pot-' ) );
		try {
			const fresh = join( scratch, 'fresh.pot' );
			execFileSync( 'bash', [ 'bin/make-pot.sh', fresh ], {
				cwd: root,
				stdio: 'pipe',
			} );
			const regenerated = readPoEntries( readFileSync( fresh, 'utf8' ) );
			expect( entryKeys( committed ) ).toEqual(
				entryKeys( regenerated )
			);
		} finally {
			rmSync( scratch, { recursive: true, force: true } );
		}
	}, 180000 );
} );

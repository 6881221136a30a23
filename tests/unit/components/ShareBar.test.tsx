/**
 * Sharing: the Markdown report goes to the clipboard, the raw run downloads as JSON.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ShareBar } from '../../../src/components/ShareBar';
import { buildReport } from '../../../src/diagnosis';
import { aDiagnosis, aRun, publicUrlFailure } from './fixtures';

jest.mock( '../../../src/diagnosis', () => ( {
	diagnose: jest.fn(),
	buildReport: jest.fn(),
} ) );

const run = aRun();

/**
 * jsdom's Blob has no text(); FileReader reads it.
 *
 * @param blob The blob to read.
 */
function readText( blob: Blob ): Promise< string > {
	return new Promise( ( resolve ) => {
		const reader = new FileReader();
		reader.onload = () => resolve( String( reader.result ) );
		reader.readAsText( blob );
	} );
}
const diagnosis = aDiagnosis( [ publicUrlFailure ] );

describe( 'ShareBar', () => {
	it( 'copies the Markdown report of the run on screen', async () => {
		const user = userEvent.setup();
		jest.mocked( buildReport ).mockReturnValue(
			'# Callback Doctor report\n\n- Public address: failed'
		);
		render( <ShareBar run={ run } diagnosis={ diagnosis } /> );

		await user.click(
			screen.getByRole( 'button', { name: 'Copy report' } )
		);

		expect( buildReport ).toHaveBeenCalledWith( run, diagnosis );
		await expect( navigator.clipboard.readText() ).resolves.toBe(
			'# Callback Doctor report\n\n- Public address: failed'
		);
		expect(
			screen.getByRole( 'button', { name: 'Copied!' } )
		).toBeInTheDocument();
	} );

	it( 'downloads the raw run as a JSON file', async () => {
		const user = userEvent.setup();
		const blobs: Blob[] = [];
		const createObjectURL = jest.fn( ( blob: Blob ) => {
			blobs.push( blob );
			return 'blob:run';
		} );
		const revokeObjectURL = jest.fn();
		Object.assign( URL, { createObjectURL, revokeObjectURL } );
		const downloads: string[] = [];
		const click = jest
			.spyOn( HTMLAnchorElement.prototype, 'click' )
			.mockImplementation( function ( this: HTMLAnchorElement ) {
				downloads.push( `${ this.download } ${ this.href }` );
			} );
		render( <ShareBar run={ run } diagnosis={ diagnosis } /> );

		await user.click(
			screen.getByRole( 'button', { name: 'Download JSON' } )
		);

		expect( downloads ).toEqual( [
			'kco-callback-doctor-2026-03-12-1405.json blob:run',
		] );
		expect( blobs[ 0 ]?.type ).toBe( 'application/json' );
		expect( JSON.parse( await readText( blobs[ 0 ] as Blob ) ) ).toEqual(
			run
		);
		click.mockRestore();
	} );
} );

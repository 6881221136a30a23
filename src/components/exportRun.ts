/**
 * Hands the raw run to the owner as a file, for a support ticket or a developer.
 */
import type { Run } from '../api/types';

/**
 * File name with the run's date, e.g. `kco-callback-doctor-2026-03-12-1405.json`.
 *
 * @param run The run to save.
 */
export function runFileName( run: Run ): string {
	const stamp = run.startedAt.replace( /[^0-9]/g, '' ).slice( 0, 12 );
	const date =
		stamp.length === 12
			? `${ stamp.slice( 0, 4 ) }-${ stamp.slice( 4, 6 ) }-${ stamp.slice( 6, 8 ) }-${ stamp.slice( 8 ) }`
			: run.id;
	return `kco-callback-doctor-${ date }.json`;
}

/**
 * Starts a download of the run as pretty-printed JSON.
 *
 * @param run The run to save.
 */
export function downloadRunJson( run: Run ): void {
	const blob = new Blob( [ JSON.stringify( run, null, 2 ) ], {
		type: 'application/json',
	} );
	const url = URL.createObjectURL( blob );
	const link = document.createElement( 'a' );
	link.href = url;
	link.download = runFileName( run );
	document.body.appendChild( link );
	link.click();
	link.remove();
	// Revoked on the next tick: some browsers read the URL after click() returns.
	window.setTimeout( () => URL.revokeObjectURL( url ), 0 );
}

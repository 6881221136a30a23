/**
 * Text as text: what a remote server sent is kept verbatim, never interpreted as HTML, and only
 * cleaned of control characters that would garble a card or a report.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { ProbeResponse } from '../api/types';

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Line breaks normalised to `\n`, control characters (but tabs and line breaks) removed.
 * @param value Text to treat.
 */
export function plainText( value: string ): string {
	return value.replace( /\r\n?/g, '\n' ).replace( CONTROL_CHARACTERS, '' );
}

/**
 * One line: line breaks become spaces, long values are cut with an ellipsis.
 * @param value    Text to treat.
 * @param maxChars Longest text to keep, in characters.
 */
export function oneLine( value: string, maxChars = 300 ): string {
	const line = plainText( value )
		.replace( /\s*\n\s*/g, ' ' )
		.trim();
	return line.length > maxChars
		? `${ line.slice( 0, maxChars - 1 ) }…`
		: line;
}

/**
 * The first non-empty lines of a body, verbatim (a block page stays what it is: text). Blank
 * lines are collapsed so the few lines shown carry the message, not the page's indentation.
 * @param body     A response body as text.
 * @param maxLines Most lines to keep.
 * @param maxChars Longest text to keep, in characters.
 */
export function firstLines(
	body: string,
	maxLines = 20,
	maxChars = 2000
): string {
	const lines = plainText( body )
		.split( '\n' )
		.map( ( line ) => line.trimEnd() )
		.filter( ( line ) => line.trim() !== '' );
	let text = lines.slice( 0, maxLines ).join( '\n' );
	if ( text.length > maxChars ) {
		text = `${ text.slice( 0, maxChars - 1 ) }…`;
	} else if ( lines.length > maxLines ) {
		text = `${ text }\n…`;
	}
	return text;
}

/**
 * `850 ms` below a second, `3.4 s` from a second on.
 * @param ms A duration in milliseconds.
 */
export function formatDuration( ms: number ): string {
	if ( ms < 1000 ) {
		return sprintf(
			/* translators: %d: a duration in milliseconds. */
			__( '%d ms', 'kco-callback-doctor' ),
			Math.round( ms )
		);
	}
	return sprintf(
		/* translators: %s: a duration in seconds with one decimal, e.g. 3.4. */
		__( '%s s', 'kco-callback-doctor' ),
		( ms / 1000 ).toFixed( 1 )
	);
}

/**
 * `HTTP 403 Forbidden`.
 * @param response The HTTP answer that was received.
 */
export function statusLine( response: ProbeResponse ): string {
	return oneLine( `HTTP ${ response.status } ${ response.reason }` );
}

/**
 * Header value by name, whatever the case it was recorded in, or null.
 * @param response The HTTP answer that was received.
 * @param name     Header name.
 */
export function header( response: ProbeResponse, name: string ): string | null {
	const wanted = name.toLowerCase();
	const found = Object.entries( response.headers ).find(
		( [ key ] ) => key.toLowerCase() === wanted
	);
	return found ? found[ 1 ] : null;
}

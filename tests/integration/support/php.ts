/**
 * PHP run inside the stack's WordPress (WP-CLI `wp eval`) that hands back a value as JSON.
 * WordPress and its plugins may print notices before it, so the value follows a marker.
 */
import { wpEval } from './stack';

const MARKER = '@@kco-json@@';

/**
 * Evaluates `expression` (PHP) after `statements` and returns its value, decoded from JSON.
 * @param expression A PHP expression, e.g. `get_option( 'home' )`.
 * @param statements PHP run before, e.g. `require_once …;`.
 */
export function phpValue< T >( expression: string, statements = '' ): T {
	const output = wpEval(
		`${ statements } echo "\\n${ MARKER }" . wp_json_encode( ${ expression } );`
	);
	const at = output.lastIndexOf( MARKER );
	if ( at < 0 ) {
		throw new Error( `No value came back from wp eval:\n${ output }` );
	}
	return JSON.parse( output.slice( at + MARKER.length ) ) as T;
}

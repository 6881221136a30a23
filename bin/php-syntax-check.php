<?php
/**
 * Parses every PHP file named on the command line and reports syntax errors; exits 1 if any.
 * Run under PHP 7.4 through @php-wasm/cli (bin/lint-php.sh) to prove the plugin's
 * "Requires PHP: 7.4" — one process for all files instead of one `php -l` each.
 *
 * @package KcoCallbackDoctor
 */

// A development tool: a web server that reaches this file (the plugin folder with its
// development files on a host) gets nothing.
if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$failed = 0;
foreach ( array_slice( $argv, 1 ) as $file ) {
	try {
		// TOKEN_PARSE runs the full parser, so this fails exactly where `php -l` would.
		token_get_all( (string) file_get_contents( $file ), TOKEN_PARSE );
	} catch ( ParseError $error ) {
		++$failed;
		fwrite( STDOUT, sprintf( "PHP %s syntax error in %s on line %d: %s\n", PHP_VERSION, $file, $error->getLine(), $error->getMessage() ) );
	}
}
fwrite( STDOUT, sprintf( "PHP %s parsed %d files, %d with errors\n", PHP_VERSION, $argc - 1, $failed ) );
exit( $failed > 0 ? 1 : 0 );

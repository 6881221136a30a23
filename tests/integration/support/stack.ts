/**
 * Where the local stack lives and what it leaves behind for tests to read: the KCO recorder's
 * log and WordPress's debug log (both under .wp-stack/, see bin/stack-env.sh).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECT_DIR = join( __dirname, '..', '..', '..' );
export const STACK_DIR = join( PROJECT_DIR, '.wp-stack' );
export const BASE_URL = `http://127.0.0.1:${ process.env.KCO_STACK_PORT ?? '8888' }`;

export interface RecordedCall {
	handler: string;
	method: string;
	uri: string;
	userAgent: string;
	probeHeader: boolean;
}

/**
 * Runs SQL against the stack's database as MariaDB's root over its private socket, and returns
 * the rows as tab-separated lines. Fast enough to poll, unlike a WP-CLI call.
 * @param sql The query.
 */
export function dbQuery( sql: string ): string[] {
	const version = readFileSync( join( STACK_DIR, 'current' ), 'utf8' ).trim();
	const database = version === 'newest' ? 'wp_newest' : 'wp_6_8';
	return execFileSync(
		'mariadb',
		[
			`--socket=${ join( STACK_DIR, 'run', 'mysqld.sock' ) }`,
			'-uroot',
			'--batch',
			'--skip-column-names',
			database,
			'-e',
			sql,
		],
		{ encoding: 'utf8' }
	)
		.split( '\n' )
		.filter( Boolean );
}

const RECORDER_LOG = join( STACK_DIR, 'run', 'kco-recorder.jsonl' );
const DEBUG_LOG = join( STACK_DIR, 'logs', 'debug.log' );

function readLines( file: string ): string[] {
	if ( ! existsSync( file ) ) {
		return [];
	}
	return readFileSync( file, 'utf8' ).split( '\n' ).filter( Boolean );
}

function clear( file: string ): void {
	if ( existsSync( file ) ) {
		truncateSync( file, 0 );
	}
}

/** Every call the KCO handler recorder saw since the last clear. */
export const recorder = {
	calls: (): RecordedCall[] =>
		readLines( RECORDER_LOG ).map(
			( line ) => JSON.parse( line ) as RecordedCall
		),
	clear: (): void => clear( RECORDER_LOG ),
};

/** WordPress's debug log (WP_DEBUG_LOG): notices, warnings and errors since the last clear. */
export const debugLog = {
	lines: (): string[] => readLines( DEBUG_LOG ),
	clear: (): void => clear( DEBUG_LOG ),
	/** PHP's fatal errors, warnings, notices and deprecations; a test expects none. */
	phpProblems: (): string[] =>
		readLines( DEBUG_LOG ).filter( ( line ) =>
			/PHP (Fatal|Warning|Notice|Deprecated|Parse)/.test( line )
		),
};

/**
 * Runs PHP inside the stack's WordPress with WP-CLI (`wp eval`, through bin/wp.sh) and returns
 * what it printed. For test set-up only: options, users, rewrite rules.
 * @param php
 */
export function wpEval( php: string ): string {
	return wpCli( 'eval', php );
}

/**
 * Runs a WP-CLI command against the running stack (bin/wp.sh) and returns what it printed.
 * @param args WP-CLI arguments, e.g. `[ 'plugin', 'deactivate', 'woocommerce' ]`.
 */
export function wpCli( ...args: string[] ): string {
	return execFileSync(
		'bash',
		[ join( PROJECT_DIR, 'bin', 'wp.sh' ), ...args ],
		{
			cwd: PROJECT_DIR,
			encoding: 'utf8',
		}
	);
}

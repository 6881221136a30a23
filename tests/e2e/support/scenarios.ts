/**
 * Fault scenarios of the proof suite: small, named switches that make the real local stack
 * misbehave the way real shops do (Apache config snippets, must-use plugins, options, files),
 * each applied and reverted by the tests. None of this is shipped in the plugin.
 */
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
	PROJECT_DIR,
	STACK_DIR,
	wpEval,
} from '../../integration/support/stack';
import { waitUntil } from '../../integration/support/wait';

export interface Scenario {
	name: string;
	apply: () => void;
	revert: () => void;
}

/** Document root of the WordPress the stack serves now. */
export function docroot(): string {
	const currentFile = join( STACK_DIR, 'current' );
	const current = existsSync( currentFile )
		? readFileSync( currentFile, 'utf8' ).trim()
		: '6.8';
	return join( STACK_DIR, `wordpress-${ current }` );
}

/**
 * Makes the stack's Apache take its scenario snippets: a graceful reload, or a full restart.
 * @param restart Whether to stop and start it (worker limits need that).
 */
function reloadApache( restart = false ): void {
	execFileSync(
		'bash',
		[
			join( PROJECT_DIR, 'bin', 'stack-reload.sh' ),
			...( restart ? [ '--restart' ] : [] ),
		],
		{ stdio: 'inherit' }
	);
}

/**
 * An Apache configuration snippet, active after a graceful reload (or a full restart, for
 * settings a graceful reload does not apply, such as worker limits).
 * @param name
 * @param config
 * @param options
 * @param options.restart Stop and start Apache instead of reloading it.
 */
export function apacheSnippet(
	name: string,
	config: string,
	{ restart = false }: { restart?: boolean } = {}
): Scenario {
	const file = join( STACK_DIR, 'apache', 'scenarios', `${ name }.conf` );
	return {
		name,
		apply: () => {
			writeFileSync( file, config );
			reloadApache( restart );
		},
		revert: () => {
			rmSync( file, { force: true } );
			reloadApache( restart );
		},
	};
}

/**
 * A must-use plugin, loaded by every request while it exists.
 * @param name
 * @param php
 */
export function muPlugin( name: string, php: string ): Scenario {
	const file = () =>
		join(
			docroot(),
			'wp-content',
			'mu-plugins',
			`kco-scenario-${ name }.php`
		);
	return {
		name,
		apply: () => {
			mkdirSync( join( docroot(), 'wp-content', 'mu-plugins' ), {
				recursive: true,
			} );
			writeFileSync(
				file(),
				`<?php\n// Proof-suite scenario "${ name }" (tests/e2e).\n${ php }\n`
			);
		},
		revert: () => rmSync( file(), { force: true } ),
	};
}

/**
 * A file relative to the document root (e.g. `.maintenance`).
 * @param name
 * @param relativePath
 * @param content
 */
export function docrootFile(
	name: string,
	relativePath: string,
	content: string
): Scenario {
	return {
		name,
		apply: () => writeFileSync( join( docroot(), relativePath ), content ),
		revert: () =>
			rmSync( join( docroot(), relativePath ), { force: true } ),
	};
}

/**
 * Sets WordPress options for the scenario and restores their previous values after.
 * @param name
 * @param values
 */
export function options(
	name: string,
	values: Record< string, string >
): Scenario {
	let previous: Record< string, string > = {};
	const encode = ( value: unknown ) =>
		JSON.stringify( JSON.stringify( value ) );
	return {
		name,
		apply: () => {
			previous = JSON.parse(
				wpEval(
					`$o = array(); foreach ( json_decode( ${ encode( Object.keys( values ) ) } ) as $k ) { $o[ $k ] = (string) get_option( $k ); } echo wp_json_encode( $o );`
				)
			) as Record< string, string >;
			setOptions( values );
		},
		revert: () => setOptions( previous ),
	};
}

function setOptions( values: Record< string, string > ): void {
	const json = JSON.stringify( JSON.stringify( values ) );
	wpEval(
		`foreach ( json_decode( ${ json }, true ) as $k => $v ) { update_option( $k, $v ); } if ( function_exists( 'flush_rewrite_rules' ) ) { delete_option( 'rewrite_rules' ); }`
	);
}

/**
 * Several switches as one scenario; reverted in reverse order.
 * @param name
 * @param parts
 */
export function combined( name: string, parts: Scenario[] ): Scenario {
	return {
		name,
		apply: () => parts.forEach( ( part ) => part.apply() ),
		// Every part is reverted even when one of them fails; the first failure is reported.
		revert: () => {
			const failures: unknown[] = [];
			for ( const part of [ ...parts ].reverse() ) {
				try {
					part.revert();
				} catch ( failure ) {
					failures.push( failure );
				}
			}
			if ( failures.length > 0 ) {
				throw failures[ 0 ];
			}
		},
	};
}

/**
 * Runs `body` with the scenario applied and always reverts it, so one failing scenario never
 * leaks into the next.
 * @param scenario
 * @param body
 */
export async function withScenario< T >(
	scenario: Scenario,
	body: () => Promise< T >
): Promise< T > {
	// A test that timed out leaves its body running, and its scenario is reverted only once that
	// body ends. Applying the next scenario before then would stack two faults, so wait for it.
	await waitUntil( () => ! existsSync( ACTIVE_SCENARIO ), {
		what: `the scenario "${ activeScenarioName() }" of an earlier test is reverted`,
		timeoutMs: 10 * 60_000,
	} );
	writeFileSync( ACTIVE_SCENARIO, scenario.name );
	try {
		// A scenario that failed half-way is reverted too, so it cannot leak either.
		scenario.apply();
		return await body();
	} finally {
		try {
			scenario.revert();
		} finally {
			rmSync( ACTIVE_SCENARIO, { force: true } );
		}
	}
}

/** Marks the scenario in force, across test files (each runs in a context of its own). */
const ACTIVE_SCENARIO = join( STACK_DIR, 'run', 'active-scenario' );

function activeScenarioName(): string {
	try {
		return readFileSync( ACTIVE_SCENARIO, 'utf8' );
	} catch {
		return '';
	}
}

#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --json]
 *
 * Measures, against the real local stack, what the plugin costs where it is not used and how
 * fast a check is where it is (issue: benchmarks). Prints a table, writes the figures to
 * artifacts/bench/latest.json, and with --json prints them as one JSON object on the last line.
 * Not a test: goals are reported, never asserted.
 */
/* eslint-disable no-console -- a command-line tool: the console is its output. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = join( dirname( fileURLToPath( import.meta.url ) ), '..' );
const BASE = `http://127.0.0.1:${ process.env.KCO_STACK_PORT ?? '8888' }`;
const args = new Set( process.argv.slice( 2 ) );
const quick = args.has( '--quick' );
const asJson = args.has( '--json' );

const log = ( ...parts ) => {
	if ( ! asJson ) {
		console.log( ...parts );
	}
};

function wpEval( php ) {
	return execFileSync(
		'php',
		[ join( PROJECT, 'bin', 'wp-eval.php' ), php ],
		{ cwd: PROJECT, encoding: 'utf8' }
	);
}

function setPluginActive( active ) {
	wpEval(
		`require_once ABSPATH . 'wp-admin/includes/plugin.php'; ${
			active
				? "activate_plugin( 'kco-callback-doctor/plugin.php' );"
				: "deactivate_plugins( 'kco-callback-doctor/plugin.php' );"
		}`
	);
}

const median = ( values ) => {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]
		: ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
};

/**
 * Included PHP files of one request, as the bench reporter (tests/doubles) prints them.
 *
 * @param {string} path Path below the home URL.
 */
async function includedFiles( path ) {
	const response = await fetch( `${ BASE }${ path }`, {
		headers: { 'X-Kco-Bench-Files': '1' },
	} );
	const text = await response.text();
	const match = text.match( /<!-- kco-bench-files (.*) -->\s*$/ );
	if ( ! match ) {
		throw new Error(
			`No included-files report from ${ path } (is the stack up with --with-test-doubles?)`
		);
	}
	return JSON.parse( match[ 1 ] );
}

/**
 * Requests per second with wrk (Debian package) for a fixed duration on one connection pair.
 *
 * @param {string} path    Path below the home URL.
 * @param {number} seconds How long to load it.
 */
function requestsPerSecond( path, seconds ) {
	const result = spawnSync(
		'wrk',
		[ '-t1', '-c2', `-d${ seconds }s`, `${ BASE }${ path }` ],
		{ encoding: 'utf8' }
	);
	const match = result.stdout.match( /Requests\/sec:\s+([\d.]+)/ );
	if ( ! match ) {
		throw new Error( `wrk failed: ${ result.stderr || result.stdout }` );
	}
	return Number( match[ 1 ] );
}

async function frontEndCost() {
	const pages = { frontPage: '/', restRequest: '/wp-json/wp/v2/types/post' };
	const files = {};
	for ( const [ name, path ] of Object.entries( pages ) ) {
		setPluginActive( false );
		const inactive = await includedFiles( path );
		setPluginActive( true );
		const active = await includedFiles( path );
		files[ name ] = {
			inactive: inactive.total,
			active: active.total,
			pluginFiles: active.plugin,
		};
	}
	// Alternating rounds cancel drift (caches warming, other load on the machine).
	const rounds = quick ? 1 : 5;
	const seconds = quick ? 1 : 4;
	const ratios = [];
	const rps = { active: [], inactive: [] };
	for ( let round = 0; round < rounds; round++ ) {
		setPluginActive( false );
		const off = requestsPerSecond( pages.frontPage, seconds );
		setPluginActive( true );
		const on = requestsPerSecond( pages.frontPage, seconds );
		rps.inactive.push( off );
		rps.active.push( on );
		ratios.push( on / off );
	}
	return { files, rps, ratio: median( ratios ) };
}

function bundleSize() {
	const measure = ( file ) => {
		try {
			const bytes = readFileSync( file );
			return {
				bytes: bytes.length,
				gzip: gzipSync( bytes, { level: 9 } ).length,
			};
		} catch {
			return { bytes: 0, gzip: 0 };
		}
	};
	const current = readFileSync(
		join( PROJECT, '.wp-stack', 'current' ),
		'utf8'
	).trim();
	return {
		js: measure( join( PROJECT, 'build', 'index.js' ) ),
		css: measure( join( PROJECT, 'build', 'index.css' ) ),
		siteHealthReference: measure(
			join(
				PROJECT,
				'.wp-stack',
				`wordpress-${ current }`,
				'wp-admin',
				'js',
				'site-health.min.js'
			)
		),
	};
}

async function main() {
	statSync( join( PROJECT, '.wp-stack', 'READY' ) );
	log( `Benchmarking ${ BASE }${ quick ? ' (quick)' : '' }…` );
	const frontEnd = await frontEndCost();
	const bundle = bundleSize();

	const figures = {
		// Files the plugin adds beyond its main file, which WordPress includes for every active
		// plugin: what the plugin itself chooses to load on requests that are not its own.
		frontEndExtraFiles: Math.max(
			frontEnd.files.frontPage.active -
				frontEnd.files.frontPage.inactive -
				1,
			frontEnd.files.restRequest.active -
				frontEnd.files.restRequest.inactive -
				1
		),
		frontEndPluginFiles: frontEnd.files.frontPage.pluginFiles,
		frontEndRpsRatio: Number( frontEnd.ratio.toFixed( 3 ) ),
		frontEndRps: {
			active: median( frontEnd.rps.active ),
			inactive: median( frontEnd.rps.inactive ),
		},
		bundleBytes: bundle.js.bytes,
		bundleGzipBytes: bundle.js.gzip,
		cssBytes: bundle.css.bytes,
		siteHealthJsBytes: bundle.siteHealthReference.bytes,
	};

	log( '' );
	log( '| measure | value | goal |' );
	log( '|---|---|---|' );
	log(
		`| PHP files beyond the main plugin file, front-end page / REST request | ${ frontEnd.files.frontPage.active - frontEnd.files.frontPage.inactive - 1 } / ${ frontEnd.files.restRequest.active - frontEnd.files.restRequest.inactive - 1 } (included: ${ frontEnd.files.frontPage.pluginFiles.map( ( file ) => file.split( '/' ).pop() ).join( ', ' ) }) | 0 |`
	);
	log(
		`| front-end requests/s, active ÷ inactive (median of rounds) | ${ figures.frontEndRpsRatio } (${ figures.frontEndRps.active.toFixed( 0 ) } vs ${ figures.frontEndRps.inactive.toFixed( 0 ) }) | ≥ 0.99 |`
	);
	log(
		`| build/index.js minified / gzip | ${ bundle.js.bytes } / ${ bundle.js.gzip } B | ≤ 25 KB |`
	);
	log( `| build/index.css | ${ bundle.css.bytes } B | |` );
	log(
		`| wp-admin/js/site-health.min.js (reference) | ${ bundle.siteHealthReference.bytes } / ${ bundle.siteHealthReference.gzip } B | |`
	);

	mkdirSync( join( PROJECT, 'artifacts', 'bench' ), { recursive: true } );
	writeFileSync(
		join( PROJECT, 'artifacts', 'bench', 'latest.json' ),
		JSON.stringify( figures, null, 2 ) + '\n'
	);
	if ( asJson ) {
		console.log( JSON.stringify( figures ) );
	}
}

main().catch( ( error ) => {
	console.error( error.message );
	process.exitCode = 1;
} );

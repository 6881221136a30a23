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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { heartbeatCost, stuckOrderQuery } from './bench-traffic.mjs';

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

/**
 * fetch() on a connection of its own: the load rounds run long enough for Apache to close any
 * pooled keep-alive socket, and Klarna's calls arrive on fresh connections too.
 *
 * @param {string} url  Where to send it.
 * @param {Object} init fetch() options.
 */
function request( url, init = {} ) {
	return fetch( url, {
		...init,
		headers: { ...( init.headers ?? {} ), Connection: 'close' },
	} );
}

function wpEval( php ) {
	return execFileSync(
		'bash',
		[ join( PROJECT, 'bin', 'wp.sh' ), 'eval', php ],
		{
			cwd: PROJECT,
			encoding: 'utf8',
		}
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
	const response = await request( `${ BASE }${ path }`, {
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

/** A logged-in REST session (cookie + nonce), as the admin page has. */
async function logIn() {
	const response = await request( `${ BASE }/wp-login.php`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
		body: new URLSearchParams( {
			log: 'admin',
			pwd: 'admin-password',
			testcookie: '1',
		} ),
	} );
	const cookie = response.headers
		.getSetCookie()
		.map( ( item ) => item.split( ';' )[ 0 ] )
		.join( '; ' );
	const nonce = await (
		await request( `${ BASE }/wp-admin/admin-ajax.php?action=rest-nonce`, {
			headers: { Cookie: cookie },
		} )
	).text();
	return ( route, body ) =>
		request( `${ BASE }/wp-json/kco-callback-doctor/v1/${ route }`, {
			method: 'POST',
			headers: {
				Cookie: cookie,
				'X-WP-Nonce': nonce.trim(),
				'Content-Type': 'application/json',
			},
			body: JSON.stringify( body ),
		} );
}

/**
 * Milliseconds an async step takes.
 *
 * @param {Function} step The step.
 */
async function timed( step ) {
	const start = performance.now();
	await step();
	return performance.now() - start;
}

/**
 * POST /runs for every endpoint against the slowest single-endpoint run: probes that really run
 * in parallel make the two about equal; sequential probes would make the first about five times
 * the second.
 *
 * @param {Function} post A logged-in REST POST.
 */
async function runLatency( post ) {
	const ids = [
		'push',
		'notification',
		'validation',
		'shipping-option-update',
		'block-validate',
	];
	const rounds = quick ? 1 : 5;
	const all = [];
	const slowest = [];
	const run = async ( body ) => {
		const response = await post( 'runs', body );
		if ( ! response.ok ) {
			throw new Error( `POST /runs answered ${ response.status }` );
		}
		await response.arrayBuffer();
	};
	// Quick runs: a held answer waits until just under Klarna's deadline on purpose, a fixed
	// time that says nothing about whether the probes overlap.
	for ( let round = 0; round < rounds; round++ ) {
		all.push( await timed( () => run( { quick: true } ) ) );
		const singles = [];
		for ( const id of ids ) {
			singles.push(
				await timed( () => run( { endpoints: [ id ], quick: true } ) )
			);
		}
		slowest.push( Math.max( ...singles ) );
	}
	return { allMs: median( all ), slowestSingleMs: median( slowest ) };
}

/**
 * Runs `measure` while every callback request sleeps 300 ms before WordPress answers: the time a
 * real shop spends on the network and in PHP, without using the CPU. On an idle local stack each
 * probe is mostly PHP CPU, and two cores cannot run six of them at once; with this latency the
 * figure shows whether the probes really overlap.
 *
 * @param {Function} measure The measurement to run.
 */
async function withCallbackDelay( measure ) {
	const current = readFileSync(
		join( PROJECT, '.wp-stack', 'current' ),
		'utf8'
	).trim();
	const file = join(
		PROJECT,
		'.wp-stack',
		`wordpress-${ current }`,
		'wp-content',
		'mu-plugins',
		'kco-bench-callback-delay.php'
	);
	writeFileSync(
		file,
		"<?php\n// Written and removed by bin/bench.mjs.\nif ( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/' ) || false !== strpos( $_SERVER['REQUEST_URI'] ?? '', 'kco-block/' ) ) {\n\tusleep( 300000 );\n}\n"
	);
	try {
		return await measure();
	} finally {
		rmSync( file, { force: true } );
	}
}

/**
 * Time to the echo for a signed probe, against the same request without a token, which the
 * wc-api double hands to the (recorded) KCO handler.
 *
 * @param {Function} post A logged-in REST POST.
 */
async function responderCost( post ) {
	const samples = quick ? 3 : 20;
	const echo = [];
	const plain = [];
	for ( let sample = 0; sample < samples; sample++ ) {
		const probe = await (
			await post( 'external-probes', { endpoint: 'push' } )
		).json();
		const headers = { ...probe.headers };
		echo.push(
			await timed( async () => {
				const response = await request( probe.url, {
					method: 'POST',
					headers,
					body: probe.body,
				} );
				await response.text();
			} )
		);
		delete headers[ 'X-KCO-Doctor-Probe' ];
		plain.push(
			await timed( async () => {
				const response = await request( probe.url, {
					method: 'POST',
					headers,
					body: probe.body,
				} );
				await response.text();
			} )
		);
	}
	return { echoMs: median( echo ), plainMs: median( plain ) };
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

/**
 * Brings up what the benchmark measures against, as `npm test` does: wrk and the stack with the
 * test must-use plugins (the included-files reporter among them), on the WordPress version the
 * stack already serves (6.8 on a fresh clone). Idempotent and quick when all is up.
 */
function bringUpStack() {
	let version = '6.8';
	try {
		version = readFileSync(
			join( PROJECT, '.wp-stack', 'current' ),
			'utf8'
		).trim();
	} catch {
		// A fresh clone: no stack yet.
	}
	const run = ( script, ...scriptArgs ) =>
		execFileSync(
			'bash',
			[ join( PROJECT, 'bin', script ), ...scriptArgs ],
			{
				cwd: PROJECT,
				stdio: [ 'ignore', asJson ? 'ignore' : 'inherit', 'inherit' ],
			}
		);
	run( 'ensure-packages.sh', 'stack', 'bench' );
	run( 'wp-up.sh', `--wp=${ version }`, '--with-test-doubles', '--quiet' );
}

async function main() {
	bringUpStack();
	log( `Benchmarking ${ BASE }${ quick ? ' (quick)' : '' }…` );
	let frontEnd;
	try {
		frontEnd = await frontEndCost();
	} finally {
		// Whatever happened, leave the plugin active as the stack had it.
		setPluginActive( true );
	}
	const bundle = bundleSize();
	const post = await logIn();
	const idleLatency = await runLatency( post );
	const latency = await withCallbackDelay( () => runLatency( post ) );
	const responder = await responderCost( post );
	const heartbeat = await heartbeatCost( {
		project: PROJECT,
		base: BASE,
		quick,
	} );
	const stuckOrders = stuckOrderQuery( { project: PROJECT, quick } );

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
		runAllMs: Math.round( latency.allMs ),
		runSlowestSingleMs: Math.round( latency.slowestSingleMs ),
		runLatencyRatio: Number(
			( latency.allMs / latency.slowestSingleMs ).toFixed( 2 )
		),
		runIdleAllMs: Math.round( idleLatency.allMs ),
		runIdleSlowestSingleMs: Math.round( idleLatency.slowestSingleMs ),
		runIdleLatencyRatio: Number(
			( idleLatency.allMs / idleLatency.slowestSingleMs ).toFixed( 2 )
		),
		responderEchoMs: Number( responder.echoMs.toFixed( 1 ) ),
		plainWcApiMs: Number( responder.plainMs.toFixed( 1 ) ),
		pushWithoutHeartbeatMs: Number( heartbeat.offMs.toFixed( 1 ) ),
		pushHeartbeatReadingMs: Number( heartbeat.readingMs.toFixed( 1 ) ),
		pushHeartbeatWritingMs: Number( heartbeat.writingMs.toFixed( 1 ) ),
		heartbeatInPhpReadingMs: Number(
			heartbeat.heartbeatReadingMs.toFixed( 2 )
		),
		heartbeatInPhpWritingMs: Number(
			heartbeat.heartbeatWritingMs.toFixed( 2 )
		),
		heartbeatInPhpOffMs: Number( heartbeat.heartbeatOffMs.toFixed( 2 ) ),
		stuckOrderQueryHposMs: Number( stuckOrders.hpos.ms.toFixed( 1 ) ),
		stuckOrderQueryPostsMs: Number( stuckOrders.posts.ms.toFixed( 1 ) ),
		stuckOrderQueryOrders: stuckOrders.hpos.orders,
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
		`| POST /runs, all endpoints ÷ slowest single endpoint, callbacks taking 300 ms | ${ figures.runLatencyRatio } (${ figures.runAllMs } ms vs ${ figures.runSlowestSingleMs } ms) | ≤ 1.2 |`
	);
	log(
		`| the same on the idle local stack (PHP CPU-bound, 2 cores) | ${ figures.runIdleLatencyRatio } (${ figures.runIdleAllMs } ms vs ${ figures.runIdleSlowestSingleMs } ms) | |`
	);
	log(
		`| signed probe to echo vs plain /wc-api/ request (median) | ${ figures.responderEchoMs } ms vs ${ figures.plainWcApiMs } ms | |`
	);
	log(
		`| unsigned push, Apache's time (median of ${ heartbeat.samples }): heartbeat off / reading only (a burst) / writing (first call in a minute) | ${ figures.pushWithoutHeartbeatMs } / ${ figures.pushHeartbeatReadingMs } / ${ figures.pushHeartbeatWritingMs } ms | |`
	);
	log(
		`| the heartbeat's own PHP time on that push (median): switched off / reading only / writing | ${ figures.heartbeatInPhpOffMs } / ${ figures.heartbeatInPhpReadingMs } / ${ figures.heartbeatInPhpWritingMs } ms | |`
	);
	for ( const [ storage, result ] of Object.entries( stuckOrders ) ) {
		log(
			`| stuck-order search, ${ result.orders.toLocaleString( 'en' ) } orders in ${ storage === 'hpos' ? 'HPOS tables' : 'posts tables' } (median; ${ result.listed } listed${ result.more ? ', more exist' : '' }) | ${ result.ms.toFixed( 1 ) } ms | |`
		);
	}
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
	console.error( error.message, error.cause ?? '' );
	process.exitCode = 1;
} );

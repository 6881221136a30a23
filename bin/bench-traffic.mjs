/**
 * The benchmark's real-traffic measures (npm run bench imports this module):
 *
 * - What the heartbeat adds to a real push: the same unsigned, Klarna-shaped push served with the
 *   heartbeat switched off, with the heartbeat only reading (the callback was written less than
 *   a minute ago: the cost every call of a burst pays) and with it writing (the first call in a
 *   minute). Times are Apache's own (%D in the access log), so the client and the network are
 *   not in them; modes alternate sample by sample so drift hits all three alike.
 * - What the stuck-order search costs on a shop with 100,000 orders, in both of WooCommerce's
 *   order storages: the orders are generated with bulk SQL (a sequence table, no
 *   wc_create_order() per order) into an id range far above the shop's own, measured inside
 *   PHP, and deleted again, with the tables' auto-increment put back.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Generated orders get ids from here up, far above any the stack's shop will reach. */
const FIRST_BENCH_ID = 900_000_000;

const median = ( values ) => {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]
		: ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
};

/**
 * Helpers bound to one project checkout and stack.
 *
 * @param {string} project Project directory.
 */
export function stackOf( project ) {
	const stack = join( project, '.wp-stack' );
	const current = readFileSync( join( stack, 'current' ), 'utf8' ).trim();
	const database = current === 'newest' ? 'wp_newest' : 'wp_6_8';
	return {
		docroot: join( stack, `wordpress-${ current }` ),
		accessLog: join( stack, 'logs', 'apache-access.log' ),
		sql: ( statement ) =>
			execFileSync(
				'mariadb',
				[
					`--socket=${ join( stack, 'run', 'mysqld.sock' ) }`,
					'-uroot',
					'--batch',
					'--skip-column-names',
					database,
					'-e',
					statement,
				],
				{ encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
			).trim(),
		wp: ( ...args ) =>
			execFileSync(
				'bash',
				[ join( project, 'bin', 'wp.sh' ), ...args ],
				{
					cwd: project,
					encoding: 'utf8',
					stdio: [ 'ignore', 'pipe', 'ignore' ],
				}
			).trim(),
	};
}

/**
 * Apache's time for the request whose line contains `marker`, in ms. Apache writes the line
 * after the answer has gone out, so it is awaited.
 *
 * @param {string} accessLog Path of the access log.
 * @param {string} marker    A unique part of the request line.
 */
async function serverMs( accessLog, marker ) {
	const giveUpAt = Date.now() + 30_000;
	for (;;) {
		const line = readFileSync( accessLog, 'utf8' )
			.split( '\n' )
			.reverse()
			.find( ( candidate ) => candidate.includes( marker ) );
		// `%h %t "%r" %>s %b %D "%{User-Agent}i"` (bin/stack-env.sh): %D is in microseconds.
		const match = line?.match( /" \d{3} \S+ (\d+) "/ );
		if ( match ) {
			return Number( match[ 1 ] ) / 1000;
		}
		if ( Date.now() > giveUpAt ) {
			throw new Error( `No access log line for ${ marker }` );
		}
		await new Promise( ( resolve ) => setTimeout( resolve, 20 ) );
	}
}

/**
 * A must-use plugin that times the heartbeat's own work inside PHP: one `shutdown` callback just
 * before the heartbeat's (PHP_INT_MAX) and one just after it (same priority, added later), the
 * difference appended to a file with the request's order id. Unlike Apache's time for the
 * whole request, it holds no queueing and no other work of a busy machine's other processes.
 */
const TIMER_PLUGIN = `<?php
// Written and removed by bin/bench-traffic.mjs: times the heartbeat's own work on a push.
if ( isset( $_GET['kco_wc_order_id'] ) && defined( 'KCO_STACK_DIR' ) ) {
	add_action( 'plugins_loaded', static function () {
		$started = 0.0;
		add_action( 'shutdown', static function () use ( &$started ) { $started = microtime( true ); }, PHP_INT_MAX - 1 );
		add_action( 'shutdown', static function () use ( &$started ) {
			file_put_contents( KCO_STACK_DIR . '/run/bench-heartbeat.jsonl', json_encode( array( 'id' => (string) $_GET['kco_wc_order_id'], 'ms' => ( microtime( true ) - $started ) * 1000 ) ) . "\\n", FILE_APPEND | LOCK_EX );
		}, PHP_INT_MAX );
	} );
}
`;

/**
 * The heartbeat's cost on a real push.
 *
 * @param {Object}  options
 * @param {string}  options.project Project directory.
 * @param {string}  options.base    The stack's URL.
 * @param {boolean} options.quick   Few samples.
 */
export async function heartbeatCost( { project, base, quick } ) {
	const stack = stackOf( project );
	const muPlugins = join( stack.docroot, 'wp-content', 'mu-plugins' );
	const switchOff = join( muPlugins, 'kco-bench-heartbeat-off.php' );
	const timer = join( muPlugins, 'kco-bench-heartbeat-timer.php' );
	const timings = join(
		project,
		'.wp-stack',
		'run',
		'bench-heartbeat.jsonl'
	);
	const off = () =>
		writeFileSync(
			switchOff,
			"<?php\n// Written and removed by bin/bench-traffic.mjs: the push without the heartbeat.\nadd_action( 'plugins_loaded', static function () { remove_action( 'shutdown', array( 'KcoCallbackDoctor\\\\Traffic\\\\Heartbeat', 'record' ), PHP_INT_MAX ); } );\n"
		);
	const on = () => rmSync( switchOff, { force: true } );
	const forget = () =>
		stack.sql(
			"DELETE FROM wp_options WHERE option_name = 'kco_callback_doctor_traffic'"
		);
	const inPhpMs = ( id ) => {
		// Apache wrote its log line after PHP ended, so the timer's line is there by now.
		const line = (
			existsSync( timings ) ? readFileSync( timings, 'utf8' ) : ''
		)
			.split( '\n' )
			.find( ( candidate ) => candidate.includes( id ) );
		if ( ! line ) {
			throw new Error( `The heartbeat timer saw no push ${ id }` );
		}
		return JSON.parse( line ).ms;
	};
	const push = async () => {
		const id = randomUUID();
		const response = await fetch(
			`${ base }/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=${ id }`,
			{
				method: 'POST',
				headers: { 'User-Agent': 'APIs-Klarna', Connection: 'close' },
			}
		);
		await response.arrayBuffer();
		if ( response.status !== 200 ) {
			throw new Error( `The push answered ${ response.status }` );
		}
		return {
			request: await serverMs( stack.accessLog, id ),
			heartbeat: inPhpMs( id ),
		};
	};

	const samples = quick ? 3 : 30;
	const times = { off: [], reading: [], writing: [] };
	// PHP (as the web server's user) creates the file; one made here would not be its to write.
	rmSync( timings, { force: true } );
	writeFileSync( timer, TIMER_PLUGIN );
	try {
		// Warm up PHP's opcache and the database for all three paths.
		forget();
		await push();
		await push();
		for ( let sample = 0; sample < samples; sample++ ) {
			off();
			times.off.push( await push() );
			on();
			forget();
			times.writing.push( await push() );
			times.reading.push( await push() );
		}
	} finally {
		on();
		rmSync( timer, { force: true } );
		rmSync( timings, { force: true } );
		forget();
	}
	const of = ( mode, part ) =>
		median( times[ mode ].map( ( sample ) => sample[ part ] ) );
	return {
		offMs: of( 'off', 'request' ),
		readingMs: of( 'reading', 'request' ),
		writingMs: of( 'writing', 'request' ),
		heartbeatOffMs: of( 'off', 'heartbeat' ),
		heartbeatReadingMs: of( 'reading', 'heartbeat' ),
		heartbeatWritingMs: of( 'writing', 'heartbeat' ),
		samples,
	};
}

/**
 * Bulk SQL that generates `count` orders in the given storage. A realistic mix: two years of
 * orders (one every 630 s), half paid with KCO and carrying a Klarna order id, 2 % still pending;
 * a few more meta rows per order, as a real shop has.
 *
 * @param {'hpos'|'posts'} storage Where WooCommerce keeps orders.
 * @param {number}         count   How many.
 */
function generateOrdersSql( storage, count ) {
	const seq = `seq_1_to_${ count }`;
	const id = `${ FIRST_BENCH_ID } + seq`;
	const created = 'UTC_TIMESTAMP() - INTERVAL (seq * 630) SECOND';
	const status =
		"CASE WHEN seq % 50 = 0 THEN 'wc-pending' WHEN seq % 33 = 0 THEN 'wc-cancelled' WHEN seq % 5 = 0 THEN 'wc-processing' ELSE 'wc-completed' END";
	const method =
		"CASE WHEN seq % 2 = 0 THEN 'kco' WHEN seq % 5 < 3 THEN 'stripe' ELSE 'bacs' END";
	if ( storage === 'hpos' ) {
		return `
INSERT INTO wp_wc_orders (id, status, currency, type, tax_amount, total_amount, customer_id, billing_email, date_created_gmt, date_updated_gmt, parent_order_id, payment_method, payment_method_title, transaction_id, ip_address, user_agent, customer_note)
SELECT ${ id }, ${ status }, 'SEK', 'shop_order', 99.80, 499.00, 0, CONCAT('customer', seq, '@example.com'), ${ created }, ${ created }, 0, ${ method }, 'Bench', '', '', '', '' FROM ${ seq };
INSERT INTO wp_wc_order_operational_data (order_id, created_via, woocommerce_version, prices_include_tax, order_key, cart_hash, new_order_email_sent, order_stock_reduced, recorded_sales)
SELECT ${ id }, 'checkout', '10.0.2', 1, CONCAT('wc_order_bench', seq), MD5(seq), 1, 1, 1 FROM ${ seq };
INSERT INTO wp_wc_orders_meta (order_id, meta_key, meta_value)
SELECT ${ id }, '_wc_klarna_order_id', UUID() FROM ${ seq } WHERE seq % 2 = 0;
INSERT INTO wp_wc_orders_meta (order_id, meta_key, meta_value)
SELECT ${ id }, k.meta_key, 'bench' FROM ${ seq } JOIN (SELECT '_wc_klarna_environment' AS meta_key UNION ALL SELECT '_wc_klarna_country' UNION ALL SELECT 'is_vat_exempt') k;`;
	}
	return `
INSERT INTO wp_posts (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, comment_status, ping_status, post_password, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_parent, guid, menu_order, post_type, post_mime_type, comment_count)
SELECT ${ id }, 1, ${ created }, ${ created }, '', CONCAT('Order ', seq), '', ${ status }, 'closed', 'closed', CONCAT('wc_order_bench', seq), CONCAT('order-bench-', seq), '', '', ${ created }, ${ created }, '', 0, '', 0, 'shop_order', '', 0 FROM ${ seq };
INSERT INTO wp_postmeta (post_id, meta_key, meta_value)
SELECT ${ id }, '_payment_method', ${ method } FROM ${ seq };
INSERT INTO wp_postmeta (post_id, meta_key, meta_value)
SELECT ${ id }, '_wc_klarna_order_id', UUID() FROM ${ seq } WHERE seq % 2 = 0;
INSERT INTO wp_postmeta (post_id, meta_key, meta_value)
SELECT ${ id }, k.meta_key, k.meta_value FROM ${ seq } JOIN (SELECT '_order_total' AS meta_key, '499.00' AS meta_value UNION ALL SELECT '_order_currency', 'SEK' UNION ALL SELECT '_billing_email', 'customer@example.com' UNION ALL SELECT '_customer_user', '0' UNION ALL SELECT '_order_key', 'wc_order_bench' UNION ALL SELECT '_created_via', 'checkout') k;`;
}

/**
 * Removes every generated order and puts the tables' auto-increment back where the shop's own
 * rows leave it.
 *
 * @param {Function} sql Runs SQL.
 */
function deleteGeneratedOrders( sql ) {
	const tables = [
		[ 'wp_postmeta', 'post_id' ],
		[ 'wp_posts', 'ID' ],
	];
	const hpos = sql( "SHOW TABLES LIKE 'wp_wc_orders'" ) !== '';
	if ( hpos ) {
		tables.push(
			[ 'wp_wc_orders_meta', 'order_id' ],
			[ 'wp_wc_order_operational_data', 'order_id' ],
			[ 'wp_wc_orders', 'id' ]
		);
	}
	for ( const [ table, column ] of tables ) {
		sql(
			`DELETE FROM ${ table } WHERE ${ column } >= ${ FIRST_BENCH_ID }; ALTER TABLE ${ table } AUTO_INCREMENT = 1;`
		);
	}
}

/**
 * Switches WooCommerce's order storage as its own CLI does (synchronise first, then switch).
 *
 * @param {Object}         stack   stackOf().
 * @param {'hpos'|'posts'} storage The storage to use.
 */
export function switchOrderStorage( stack, storage ) {
	const inUse = () =>
		stack
			.wp(
				'eval',
				"echo \\Automattic\\WooCommerce\\Utilities\\OrderUtil::custom_orders_table_usage_is_enabled() ? 'hpos' : 'posts';"
			)
			.endsWith( 'hpos' )
			? 'hpos'
			: 'posts';
	const before = inUse();
	if ( before === storage ) {
		return before;
	}
	if ( stack.sql( "SHOW TABLES LIKE 'wp_wc_orders'" ) !== '' ) {
		stack.wp( 'wc', 'hpos', 'sync' );
	}
	stack.wp( 'wc', 'hpos', storage === 'hpos' ? 'enable' : 'disable' );
	if ( inUse() !== storage ) {
		throw new Error(
			`WooCommerce did not switch its order storage to ${ storage }`
		);
	}
	return before;
}

/**
 * The stuck-order search on a shop with `count` orders, per storage.
 *
 * @param {Object}  options
 * @param {string}  options.project Project directory.
 * @param {boolean} options.quick   Fewer orders and samples, to check that the measure runs.
 */
export function stuckOrderQuery( { project, quick } ) {
	const stack = stackOf( project );
	const count = quick ? 5_000 : 100_000;
	const samples = quick ? 1 : 7;
	const results = {};
	// Whatever a crashed earlier run left behind goes first.
	deleteGeneratedOrders( stack.sql );
	let original = null;
	try {
		for ( const storage of [ 'hpos', 'posts' ] ) {
			const before = switchOrderStorage( stack, storage );
			original = original ?? before;
			const started = performance.now();
			stack.sql( generateOrdersSql( storage, count ) );
			const generateMs = performance.now() - started;
			try {
				const measured = JSON.parse(
					stack
						.wp(
							'eval',
							`$times = array();
for ( $i = 0; $i < ${ samples } + 1; $i++ ) {
	wp_cache_flush();
	$start = microtime( true );
	$found = KcoCallbackDoctor\\Traffic\\StuckOrders::find( 30, array(), time() );
	$times[] = ( microtime( true ) - $start ) * 1000;
}
array_shift( $times );
echo wp_json_encode( array( 'times' => $times, 'listed' => count( $found['orders'] ), 'more' => $found['more'] ) );`
						)
						.split( '\n' )
						.pop()
				);
				results[ storage ] = {
					orders: count,
					listed: measured.listed,
					more: measured.more,
					ms: median( measured.times ),
					generateMs,
				};
			} finally {
				deleteGeneratedOrders( stack.sql );
			}
		}
	} finally {
		if ( original ) {
			switchOrderStorage( stack, original );
		}
	}
	return results;
}

/**
 * After Apache reloads (a scenario switched on or off), PHP's opcode cache starts empty, and
 * the first requests compile WordPress and WooCommerce all at once. On a busy machine those
 * concurrent compiles can outlast a probe's timeout, which says nothing about the site. One
 * request at a time through each path a probe takes fills the cache first.
 */
import { BASE_URL } from './stack';

export async function warmUp(): Promise< void > {
	for ( const path of [ '/', '/wp-json/' ] ) {
		const response = await fetch( `${ BASE_URL }${ path }` );
		await response.arrayBuffer();
	}
}

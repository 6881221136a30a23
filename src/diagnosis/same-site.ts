/**
 * Whether two host names are the same site, for one decision only: may the doctor tell the owner
 * to move the Site Address to where the server redirects? That advice is right for `www.` added
 * or removed, or for the shop's own domain and its subdomains; for anyone else's site it would
 * hand the shop's callbacks to a stranger, or confirm a hijack as "the fix".
 *
 * The true test is the registrable domain ("eTLD+1"), which needs the Public Suffix List
 * (publicsuffix.org): about 10,000 rules and frequent changes, too much to ship for one check.
 * Without it, only what is certain counts as the same site:
 * - the same host (letter case and a trailing dot aside), the same IP address;
 * - `www.` added or removed;
 * - one host inside the other at a dot boundary, the shorter keeping at least two labels
 *   (`shop.example.com` and `example.com`; `www.` is removed first, so `www.example.com` and
 *   `shop.example.com` count too).
 * Known limits, all on the safe side except the last: sibling subdomains (`shop.example.com` and
 * `pay.example.com`) count as different sites, since shared platforms give siblings to different
 * owners (`alice.myshopify.com`, `bob.myshopify.com`); `example.co.uk` and `example.com` count as
 * different sites. And a two-label public suffix of the list's private section (`github.io`)
 * counts as the same site as its subdomains; a shop's home address is never such a suffix itself.
 */

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Lower case, without brackets around IPv6, trailing dots or a leading `www.`.
 * @param host A host name or IP address.
 */
function siteName( host: string ): string {
	const name = host
		.trim()
		.toLowerCase()
		.replace( /^\[|\]$/g, '' )
		.replace( /\.+$/, '' );
	return name.startsWith( 'www.' ) ? name.slice( 4 ) : name;
}

function isAddress( name: string ): boolean {
	return IPV4.test( name ) || name.includes( ':' );
}

/**
 * True when `a` and `b` are certainly the same site (see above).
 * @param a A host name, e.g. the home URL's.
 * @param b Another host name, e.g. a redirect target's.
 */
export function isSameSite( a: string, b: string ): boolean {
	const first = siteName( a );
	const second = siteName( b );
	if ( first === '' || second === '' ) {
		return false;
	}
	if ( first === second ) {
		return true;
	}
	if ( isAddress( first ) || isAddress( second ) ) {
		return false;
	}
	const [ shorter, longer ] =
		first.length < second.length ? [ first, second ] : [ second, first ];
	return (
		shorter.split( '.' ).length >= 2 && longer.endsWith( `.${ shorter }` )
	);
}

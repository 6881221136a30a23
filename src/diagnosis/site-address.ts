/**
 * Whether a host name can be public at all. Klarna's servers resolve the shop's name on the
 * public internet; some names never resolve there: RFC 2606 / RFC 6761 reserve `.test`,
 * `.example`, `.invalid`, `.localhost`; `.local` is multicast DNS (RFC 6762); `.home.arpa` is
 * for home networks (RFC 8375); ICANN reserved `.internal` for private use (2024); `.lan` is not
 * in the root zone and only ever resolves inside a local network.
 */
import type { AddressClass, Environment } from '../api/types';

const LOCAL_SUFFIXES = [
	'.localhost',
	'.local',
	'.test',
	'.invalid',
	'.example',
	'.internal',
	'.lan',
	'.home.arpa',
];

const IPV4_LITERAL = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Host without brackets, dots at the end or upper case.
 * @param host Host name of the site.
 */
function normalise( host: string ): string {
	return host
		.trim()
		.toLowerCase()
		.replace( /^\[|\]$/g, '' )
		.replace( /\.+$/, '' );
}

export function isIpLiteral( host: string ): boolean {
	const name = normalise( host );
	return IPV4_LITERAL.test( name ) || name.includes( ':' );
}

/**
 * The reserved suffix that makes a name local-only (`.local`, `.test`…), `localhost` itself, or
 * null for a name that could be public.
 * @param host Host name of the site.
 */
export function localOnlySuffix( host: string ): string | null {
	const name = normalise( host );
	if ( name === 'localhost' ) {
		return 'localhost';
	}
	const dotted = `.${ name }`;
	return (
		LOCAL_SUFFIXES.find( ( suffix ) => dotted.endsWith( suffix ) ) ?? null
	);
}

/**
 * A class other than `public`: the address cannot be reached from the internet.
 * @param addressClass Class of an address, or null when the host did not resolve.
 */
export function isNonPublic( addressClass: AddressClass | null ): boolean {
	return addressClass !== null && addressClass !== 'public';
}

/**
 * True when the server reached its own site by a path Klarna cannot take: the public-looking
 * name resolves, on the server only, to a loopback or private address (hosts file, split DNS).
 * A failure on that path may say nothing about Klarna's path (docs/probe-protocol.md §9).
 * @param environment Facts about the site.
 */
export function loopbackPathDiffers( environment: Environment ): boolean {
	return (
		isNonPublic( environment.hostAddressClass ) &&
		! isIpLiteral( environment.host ) &&
		localOnlySuffix( environment.host ) === null
	);
}

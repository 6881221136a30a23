/**
 * Whether a redirect target is the same site as the shop, judged without a public-suffix list:
 * only the cases that are certain count as the same site.
 */
import { isSameSite } from '../../../src/diagnosis/same-site';

describe( 'isSameSite', () => {
	it.each( [
		[ 'the same host', 'shop.example.com', 'shop.example.com', true ],
		[
			'the same host in other letter case',
			'Shop.Example.COM',
			'shop.example.com',
			true,
		],
		[ 'a trailing dot', 'shop.example.com.', 'shop.example.com', true ],
		[ 'www added', 'example.com', 'www.example.com', true ],
		[ 'www removed', 'www.example.com', 'example.com', true ],
		[ 'a subdomain of the other', 'shop.example.com', 'example.com', true ],
		[
			'the other a subdomain of it',
			'example.com',
			'shop.example.com',
			true,
		],
		[ 'a deeper subdomain', 'eu.shop.example.com', 'example.com', true ],
		[ 'www of a sibling', 'shop.example.com', 'www.example.com', true ],
		[
			'a country-code domain and its subdomain',
			'shop.example.co.uk',
			'example.co.uk',
			true,
		],
		[ 'another domain', 'example.com', 'example.net', false ],
		[
			'a look-alike that merely ends the same',
			'example.com',
			'badexample.com',
			false,
		],
		[
			'the domain inside another name',
			'example.com',
			'example.com.evil.net',
			false,
		],
		[
			'sibling subdomains, which shared platforms give to strangers',
			'alice.myshopify.com',
			'bob.myshopify.com',
			false,
		],
		[
			'two shops under one country-code suffix',
			'example.co.uk',
			'other.co.uk',
			false,
		],
		[ 'a single-label name under the other', 'shop.com', 'com', false ],
		[ 'the same IPv4 address', '203.0.113.10', '203.0.113.10', true ],
		[
			'another IPv4 address in the same network',
			'203.0.113.10',
			'113.10',
			false,
		],
		[
			'a host name and an address',
			'shop.example.com',
			'203.0.113.10',
			false,
		],
		[ 'the same IPv6 address', '[2001:db8::1]', '[2001:db8::1]', true ],
		[ 'an empty host', '', 'example.com', false ],
	] )( '%s: %s and %s → %s', ( _case, a, b, expected ) => {
		expect( isSameSite( a, b ) ).toBe( expected );
		expect( isSameSite( b, a ) ).toBe( expected );
	} );
} );

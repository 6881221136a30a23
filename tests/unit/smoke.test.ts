import type { EndpointId } from '../../src/api/types';
it( 'compiles TypeScript tests', () => {
	const id: EndpointId = 'push';
	expect( id ).toBe( 'push' );
} );

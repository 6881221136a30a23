/**
 * The summary gives the verdict in one line, the counts by status, and when and how long.
 */
import { render, screen } from '@testing-library/react';

import { Summary } from '../../../src/components/Summary';
import { aDiagnosis, aFinding, aRun, publicUrlFailure } from './fixtures';

describe( 'Summary', () => {
	it( 'says all callbacks are reachable when nothing stops Klarna orders', () => {
		render(
			<Summary
				run={ aRun() }
				diagnosis={ aDiagnosis( [
					aFinding(),
					aFinding( { id: 'b', status: 'warn' } ),
				] ) }
			/>
		);

		expect(
			screen.getByRole( 'heading', { name: 'All callbacks reachable' } )
		).toBeInTheDocument();
	} );

	it( 'counts the problems that will stop Klarna orders', () => {
		render(
			<Summary
				run={ aRun() }
				diagnosis={ aDiagnosis( [
					publicUrlFailure,
					aFinding( { id: 'endpoint:validation', status: 'fail' } ),
				] ) }
			/>
		);

		expect(
			screen.getByRole( 'heading', {
				name: '2 problems will stop Klarna orders',
			} )
		).toBeInTheDocument();
	} );

	it( 'says when a large result was saved without some bodies and headers', () => {
		const { rerender } = render(
			<Summary
				run={ aRun( { trimmed: true } ) }
				diagnosis={ aDiagnosis( [ aFinding() ] ) }
			/>
		);
		expect(
			screen.getByText(
				/some response bodies and headers .* were left out/
			)
		).toBeInTheDocument();

		rerender(
			<Summary
				run={ aRun() }
				diagnosis={ aDiagnosis( [ aFinding() ] ) }
			/>
		);
		expect( screen.queryByText( /were left out/ ) ).not.toBeInTheDocument();
	} );

	it( 'uses the singular for one problem', () => {
		render(
			<Summary
				run={ aRun() }
				diagnosis={ aDiagnosis( [ publicUrlFailure ] ) }
			/>
		);

		expect(
			screen.getByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
	} );

	it( 'counts findings by status, with the status in words', () => {
		render(
			<Summary
				run={ aRun() }
				diagnosis={ aDiagnosis( [
					publicUrlFailure,
					aFinding( { id: 'a' } ),
					aFinding( { id: 'b' } ),
					aFinding( { id: 'c', status: 'info' } ),
				] ) }
			/>
		);

		const counts = screen
			.getAllByRole( 'listitem' )
			.map( ( item ) => item.textContent );
		expect( counts ).toEqual( [
			'Failed1',
			'Warning0',
			'Note1',
			'Passed2',
		] );
	} );

	it( 'tells when the run started and how long it took', () => {
		render(
			<Summary
				run={ aRun( { durationMs: 4200 } ) }
				diagnosis={ aDiagnosis( [] ) }
			/>
		);

		expect(
			screen.getByText( /^Ran .*2026.*, took 4\.2 sec\.$/ )
		).toBeInTheDocument();
	} );

	it( 'says which callbacks a partial run checked', () => {
		render(
			<Summary
				run={ aRun( { endpointIds: [ 'push', 'block-validate' ] } ) }
				diagnosis={ aDiagnosis( [] ) }
			/>
		);

		expect(
			screen.getByText(
				'Only these callbacks were checked: Push, Checkout block validation.'
			)
		).toBeInTheDocument();
	} );
} );

/**
 * Checks are grouped as Requirements and Callback endpoints; problems come first, passed checks
 * are folded away as in Site Health.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { FindingSection } from '../../../src/components/FindingSection';
import { sectionFindings } from '../../../src/state/runs';
import { aFinding, anExternalProbe, publicUrlFailure } from './fixtures';

const findings = [
	aFinding( { id: 'endpoint:push', title: 'Push callback' } ),
	aFinding( {
		id: 'endpoint:notification',
		endpoint: 'notification',
		status: 'info',
		title: 'Notification callback',
	} ),
	aFinding( {
		id: 'endpoint:validation',
		endpoint: 'validation',
		status: 'fail',
		title: 'Validation callback',
	} ),
	aFinding( {
		id: 'endpoint:block-validate',
		endpoint: 'block-validate',
		status: 'warn',
		title: 'Block validation callback',
	} ),
	publicUrlFailure,
];

function renderSection(
	group: 'requirement' | 'endpoint',
	running: 'all' | 'push' | null = null
) {
	const section = sectionFindings( findings ).find(
		( candidate ) => candidate.group === group
	);
	if ( ! section ) {
		throw new Error( `no ${ group } section` );
	}
	return render(
		<FindingSection
			section={ section }
			running={ running }
			onRunAgain={ jest.fn() }
			onRequestExternalProbe={ jest
				.fn()
				.mockResolvedValue( anExternalProbe() ) }
		/>
	);
}

describe( 'FindingSection', () => {
	it( 'shows failures first, then warnings, then notes', () => {
		renderSection( 'endpoint' );

		const region = screen.getByRole( 'region', {
			name: 'Callback endpoints',
		} );
		const titles = within( region )
			.getAllByRole( 'heading', { level: 3 } )
			.map( ( heading ) => heading.textContent );
		expect( titles ).toEqual( [
			'Validation callback',
			'Block validation callback',
			'Notification callback',
		] );
	} );

	it( 'folds passed checks under "Passed checks"', async () => {
		const user = userEvent.setup();
		renderSection( 'endpoint' );

		expect(
			screen.queryByRole( 'heading', { name: 'Push callback' } )
		).not.toBeInTheDocument();

		await user.click(
			screen.getByRole( 'button', { name: 'Passed checks (1)' } )
		);

		expect(
			screen.getByRole( 'heading', { name: 'Push callback' } )
		).toBeInTheDocument();
	} );

	it( 'keeps requirements apart from endpoints', () => {
		renderSection( 'requirement' );

		const region = screen.getByRole( 'region', { name: 'Requirements' } );
		expect(
			within( region ).getByRole( 'heading', { name: 'Public address' } )
		).toBeInTheDocument();
		expect(
			within( region ).queryByText( 'Validation callback' )
		).not.toBeInTheDocument();
		expect(
			within( region ).queryByRole( 'button', { name: /Passed checks/ } )
		).not.toBeInTheDocument();
	} );

	it( 'shows every card running during a full run', () => {
		renderSection( 'endpoint', 'all' );

		expect( screen.getAllByText( 'Checking…' ) ).toHaveLength( 3 );
	} );

	it( 'shows only the re-run card running during a re-run of one endpoint', async () => {
		const user = userEvent.setup();
		renderSection( 'endpoint', 'push' );

		expect( screen.queryByText( 'Checking…' ) ).not.toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: 'Passed checks (1)' } )
		);
		expect( screen.getAllByText( 'Checking…' ) ).toHaveLength( 1 );
		for ( const button of screen.getAllByRole( 'button', {
			name: 'Run again',
		} ) ) {
			expect( button ).toHaveAttribute( 'aria-disabled', 'true' );
		}
	} );
} );

/**
 * The history lists the last runs with when they ran and their outcome, and opens one.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { RunHistory } from '../../../src/components/RunHistory';
import { aRunSummary } from './fixtures';

const history = [
	aRunSummary( {
		id: 'run-3',
		startedAt: '2026-03-12T15:00:00Z',
		endpointIds: [ 'push' ],
		echoed: 1,
		probed: 1,
	} ),
	aRunSummary( {
		id: 'run-2',
		startedAt: '2026-03-12T14:30:00Z',
		echoed: 1,
		probed: 5,
	} ),
	aRunSummary( {
		id: 'run-1',
		startedAt: '2026-03-11T09:00:00Z',
		echoed: 5,
		probed: 5,
	} ),
];

describe( 'RunHistory', () => {
	it( 'lists each run with its time and outcome', () => {
		render(
			<RunHistory
				history={ history }
				shownRunId="run-2"
				openingRunId={ null }
				onOpen={ jest.fn() }
			/>
		);

		const items = within( screen.getByRole( 'list' ) ).getAllByRole(
			'listitem'
		);
		expect( items ).toHaveLength( 3 );
		expect( items[ 0 ] ).toHaveTextContent(
			'1 request got through · Push only'
		);
		expect( items[ 1 ] ).toHaveTextContent(
			'4 of 5 requests did not get through'
		);
		expect( items[ 2 ] ).toHaveTextContent( 'All 5 requests got through' );
		expect( items[ 2 ] ).toHaveTextContent( /2026/ );
	} );

	it( 'marks the run on screen', () => {
		render(
			<RunHistory
				history={ history }
				shownRunId="run-2"
				openingRunId={ null }
				onOpen={ jest.fn() }
			/>
		);

		const current = screen
			.getAllByRole( 'button' )
			.filter(
				( button ) => button.getAttribute( 'aria-current' ) === 'true'
			);
		expect( current ).toHaveLength( 1 );
		expect( current[ 0 ]?.closest( 'li' ) ).toHaveTextContent( 'Shown' );
	} );

	it( 'opens a run', async () => {
		const user = userEvent.setup();
		const onOpen = jest.fn();
		render(
			<RunHistory
				history={ history }
				shownRunId="run-3"
				openingRunId={ null }
				onOpen={ onOpen }
			/>
		);

		const items = within( screen.getByRole( 'list' ) ).getAllByRole(
			'listitem'
		);
		await user.click(
			within( items[ 2 ] as HTMLElement ).getByRole( 'button' )
		);

		expect( onOpen ).toHaveBeenCalledWith( 'run-1' );
	} );

	it( 'says when there is no run yet', () => {
		render(
			<RunHistory
				history={ [] }
				shownRunId={ null }
				openingRunId={ null }
				onOpen={ jest.fn() }
			/>
		);

		expect( screen.getByText( 'No runs yet.' ) ).toBeInTheDocument();
	} );
} );

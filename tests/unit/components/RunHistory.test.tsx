/**
 * The history lists the last runs with when they ran and their outcome, and opens one.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { RunHistory } from '../../../src/components/RunHistory';
import { aRunSummary } from './fixtures';

const history = [
	aRunSummary( {
		id: 'run-4',
		startedAt: '2026-03-12T15:30:00Z',
		source: 'cli',
		overall: 'warning',
		endpointIds: [ 'push', 'validation' ],
		verdicts: [
			{ id: 'push', state: 'passed', used: true },
			{ id: 'validation', state: 'slow', used: true },
		],
	} ),
	aRunSummary( {
		id: 'run-3',
		startedAt: '2026-03-12T15:00:00Z',
		endpointIds: [ 'push' ],
		verdicts: [ { id: 'push', state: 'passed', used: true } ],
	} ),
	aRunSummary( {
		id: 'run-2',
		startedAt: '2026-03-12T14:30:00Z',
		overall: 'critical',
		endpointIds: [ 'push', 'notification', 'validation' ],
		verdicts: [
			{ id: 'push', state: 'blocked', used: true },
			{ id: 'notification', state: 'redirected', used: false },
			{ id: 'validation', state: 'inconclusive', used: true },
		],
	} ),
	aRunSummary( {
		id: 'run-1',
		startedAt: '2026-03-11T09:00:00Z',
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
		expect( items ).toHaveLength( 4 );
		expect( items[ 0 ] ).toHaveTextContent(
			'Validation slower than Klarna waits · from WP-CLI'
		);
		expect( items[ 1 ] ).toHaveTextContent(
			'Every callback Klarna uses gets through · Push only'
		);
		expect( items[ 3 ] ).toHaveTextContent(
			'Every callback Klarna uses gets through'
		);
		expect( items[ 3 ] ).toHaveTextContent( /2026/ );
	} );

	it( 'states the verdict of a failed run: the callbacks Klarna uses that fail, not a count of echoes', () => {
		render(
			<RunHistory
				history={ history }
				shownRunId={ null }
				openingRunId={ null }
				onOpen={ jest.fn() }
			/>
		);

		const failed = within( screen.getByRole( 'list' ) ).getAllByRole(
			'listitem'
		)[ 2 ];
		expect( failed ).toHaveTextContent( 'Push blocked' );
		// Not used by the installed KCO, and not failing: neither decides the row.
		expect( failed ).not.toHaveTextContent( 'Notification' );
		expect( failed ).not.toHaveTextContent( 'Validation' );
		expect( failed ).not.toHaveTextContent( /got through/ );
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
			within( items[ 3 ] as HTMLElement ).getByRole( 'button' )
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

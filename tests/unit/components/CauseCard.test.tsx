/**
 * One cause, one card: the cause, the callbacks it affects and one set of steps, with each
 * callback's own evidence, re-run and external test one click away.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { CauseCard } from '../../../src/components/CauseCard';
import { FindingSection } from '../../../src/components/FindingSection';
import type { CauseGroup } from '../../../src/diagnosis/group-by-cause';
import type { Finding } from '../../../src/diagnosis/types';
import { sectionFindings } from '../../../src/state/runs';
import { aFinding, anExternalProbe } from './fixtures';

const ALLOW = 'https://shop.example/wc-api/*';

/**
 * A callback blocked by the same rule as the others, with its own evidence.
 * @param endpoint  Endpoint id.
 * @param title     Card title.
 * @param overrides Anything else.
 */
function blocked(
	endpoint: Finding[ 'endpoint' ],
	title: string,
	overrides: Partial< Finding > = {}
): Finding {
	return aFinding( {
		id: `endpoint:${ endpoint }`,
		endpoint,
		title,
		status: 'fail',
		summary:
			'ModSecurity blocks this callback only when the User-Agent is APIs-Klarna.',
		cause: 'ModSecurity',
		impact: `${ title } matters for orders.`,
		evidence: [
			{ label: 'Response', value: `HTTP 406 for ${ endpoint }` },
		],
		remediation: [
			{ text: 'Exclude the callback addresses.', copy: [ ALLOW ] },
			{ text: 'Run the checks again.' },
		],
		...overrides,
	} );
}

const findings = [
	blocked( 'push', 'Push callback' ),
	blocked( 'notification', 'Notification callback', {
		usedByKlarna: false,
	} ),
	blocked( 'validation', 'Validation callback', { externalTest: true } ),
];

const group: CauseGroup = {
	id: 'cause:endpoint:push',
	status: 'fail',
	cause: 'ModSecurity',
	summary:
		'ModSecurity blocks this callback only when the User-Agent is APIs-Klarna.',
	remediation: findings[ 0 ]?.remediation ?? [],
	externalTest: true,
	findings,
};

function renderCard( running: 'all' | 'push' | null = null ) {
	const onRunAgain = jest.fn();
	const view = render(
		<CauseCard
			group={ group }
			running={ running }
			onRunAgain={ onRunAgain }
			onRequestExternalProbe={ jest
				.fn()
				.mockResolvedValue( anExternalProbe() ) }
		/>
	);
	return { ...view, onRunAgain };
}

describe( 'CauseCard', () => {
	it( 'says the cause once and lists every callback it affects', () => {
		renderCard();

		expect(
			screen.getByRole( 'heading', {
				level: 3,
				name: 'One cause stops 3 callbacks',
			} )
		).toBeInTheDocument();
		expect( screen.getByText( 'Blocked by: ModSecurity' ) ).toBeVisible();
		expect(
			screen.getByText(
				'Affects: Push callback, Notification callback, Validation callback'
			)
		).toBeInTheDocument();
		expect(
			screen.getAllByText( /only when the User-Agent is APIs-Klarna/ )
		).toHaveLength( 1 );
	} );

	it( 'gives one set of steps, with each address to allow once', () => {
		renderCard();

		expect(
			screen.getAllByRole( 'heading', { name: 'How to fix' } )
		).toHaveLength( 1 );
		expect( screen.getAllByText( ALLOW ) ).toHaveLength( 1 );
	} );

	it( 'keeps each callback’s own evidence, impact and actions one click away', async () => {
		const user = userEvent.setup();
		const { container, onRunAgain } = renderCard();

		expect( screen.queryByText( 'HTTP 406 for push' ) ).toBeNull();
		await user.click(
			screen.getByRole( 'button', { name: 'Push callback' } )
		);

		const push = container.querySelector(
			'[data-finding-id="endpoint:push"]'
		) as HTMLElement;
		expect( push ).toHaveClass( 'is-fail' );
		expect(
			within( push ).getByText( 'HTTP 406 for push' )
		).toBeInTheDocument();
		expect(
			within( push ).getByText( 'Push callback matters for orders.' )
		).toBeInTheDocument();
		expect( screen.queryByText( 'HTTP 406 for validation' ) ).toBeNull();
		await user.click(
			within( push ).getByRole( 'button', { name: 'Run again' } )
		);
		expect( onRunAgain ).toHaveBeenCalledWith( 'push' );
	} );

	it( 'says which callback the installed KCO does not use', () => {
		renderCard();

		expect(
			screen.getByRole( 'button', {
				name: 'Notification callback (not used by your Klarna Checkout version)',
			} )
		).toBeInTheDocument();
	} );

	it( 'shows the card running while any of its callbacks runs, and no Run again meanwhile', async () => {
		const user = userEvent.setup();
		renderCard( 'push' );

		expect( screen.getByText( 'Checking…' ) ).toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: 'Validation callback' } )
		);
		expect(
			screen.getByRole( 'button', { name: 'Run again' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );
} );

describe( 'FindingSection with a shared cause', () => {
	it( 'shows one cause card for the callbacks that share it, and its own card for any other', () => {
		const other = aFinding( {
			id: 'endpoint:block-validate',
			endpoint: 'block-validate',
			status: 'warn',
			title: 'Checkout block validation callback',
			summary: 'Slow.',
			cause: 'a slow answer',
		} );
		const section = sectionFindings( [ ...findings, other ] ).find(
			( candidate ) => candidate.group === 'endpoint'
		);
		if ( ! section ) {
			throw new Error( 'no endpoint section' );
		}
		const { container } = render(
			<FindingSection
				section={ section }
				running={ null }
				onRunAgain={ jest.fn() }
				onRequestExternalProbe={ jest.fn() }
			/>
		);

		expect(
			screen
				.getAllByRole( 'heading', { level: 3 } )
				.map( ( heading ) => heading.textContent )
		).toEqual( [
			'One cause stops 3 callbacks',
			'Checkout block validation callback',
		] );
		expect(
			container.querySelectorAll( '[data-cause-card]' )
		).toHaveLength( 1 );
	} );
} );

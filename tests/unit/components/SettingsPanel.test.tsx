/**
 * The settings panel against a stand-in REST API: it asks for nothing until opened, shows the
 * schedule and the e-mail choice as the server has them, saves each change and follows the
 * server's answer, and shows the server's own message when a change is refused.
 */
import type { APIFetchOptions } from '@wordpress/api-fetch';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { Settings } from '../../../src/api/types';
import { SettingsPanel } from '../../../src/components/SettingsPanel';
import { requestsMade, restError, serve } from './restDouble';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const DAILY: Settings = {
	schedule: 'daily',
	emailAlerts: true,
	schedulerAvailable: true,
	nextCheckAt: '2026-12-03T08:00:00Z',
};

/**
 * A stand-in that keeps the settings and applies what POST sends, as the server does.
 *
 * @param initial The settings before the test.
 */
function serveSettings( initial: Settings ) {
	let current = { ...initial };
	return serve( {
		'GET /settings': () => current,
		'POST /settings': ( options: APIFetchOptions ) => {
			current = {
				...current,
				...( options.data as Partial< Settings > ),
			};
			return current;
		},
	} );
}

async function openPanel() {
	const user = userEvent.setup();
	await user.click(
		screen.getByRole( 'button', { name: 'Scheduled checks and alerts' } )
	);
	return user;
}

/** Notices are also spoken (a copy in the live region); the one on screen is this. */
const ON_SCREEN = { selector: '.components-notice__content' };

afterEach( () => jest.clearAllMocks() );

describe( 'SettingsPanel', () => {
	it( 'asks the server for nothing until the owner opens it', () => {
		const api = serveSettings( DAILY );
		render( <SettingsPanel /> );

		expect(
			screen.getByRole( 'button', {
				name: 'Scheduled checks and alerts',
			} )
		).toHaveAttribute( 'aria-expanded', 'false' );
		expect( requestsMade( api ) ).toEqual( [] );
	} );

	it( 'shows the schedule, when the next check runs, and the e-mail choice', async () => {
		serveSettings( DAILY );
		render( <SettingsPanel /> );
		await openPanel();

		const schedule = await screen.findByRole( 'combobox', {
			name: 'Check the callbacks by themselves',
		} );
		expect( schedule ).toHaveValue( 'daily' );
		expect( screen.getByText( /Next check: .*2026/ ) ).toBeInTheDocument();
		expect(
			screen.getByRole( 'checkbox', {
				name: /E-mail the site’s administrator/,
			} )
		).toBeChecked();
	} );

	it( 'saves a new schedule and shows what the server saved', async () => {
		const api = serveSettings( DAILY );
		render( <SettingsPanel /> );
		const user = await openPanel();

		await user.selectOptions(
			await screen.findByRole( 'combobox', {
				name: 'Check the callbacks by themselves',
			} ),
			'hourly'
		);

		await waitFor( () =>
			expect( screen.getByRole( 'status' ) ).toHaveTextContent( 'Saved.' )
		);
		expect( requestsMade( api ) ).toEqual( [
			'GET /settings',
			'POST /settings',
		] );
		expect( api.mock.calls[ 1 ]?.[ 0 ] ).toMatchObject( {
			method: 'POST',
			data: { schedule: 'hourly' },
		} );
		expect(
			screen.getByRole( 'combobox', {
				name: 'Check the callbacks by themselves',
			} )
		).toHaveValue( 'hourly' );
	} );

	it( 'turns e-mail alerts off with the toggle', async () => {
		const api = serveSettings( DAILY );
		render( <SettingsPanel /> );
		const user = await openPanel();

		await user.click(
			await screen.findByRole( 'checkbox', {
				name: /E-mail the site’s administrator/,
			} )
		);

		await waitFor( () =>
			expect(
				screen.getByRole( 'checkbox', {
					name: /E-mail the site’s administrator/,
				} )
			).not.toBeChecked()
		);
		expect( api.mock.calls[ 1 ]?.[ 0 ] ).toMatchObject( {
			data: { emailAlerts: false },
		} );
	} );

	it( "shows the server's message when a change is refused, and keeps the setting as it was", async () => {
		serve( {
			'GET /settings': () => DAILY,
			'POST /settings': () => {
				throw restError(
					'rest_forbidden',
					'Sorry, you are not allowed to use the Callback Doctor.',
					403
				);
			},
		} );
		render( <SettingsPanel /> );
		const user = await openPanel();

		await user.selectOptions(
			await screen.findByRole( 'combobox', {
				name: 'Check the callbacks by themselves',
			} ),
			'off'
		);

		expect(
			await screen.findByText(
				/could not be saved or loaded: Sorry, you are not allowed to use the Callback Doctor\./,
				ON_SCREEN
			)
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'combobox', {
				name: 'Check the callbacks by themselves',
			} )
		).toHaveValue( 'daily' );
		expect( screen.getByRole( 'status' ) ).not.toHaveTextContent(
			'Saved.'
		);
	} );

	it( 'says when scheduled checks cannot run without WooCommerce', async () => {
		serveSettings( {
			...DAILY,
			schedulerAvailable: false,
			nextCheckAt: null,
		} );
		render( <SettingsPanel /> );
		await openPanel();

		expect(
			await screen.findByText( /Scheduled checks need WooCommerce/ )
		).toBeInTheDocument();
	} );

	it( 'says that only the owner starts checks when they are off', async () => {
		serveSettings( { ...DAILY, schedule: 'off', nextCheckAt: null } );
		render( <SettingsPanel /> );
		await openPanel();

		expect(
			await screen.findByText( /The doctor checks only when you press/ )
		).toBeInTheDocument();
		expect( screen.queryByText( /Next check/ ) ).not.toBeInTheDocument();
	} );

	it( 'explains a failure to load the settings', async () => {
		serve( {} );
		render( <SettingsPanel /> );
		await openPanel();

		expect(
			await screen.findByText(
				/could not be saved or loaded: No route was found/,
				ON_SCREEN
			)
		).toBeInTheDocument();
		expect( screen.queryByRole( 'combobox' ) ).not.toBeInTheDocument();
	} );
} );

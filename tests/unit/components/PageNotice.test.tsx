/**
 * Page-level errors tell the owner what to do; only a lost session offers a reload.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ApiError } from '../../../src/api/client';
import { PageNotice } from '../../../src/components/PageNotice';

describe( 'PageNotice', () => {
	it( 'reloads the page when the session is gone', async () => {
		const user = userEvent.setup();
		const onReload = jest.fn();
		render(
			<PageNotice
				error={
					new ApiError(
						'permission',
						'Cookie check failed',
						'rest_cookie_invalid_nonce',
						403
					)
				}
				onDismiss={ jest.fn() }
				onReload={ onReload }
			/>
		);

		expect(
			screen.queryByRole( 'button', { name: /Close|Dismiss/ } )
		).not.toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: 'Reload the page' } )
		);

		expect( onReload ).toHaveBeenCalled();
	} );

	it( 'can be dismissed when the owner can simply try again', async () => {
		const user = userEvent.setup();
		const onDismiss = jest.fn();
		render(
			<PageNotice
				error={
					new ApiError(
						'timeout',
						'The server did not answer in time.',
						'timeout',
						null
					)
				}
				onDismiss={ onDismiss }
				onReload={ jest.fn() }
			/>
		);

		expect(
			screen.getByText(
				'Details: The server did not answer in time. (timeout)'
			)
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Reload the page' } )
		).not.toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: /Close|Dismiss/ } )
		);

		expect( onDismiss ).toHaveBeenCalled();
	} );
} );

/**
 * A finding card shows its status in words as well as colour, keeps everything a remote server
 * sent as text, and offers the fix, a re-run and the external test.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { FindingCard } from '../../../src/components/FindingCard';
import type { Finding } from '../../../src/diagnosis/types';
import { aFinding, anExternalProbe, publicUrlFailure } from './fixtures';

function renderCard(
	finding: Finding,
	props: Partial< Parameters< typeof FindingCard >[ 0 ] > = {}
) {
	const onRunAgain = jest.fn();
	const onRequestExternalProbe = jest
		.fn()
		.mockResolvedValue( anExternalProbe() );
	const view = render(
		<FindingCard
			finding={ finding }
			isRunning={ false }
			canRun
			onRunAgain={ onRunAgain }
			onRequestExternalProbe={ onRequestExternalProbe }
			{ ...props }
		/>
	);
	return { ...view, onRunAgain, onRequestExternalProbe };
}

describe( 'FindingCard', () => {
	it.each( [
		[ 'pass', 'Passed' ],
		[ 'warn', 'Warning' ],
		[ 'fail', 'Failed' ],
		[ 'info', 'Note' ],
	] as const )(
		'names the %s status in words next to its icon',
		( status, word ) => {
			const { container } = renderCard( aFinding( { status } ) );

			const badge = container.querySelector(
				`.kcd-status-badge.is-${ status }`
			);
			expect( badge ).toHaveTextContent( word );
			expect( badge?.querySelector( 'svg' ) ).not.toBeNull();
			expect(
				screen.getByRole( 'heading', { name: 'Push callback' } )
			).toBeInTheDocument();
			expect(
				screen.getByText( 'Klarna can reach the push callback.' )
			).toBeInTheDocument();
		}
	);

	it( 'shows its own running state while its check runs', () => {
		const { container } = renderCard( aFinding(), {
			isRunning: true,
			canRun: false,
		} );

		expect( screen.getByText( 'Checking…' ) ).toBeInTheDocument();
		expect(
			container.querySelector( '.components-spinner' )
		).not.toBeNull();
		expect(
			container.querySelector( '[aria-busy="true"]' )
		).not.toBeNull();
		expect(
			screen.getByRole( 'button', { name: 'Run again' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
	} );

	it( 'names who blocked the request', () => {
		renderCard( aFinding( { status: 'fail', cause: 'Cloudflare' } ) );

		expect(
			screen.getByText( 'Blocked by: Cloudflare' )
		).toBeInTheDocument();
	} );

	it( 'gives a requirement or a warning a cause, not a blocker', () => {
		renderCard(
			aFinding( {
				group: 'requirement',
				status: 'fail',
				cause: 'no https',
			} )
		);

		expect( screen.getByText( 'Cause: no https' ) ).toBeInTheDocument();
		expect( screen.queryByText( /Blocked by/ ) ).not.toBeInTheDocument();
	} );

	it( 'keeps the evidence folded until Details is opened', async () => {
		const user = userEvent.setup();
		renderCard( aFinding() );
		const toggle = screen.getByRole( 'button', { name: 'Details' } );

		expect( toggle ).toHaveAttribute( 'aria-expanded', 'false' );
		expect( screen.queryByText( 'HTTP 200 OK' ) ).not.toBeInTheDocument();

		await user.click( toggle );

		expect( toggle ).toHaveAttribute( 'aria-expanded', 'true' );
		expect( screen.getByText( 'HTTP 200 OK' ) ).toBeVisible();
	} );

	it( 'shows a block page as literal text and never creates its elements', async () => {
		const user = userEvent.setup();
		const blockPage =
			'<html><body><h1>Access denied</h1><script>window.blockPageRan = true;</script><img src=x onerror="window.blockPageRan = true"></body></html>';
		const { container } = renderCard(
			aFinding( {
				status: 'fail',
				evidence: [
					{ label: 'Block page', value: blockPage, verbatim: true },
				],
			} )
		);

		await user.click( screen.getByRole( 'button', { name: 'Details' } ) );

		const pre = container.querySelector( 'pre' );
		expect( pre?.textContent ).toBe( blockPage );
		expect( container.querySelector( 'script' ) ).toBeNull();
		expect( container.querySelector( 'img' ) ).toBeNull();
		expect( container.querySelector( 'h1' ) ).toBeNull();
		expect(
			( window as { blockPageRan?: boolean } ).blockPageRan
		).toBeUndefined();
	} );

	it( 'lists which request shapes got through', async () => {
		const user = userEvent.setup();
		renderCard(
			aFinding( {
				status: 'fail',
				variants: [
					{
						variant: 'klarna',
						passed: false,
						outcome: 'HTTP 403 Forbidden',
					},
					{
						variant: 'browser-user-agent',
						passed: true,
						outcome: 'echo',
					},
				],
			} )
		);

		await user.click( screen.getByRole( 'button', { name: 'Details' } ) );

		const table = screen.getByRole( 'table', { name: 'Requests tried' } );
		expect(
			within( table ).getByRole( 'row', {
				name: /As Klarna sends it.*Stopped/,
			} )
		).toBeInTheDocument();
		expect(
			within( table ).getByRole( 'row', {
				name: /browser’s User-Agent.*Got through/,
			} )
		).toBeInTheDocument();
	} );

	it( 'shows the variants once, as the table, not again as an evidence line', async () => {
		const user = userEvent.setup();
		renderCard(
			aFinding( {
				status: 'fail',
				evidence: [
					{
						label: 'Variants',
						value: 'As Klarna sends it: HTTP 403',
					},
					{ label: 'Response', value: 'HTTP 403 Forbidden' },
				],
				variants: [
					{
						variant: 'klarna',
						passed: false,
						outcome: 'HTTP 403 Forbidden',
					},
				],
			} )
		);

		await user.click( screen.getByRole( 'button', { name: 'Details' } ) );

		expect(
			screen.getByRole( 'table', { name: 'Requests tried' } )
		).toBeInTheDocument();
		expect( screen.queryByText( 'Variants' ) ).not.toBeInTheDocument();
		expect(
			screen.getByText( 'HTTP 403 Forbidden', { selector: 'dd' } )
		).toBeInTheDocument();
	} );

	it( 'numbers the fix and copies each URL to allow', async () => {
		const user = userEvent.setup();
		renderCard( publicUrlFailure );

		const steps = screen.getByRole( 'heading', {
			name: 'How to fix',
		} ).nextElementSibling;
		expect( steps?.tagName ).toBe( 'OL' );
		expect(
			within( steps as HTMLElement ).getAllByRole( 'listitem' )[ 0 ]
		).toHaveTextContent( 'Put the shop on a public domain name.' );

		await user.click(
			screen.getByRole( 'button', {
				name: 'Copy https://shop.example/wc-api/*',
			} )
		);

		await expect( navigator.clipboard.readText() ).resolves.toBe(
			'https://shop.example/wc-api/*'
		);
		expect(
			screen.getByRole( 'button', { name: 'Copied!' } )
		).toBeInTheDocument();
	} );

	it( 'offers neither a re-run nor curl on a requirement', () => {
		renderCard( publicUrlFailure );

		expect(
			screen.queryByRole( 'button', { name: 'Run again' } )
		).not.toBeInTheDocument();
		expect(
			screen.queryByRole( 'button', { name: 'Copy as curl' } )
		).not.toBeInTheDocument();
	} );

	it( 'runs its endpoint again', async () => {
		const user = userEvent.setup();
		const { onRunAgain } = renderCard( aFinding() );

		await user.click( screen.getByRole( 'button', { name: 'Run again' } ) );

		expect( onRunAgain ).toHaveBeenCalledWith( 'push' );
	} );

	it( 'says when the installed Klarna Checkout never calls the endpoint', () => {
		renderCard(
			aFinding( { endpoint: 'notification', usedByKlarna: false } )
		);

		expect(
			screen.getByText( 'Not used by your Klarna Checkout version' )
		).toBeInTheDocument();
	} );

	it( 'copies a freshly signed curl command and explains what its answer means', async () => {
		const user = userEvent.setup();
		const { onRequestExternalProbe } = renderCard( aFinding() );

		expect(
			screen.getByText(
				/a short JSON answer with "probeId" means Klarna can reach/
			)
		).toBeInTheDocument();
		// The command stops at its canary where the header is lost; the owner learns what that means.
		expect(
			screen.getByText(
				/If it says the test header did not reach WordPress, it sent nothing Klarna-shaped/
			)
		).toBeInTheDocument();
		await user.click(
			screen.getByRole( 'button', { name: 'Copy as curl' } )
		);

		expect( onRequestExternalProbe ).toHaveBeenCalledWith( 'push' );
		await expect( navigator.clipboard.readText() ).resolves.toBe(
			anExternalProbe().curl
		);
		expect(
			await screen.findByText( /^Copied\. The command works once, until/ )
		).toBeInTheDocument();
		expect(
			screen.getByText( anExternalProbe().curl )
		).toBeInTheDocument();
	} );

	it( "shows the server's message when no curl command could be made", async () => {
		const user = userEvent.setup();
		const onRequestExternalProbe = jest
			.fn()
			.mockRejectedValue(
				new Error( 'External probes are switched off.' )
			);
		renderCard( aFinding(), { onRequestExternalProbe } );

		await user.click(
			screen.getByRole( 'button', { name: 'Copy as curl' } )
		);

		expect(
			await screen.findByText(
				'The command could not be made: External probes are switched off.'
			)
		).toBeInTheDocument();
	} );
} );

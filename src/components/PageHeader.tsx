/**
 * What the page is for, which site it tests, which Klarna Checkout it found, and the one button.
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { Environment } from '../api/types';

export interface PageHeaderProps {
	/** Facts about the site; null until they arrived (or when they could not be read). */
	environment: Environment | null;
	/** True while any run is in flight: the button is disabled and busy. */
	isRunning: boolean;
	/** True while the page loads its first answers. */
	isLoading: boolean;
	/** Runs every check. */
	onRunChecks: () => void;
}

function describeKco( environment: Environment | null ): string {
	if ( ! environment ) {
		return __( 'Unknown', 'kco-callback-doctor' );
	}
	const { kco } = environment;
	if ( ! kco.active ) {
		return __(
			'Not found (not installed or not active)',
			'kco-callback-doctor'
		);
	}
	const name = kco.name ?? __( 'Klarna Checkout', 'kco-callback-doctor' );
	return kco.version ? `${ name } ${ kco.version }` : name;
}

export function PageHeader( {
	environment,
	isRunning,
	isLoading,
	onRunChecks,
}: PageHeaderProps ) {
	return (
		<div className="kcd-header">
			<div className="kcd-header__text">
				<h1>
					{ __(
						'Callback Doctor for Klarna Checkout',
						'kco-callback-doctor'
					) }
				</h1>
				<p className="kcd-header__purpose">
					{ __(
						"Checks that Klarna's servers can reach your shop to confirm orders, by calling it the way Klarna does.",
						'kco-callback-doctor'
					) }
				</p>
				<dl className="kcd-header__facts">
					<div>
						<dt>{ __( 'Site tested', 'kco-callback-doctor' ) }</dt>
						<dd>
							{ environment
								? environment.homeUrl
								: __( 'Unknown', 'kco-callback-doctor' ) }
						</dd>
					</div>
					<div>
						<dt>
							{ __( 'Klarna Checkout', 'kco-callback-doctor' ) }
						</dt>
						<dd>{ describeKco( environment ) }</dd>
					</div>
				</dl>
			</div>
			<Button
				className="kcd-header__run"
				variant="primary"
				__next40pxDefaultSize
				isBusy={ isRunning }
				disabled={ isRunning || isLoading }
				accessibleWhenDisabled
				onClick={ onRunChecks }
			>
				{ isRunning
					? __( 'Running checks…', 'kco-callback-doctor' )
					: __( 'Run checks', 'kco-callback-doctor' ) }
			</Button>
		</div>
	);
}

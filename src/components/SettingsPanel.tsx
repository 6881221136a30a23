/**
 * Scheduled checks and alerts: how often the doctor checks the callbacks by itself, and whether
 * a change is also e-mailed. Collapsed at first; the settings load only when it is opened, so a
 * visit to the page that never opens it costs no request.
 */
import {
	Notice,
	SelectControl,
	Spinner,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { Schedule, Settings } from '../api/types';
import { useSettings } from '../state/useSettings';
import { Disclosure } from './Disclosure';
import { formatTime } from './format';

function scheduleHelp( settings: Settings ): string {
	if ( ! settings.schedulerAvailable ) {
		return __(
			'Scheduled checks need WooCommerce: they run with its Action Scheduler. Activate WooCommerce for them to run.',
			'kco-callback-doctor'
		);
	}
	if ( settings.schedule === 'off' ) {
		return __(
			'The doctor checks only when you press "Run checks" here (or run "wp kco-doctor check").',
			'kco-callback-doctor'
		);
	}
	const next = settings.nextCheckAt
		? sprintf(
				/* translators: %s: date and time. */
				__( 'Next check: %s.', 'kco-callback-doctor' ),
				formatTime( settings.nextCheckAt )
			)
		: '';
	return [
		__(
			'Also checks a few minutes after an update, a permalink change or a change to Klarna Checkout’s settings. When a callback stops or starts passing again, you see a notice here and in the WooCommerce Inbox.',
			'kco-callback-doctor'
		),
		next,
	]
		.filter( Boolean )
		.join( ' ' );
}

function SettingsForm() {
	const { settings, isLoading, isSaving, error, saved, save } = useSettings();

	if ( isLoading ) {
		return (
			<p className="kcd-placeholder">
				<Spinner />
				{ __( 'Loading the settings…', 'kco-callback-doctor' ) }
			</p>
		);
	}
	return (
		<div className="kcd-settings__form">
			{ error ? (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: the server's error message. */
						__(
							'The settings could not be saved or loaded: %s',
							'kco-callback-doctor'
						),
						error
					) }
				</Notice>
			) : null }
			{ settings ? (
				<>
					<SelectControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __(
							'Check the callbacks by themselves',
							'kco-callback-doctor'
						) }
						value={ settings.schedule }
						options={ [
							{
								value: 'daily',
								label: __(
									'Once a day',
									'kco-callback-doctor'
								),
							},
							{
								value: 'hourly',
								label: __(
									'Every hour',
									'kco-callback-doctor'
								),
							},
							{
								value: 'off',
								label: __( 'Never', 'kco-callback-doctor' ),
							},
						] }
						help={ scheduleHelp( settings ) }
						disabled={ isSaving }
						onChange={ ( schedule: string ) =>
							save( { schedule: schedule as Schedule } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'E-mail the site’s administrator when a callback stops or starts passing again',
							'kco-callback-doctor'
						) }
						help={ __(
							'At most one e-mail a day, to the administration e-mail address in Settings → General.',
							'kco-callback-doctor'
						) }
						checked={ settings.emailAlerts }
						disabled={ isSaving }
						onChange={ ( emailAlerts: boolean ) =>
							save( { emailAlerts } )
						}
					/>
				</>
			) : null }
			<p className="kcd-settings__status" role="status">
				{ isSaving ? __( 'Saving…', 'kco-callback-doctor' ) : null }
				{ ! isSaving && saved
					? __( 'Saved.', 'kco-callback-doctor' )
					: null }
			</p>
		</div>
	);
}

export function SettingsPanel() {
	return (
		<section className="kcd-settings">
			<Disclosure
				label={ __(
					'Scheduled checks and alerts',
					'kco-callback-doctor'
				) }
			>
				<SettingsForm />
			</Disclosure>
		</section>
	);
}

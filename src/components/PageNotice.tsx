/**
 * A page-level error as the owner can act on it: reload after the session expired, wait while
 * another run is in progress, try again after a timeout. The server's own words follow.
 */
import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { ApiError, ApiErrorKind } from '../api/client';

export interface PageNoticeProps {
	/** The error to explain. */
	error: ApiError;
	/** Hides the notice. */
	onDismiss: () => void;
	/** Reloads the page (the only way back after the login or nonce expired). */
	onReload: () => void;
}

function explain( kind: ApiErrorKind ): string {
	switch ( kind ) {
		case 'permission':
			return __(
				'Your login has expired or you may no longer run these checks. Reload the page (you may have to log in again).',
				'kco-callback-doctor'
			);
		case 'run-in-progress':
			return __(
				'Checks are already running on this site, perhaps in another tab or started by another administrator. Wait until they finish, then run the checks again.',
				'kco-callback-doctor'
			);
		case 'timeout':
			return __(
				'Your site took too long to answer. Your host may stop long requests: try again, or check one callback at a time with "Run again".',
				'kco-callback-doctor'
			);
		case 'network':
			return __(
				'Your site could not be reached. Check your internet connection, then try again.',
				'kco-callback-doctor'
			);
		case 'invalid-response':
			return __(
				'Your site answered with something other than the expected data, often an error page from the host or PHP errors printed into the answer.',
				'kco-callback-doctor'
			);
		case 'server':
			return __( 'Your site reported an error.', 'kco-callback-doctor' );
	}
}

export function PageNotice( { error, onDismiss, onReload }: PageNoticeProps ) {
	const isPermission = error.kind === 'permission';
	const detail =
		error.status === null
			? sprintf(
					/* translators: 1: the server's error message, 2: its error code. */
					__( 'Details: %1$s (%2$s)', 'kco-callback-doctor' ),
					error.message,
					error.code
				)
			: sprintf(
					/* translators: 1: the server's error message, 2: its error code, 3: HTTP status. */
					__(
						'Details: %1$s (%2$s, HTTP %3$d)',
						'kco-callback-doctor'
					),
					error.message,
					error.code,
					error.status
				);
	return (
		<Notice
			className="kcd-page-notice"
			status={ error.kind === 'run-in-progress' ? 'warning' : 'error' }
			isDismissible={ ! isPermission }
			onRemove={ onDismiss }
			actions={
				isPermission
					? [
							{
								label: __(
									'Reload the page',
									'kco-callback-doctor'
								),
								onClick: onReload,
								variant: 'primary',
							},
						]
					: []
			}
		>
			<p>{ explain( error.kind ) }</p>
			<p className="kcd-page-notice__detail">{ detail }</p>
		</Notice>
	);
}

/**
 * A finding's status as an icon and a word: colour is never the only signal.
 */
import {
	Icon,
	cancelCircleFilled,
	cautionFilled,
	info,
	published,
} from '@wordpress/icons';

import type { FindingStatus } from '../diagnosis/types';
import { statusLabel } from './labels';

const ICONS = {
	pass: published,
	warn: cautionFilled,
	fail: cancelCircleFilled,
	info,
} satisfies Record< FindingStatus, JSX.Element >;

export interface StatusBadgeProps {
	/** The status to show. */
	status: FindingStatus;
}

export function StatusBadge( { status }: StatusBadgeProps ) {
	return (
		<span className={ `kcd-status-badge is-${ status }` }>
			<Icon icon={ ICONS[ status ] } size={ 20 } />
			<span>{ statusLabel( status ) }</span>
		</span>
	);
}

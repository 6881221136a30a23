/**
 * Keeps the page standing when showing a run fails: an error notice instead of a blank page.
 */
import { Notice } from '@wordpress/components';
import { Component } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

export interface ResultsBoundaryProps {
	/** The results to guard. */
	children: ReactNode;
	/** Changes whenever other results are shown, giving them a fresh chance. */
	resetKey: string;
}

interface ResultsBoundaryState {
	/** Message of what went wrong while rendering; null while all is well. */
	failure: string | null;
}

export class ResultsBoundary extends Component<
	ResultsBoundaryProps,
	ResultsBoundaryState
> {
	override state: ResultsBoundaryState = { failure: null };

	static getDerivedStateFromError( error: unknown ): ResultsBoundaryState {
		return {
			failure: error instanceof Error ? error.message : String( error ),
		};
	}

	override componentDidUpdate( previous: ResultsBoundaryProps ): void {
		if (
			this.state.failure !== null &&
			previous.resetKey !== this.props.resetKey
		) {
			this.setState( { failure: null } );
		}
	}

	override render(): ReactNode {
		if ( this.state.failure === null ) {
			return this.props.children;
		}
		return (
			<Notice status="error" isDismissible={ false }>
				{ sprintf(
					/* translators: %s: the error's message. */
					__(
						'These results could not be shown: %s',
						'kco-callback-doctor'
					),
					this.state.failure
				) }
			</Notice>
		);
	}
}

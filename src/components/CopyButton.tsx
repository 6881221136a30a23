/**
 * Copies known text to the clipboard, then says "Copied!" on the button for a moment and to
 * screen readers.
 */
import { speak } from '@wordpress/a11y';
import { Button } from '@wordpress/components';
import { useCopyToClipboard } from '@wordpress/compose';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { copySmall } from '@wordpress/icons';

/** How long the button says "Copied!". */
const COPIED_NOTICE_MS = 3000;

export interface CopyButtonProps {
	/** The text to copy, or a function that produces it at click time. */
	text: string | ( () => string );
	/** Visible button text, e.g. "Copy report". */
	label: string;
	/**
	 * Accessible name when the visible label is not enough (which URL a "Copy" copies). It must
	 * start with the visible label, so that speech users can say what they see.
	 */
	accessibleLabel?: string;
	/** Button style. */
	variant?: 'primary' | 'secondary' | 'tertiary';
}

export function CopyButton( {
	text,
	label,
	accessibleLabel,
	variant = 'secondary',
}: CopyButtonProps ) {
	const [ hasCopied, setHasCopied ] = useState( false );
	const ref = useCopyToClipboard< HTMLButtonElement >( text, () => {
		setHasCopied( true );
		speak( __( 'Copied to the clipboard.', 'kco-callback-doctor' ) );
	} );

	useEffect( () => {
		if ( ! hasCopied ) {
			return undefined;
		}
		const timer = window.setTimeout(
			() => setHasCopied( false ),
			COPIED_NOTICE_MS
		);
		return () => window.clearTimeout( timer );
	}, [ hasCopied ] );

	return (
		<Button
			ref={ ref }
			variant={ variant }
			size="compact"
			icon={ copySmall }
			aria-label={ hasCopied ? undefined : accessibleLabel }
		>
			{ hasCopied ? __( 'Copied!', 'kco-callback-doctor' ) : label }
		</Button>
	);
}

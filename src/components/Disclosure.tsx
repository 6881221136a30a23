/**
 * A button that shows and hides a region, announced as expanded or collapsed (the pattern of
 * Site Health's accordions, without their heading semantics).
 */
import { Button } from '@wordpress/components';
import { useInstanceId } from '@wordpress/compose';
import { useState } from '@wordpress/element';
import { chevronDown, chevronUp } from '@wordpress/icons';
import type { ReactNode } from 'react';

export interface DisclosureProps {
	/** Text of the toggle button. */
	label: string;
	/** What the toggle shows and hides. */
	children: ReactNode;
	/** Whether the region starts open. */
	initialOpen?: boolean;
	/** Extra class on the wrapper. */
	className?: string;
}

export function Disclosure( {
	label,
	children,
	initialOpen = false,
	className,
}: DisclosureProps ) {
	const [ isOpen, setIsOpen ] = useState( initialOpen );
	const regionId = useInstanceId( Disclosure, 'kcd-disclosure' ) as string;
	return (
		<div
			className={ [ 'kcd-disclosure', className ]
				.filter( Boolean )
				.join( ' ' ) }
		>
			<Button
				className="kcd-disclosure__toggle"
				variant="tertiary"
				aria-expanded={ isOpen }
				aria-controls={ regionId }
				icon={ isOpen ? chevronUp : chevronDown }
				iconPosition="right"
				onClick={ () => setIsOpen( ! isOpen ) }
			>
				{ label }
			</Button>
			<div
				id={ regionId }
				className="kcd-disclosure__region"
				hidden={ ! isOpen }
			>
				{ isOpen ? children : null }
			</div>
		</div>
	);
}

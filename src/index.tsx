/**
 * Mounts the app into the admin page's root element.
 */
import { createRoot } from '@wordpress/element';
import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

function App() {
	return (
		<Card>
			<CardHeader>
				<h1>{ __( 'Callback Doctor for Klarna Checkout', 'kco-callback-doctor' ) }</h1>
			</CardHeader>
			<CardBody>
				{ __( 'Checks whether Klarna can reach your shop.', 'kco-callback-doctor' ) }
			</CardBody>
		</Card>
	);
}

const root = document.getElementById( 'kco-callback-doctor-root' );
if ( root ) {
	createRoot( root ).render( <App /> );
}

/**
 * Mounts the doctor into the root element the admin page prints.
 */
import { createRoot } from '@wordpress/element';

import { App } from './components/App';
import './index.scss';

const root = document.getElementById( 'kco-callback-doctor-root' );
if ( root ) {
	createRoot( root ).render( <App /> );
}

/**
 * Stylesheets are imported for their side effect: wp-scripts extracts them into build/index.css.
 */
declare module '*.scss';

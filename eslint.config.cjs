/**
 * wp-scripts' own ESLint config, plus what is never ours to lint: WordPress's files in the local
 * stack, build output, reports. (Without this, `wp-scripts lint-js` over `.` walks .wp-stack/.)
 */
const wordpress = require( '@wordpress/scripts/config/eslint.config.cjs' );

module.exports = [
	{
		ignores: [
			'.wp-stack/**',
			'build/**',
			'artifacts/**',
			'coverage/**',
			'languages/**',
			'node_modules/**',
		],
	},
	...wordpress,
];

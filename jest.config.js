/**
 * Unit tests (diagnosis, components) under tests/unit. Extends wp-scripts' own config; the
 * override lets babel transform the two ESM-only packages that @wordpress/components 41 pulls in
 * (uuid, @wordpress/theme), which jest would otherwise refuse to load.
 */
const defaults = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaults,
	rootDir: __dirname,
	testMatch: [ '<rootDir>/tests/unit/**/*.test.[jt]s?(x)' ],
	transform: {
		'^.+\\.[cm]?[jt]sx?$':
			require.resolve( '@wordpress/scripts/config/babel-transform' ),
	},
	transformIgnorePatterns: [ '/node_modules/(?!(uuid|@wordpress/theme)/)' ],
	setupFilesAfterEnv: [ '<rootDir>/tests/unit/setup.ts' ],
	// A guard against a hang, not a duration: jest's 5 s default cuts short a component test that
	// clicks through the page while every core of the machine is busy.
	testTimeout: 60000,
	collectCoverageFrom: [ 'src/**/*.{ts,tsx}', '!src/index.tsx' ],
	coverageReporters: [ 'text-summary', 'text' ],
	// The diagnosis is where the product's knowledge lives: keep it fully exercised.
	coverageThreshold: {
		'./src/diagnosis/': { lines: 95 },
	},
};

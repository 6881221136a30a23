/**
 * Browser tests: Debian's Chromium driven by playwright-core against the real stack. One file at
 * a time, since they share one site.
 *
 * KCO_E2E_SCOPE=ui selects the page's own tests only (npm test runs those again on the newest
 * WordPress); the proof suite's fault scenarios (proof-*) run once, on the default stack.
 */
const unit = require( './jest.config.js' );

module.exports = {
	...unit,
	testEnvironment: 'node',
	testMatch: [ '<rootDir>/tests/e2e/**/*.test.ts' ],
	testPathIgnorePatterns:
		process.env.KCO_E2E_SCOPE === 'ui'
			? [ '/node_modules/', '<rootDir>/tests/e2e/proof-' ]
			: [ '/node_modules/' ],
	setupFilesAfterEnv: [],
	// A guard against a hung page, not a duration: a run on a machine whose cores are all busy
	// can take minutes, and a test cut short would leave its fault switched on for the next.
	testTimeout: 300000,
};

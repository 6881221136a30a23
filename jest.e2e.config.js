/**
 * Browser tests: Debian's Chromium driven by playwright-core against the real stack. One file at
 * a time, since they share one site.
 */
const unit = require( './jest.config.js' );

module.exports = {
	...unit,
	testEnvironment: 'node',
	testMatch: [ '<rootDir>/tests/e2e/**/*.test.ts' ],
	setupFilesAfterEnv: [],
	testTimeout: 90000,
};

/**
 * Integration tests: plain HTTP against the real WordPress stack that `npm run wp:up
 * -- --with-test-doubles` serves. Node environment (global fetch), one file at a time, since
 * the files share one site.
 */
const unit = require( './jest.config.js' );

module.exports = {
	...unit,
	testEnvironment: 'node',
	testMatch: [ '<rootDir>/tests/integration/**/*.test.ts' ],
	setupFiles: [ '<rootDir>/tests/integration/support/fresh-connections.ts' ],
	setupFilesAfterEnv: [],
	// A guard against a hang, not a duration: on a machine whose cores are all busy a run can take
	// minutes.
	testTimeout: 300000,
};

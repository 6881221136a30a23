#!/usr/bin/env bash
# npm test: every check of the project, in order — lints, unit tests, then the real stack
# (WordPress 6.8 with the test doubles) for integration and browser tests, then the browser tests
# again on the newest WordPress. Ends with one line "N passed, N failed" over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir=artifacts/test-results
rm -rf "$results_dir"
mkdir -p "$results_dir"
passed=0
failed=0
failures=()

step() { printf '\n=== %s\n' "$*"; }

# What the tests need beyond the stack (the browser, PHPUnit, the proof suite's real faults, wrk
# for the benchmark check) is installed here, so `npm test` works on a machine that has never
# seen the project, not only in CI.
bash bin/ensure-packages.sh stack test bench || { echo "0 passed, 1 failed"; exit 1; }

# A check that is not a test runner counts as one test.
check() {
	local name=$1
	shift
	step "$name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$name")
	fi
}

# A jest run counts its tests; a suite that could not run at all counts as a failure.
jest_suite() {
	local name=$1 config=$2
	shift 2
	step "$name"
	local out="$results_dir/$name.json"
	npx wp-scripts test-unit-js --config "$config" --json --outputFile="$out" "$@"
	local counts
	counts=$(node -e '
		const fs = require( "fs" );
		try {
			const r = JSON.parse( fs.readFileSync( process.argv[1], "utf8" ) );
			const broken = r.testResults.filter( ( s ) => s.status === "failed" && s.assertionResults.length === 0 ).length;
			console.log( r.numPassedTests, r.numFailedTests + broken + ( r.numTotalTests === 0 ? 1 : 0 ) );
		} catch ( e ) {
			console.log( 0, 1 );
		}' "$out")
	passed=$((passed + ${counts% *}))
	local suite_failed=${counts#* }
	failed=$((failed + suite_failed))
	[ "$suite_failed" = 0 ] || failures+=("$name")
}

check "lint: JavaScript and TypeScript (wp-scripts lint-js)" npx wp-scripts lint-js src tests
check "lint: styles (wp-scripts lint-style)" npx wp-scripts lint-style 'src/**/*.scss' --allow-empty-input
check "lint: types (tsc --noEmit, strict)" npx tsc --noEmit -p .
check "lint: PHP (php -l, and PHP 7.4 through php-wasm)" bash bin/lint-php.sh
jest_suite unit jest.config.js --coverage

# PHPUnit counts its tests from its JUnit report; a run that wrote none counts as one failure.
phpunit_suite() {
	local name=$1
	step "$name"
	local out="$results_dir/$name.xml"
	phpunit --configuration phpunit.xml.dist --log-junit "$out"
	local counts
	counts=$(php -r '
		$xml = @simplexml_load_file( $argv[1] );
		if ( ! $xml || ! isset( $xml->testsuite ) ) { echo "0 1"; exit; }
		$suite = $xml->testsuite[0];
		$total = (int) $suite["tests"];
		$bad = (int) $suite["failures"] + (int) $suite["errors"] + (int) $suite["skipped"];
		echo ( $total - $bad ) . " " . ( $bad + ( 0 === $total ? 1 : 0 ) );' "$out")
	passed=$((passed + ${counts% *}))
	local suite_failed=${counts#* }
	failed=$((failed + suite_failed))
	[ "$suite_failed" = 0 ] || failures+=("$name")
}

check "build" npx wp-scripts build
check "stack: WordPress 6.8 with test doubles" bash bin/wp-up.sh --wp=6.8 --with-test-doubles --quiet
jest_suite integration-wp-6.8 jest.integration.config.js --runInBand
phpunit_suite php-wp-6.8
jest_suite browser-wp-6.8 jest.e2e.config.js --runInBand

check "stack: newest WordPress with test doubles" bash bin/wp-up.sh --wp=newest --with-test-doubles --quiet
KCO_E2E_SCOPE=ui jest_suite browser-wp-newest jest.e2e.config.js --runInBand
# Leave the default stack running, as `npm run wp:up` would, and check that the benchmark still
# runs (its figures are reported, never asserted: no timed assertions in tests).
bash bin/wp-up.sh --wp=6.8 --with-test-doubles --quiet
check "benchmark still runs (npm run bench -- --quick)" node bin/bench.mjs --quick --json

echo
[ ${#failures[@]} -eq 0 ] || printf 'Failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

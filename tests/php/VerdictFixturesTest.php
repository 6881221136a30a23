<?php
/**
 * The verdict fixtures under PHPUnit: the PHP twin of tests/unit/diagnosis/verdict.test.ts.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Verdict\RunVerdict;
use PHPUnit\Framework\TestCase;

/**
 * Runs captured from the real stack with real faults (tests/fixtures/verdicts/*.json); jest pins
 * the TypeScript verdict to the very same states, so PHP and the page never disagree.
 */
final class VerdictFixturesTest extends TestCase {

	/**
	 * Every fixture file, by name (the data set names failures; the file is read in the test).
	 *
	 * @return array<string, array{0: string}>
	 */
	public function fixtures(): array {
		$fixtures = array();
		foreach ( glob( dirname( __DIR__ ) . '/fixtures/verdicts/*.json' ) as $file ) {
			$fixtures[ basename( $file, '.json' ) ] = array( $file );
		}
		ksort( $fixtures );
		return $fixtures;
	}

	/**
	 * A fixture: description, run, expected states, overall status.
	 *
	 * @param string $file Path of the fixture.
	 * @return array<string, mixed>
	 */
	private static function read( string $file ): array {
		$fixture = json_decode( (string) file_get_contents( $file ), true );
		self::assertIsArray( $fixture, $file . ' is not JSON' );
		return $fixture;
	}

	/**
	 * The states and the overall status the fixture expects.
	 *
	 * @dataProvider fixtures
	 * @param string $file Path of the fixture.
	 */
	public function test_gives_each_endpoint_the_expected_state( string $file ): void {
		$fixture = self::read( $file );
		$verdict = RunVerdict::of( $fixture['run'] );
		$states  = array_column( $verdict['endpoints'], 'state', 'id' );
		$this->assertSame( $fixture['expected'], $states, $fixture['description'] );
		$this->assertSame( $fixture['overall'], $verdict['overall'], $fixture['description'] );
	}

	/**
	 * Runs as the history stores them hold header maps as objects, not arrays: same verdict.
	 *
	 * @dataProvider fixtures
	 * @param string $file Path of the fixture.
	 */
	public function test_judges_a_run_with_header_objects_as_stored( string $file ): void {
		$fixture = self::read( $file );
		$run     = $fixture['run'];
		foreach ( $run['observations'] as $index => $observation ) {
			$run['observations'][ $index ]['request']['headers'] = (object) $observation['request']['headers'];
			if ( is_array( $observation['response'] ) ) {
				$run['observations'][ $index ]['response']['headers'] = (object) $observation['response']['headers'];
			}
		}
		$this->assertSame( $fixture['expected'], array_column( RunVerdict::of( $run )['endpoints'], 'state', 'id' ) );
	}

	/**
	 * Every state and every overall status is pinned by some fixture.
	 */
	public function test_fixtures_cover_every_state_and_status(): void {
		$states   = array();
		$overalls = array();
		foreach ( $this->fixtures() as $item ) {
			$fixture    = self::read( $item[0] );
			$states     = array_merge( $states, array_values( $fixture['expected'] ) );
			$overalls[] = $fixture['overall'];
		}
		$states   = array_values( array_unique( $states ) );
		$overalls = array_values( array_unique( $overalls ) );
		sort( $states );
		sort( $overalls );
		$this->assertSame( array( 'blocked', 'inconclusive', 'passed', 'redirected', 'slow', 'unreachable' ), $states );
		$this->assertSame( array( 'critical', 'ok', 'unknown', 'warning' ), $overalls );
	}
}

<?php
/**
 * CallStatus: the PHP twin of the page's isFailingStatus(), on the shared fixture.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Traffic\CallStatus;
use PHPUnit\Framework\TestCase;

/**
 * tests/fixtures/traffic-statuses.json also runs under jest (tests/unit/diagnosis/traffic.test.ts).
 */
final class CallStatusTest extends TestCase {

	/**
	 * Endpoint, status, failing.
	 *
	 * @return array<string, array{0: string, 1: int, 2: bool}>
	 */
	public function statuses(): array {
		$fixture = json_decode( (string) file_get_contents( dirname( __DIR__ ) . '/fixtures/traffic-statuses.json' ), true );
		$cases   = array();
		foreach ( $fixture['cases'] as $case ) {
			$cases[ sprintf( '%s answered %d', $case[0], $case[1] ) ] = $case;
		}
		return $cases;
	}

	/**
	 * @dataProvider statuses
	 *
	 * @param string $endpoint Catalogue id.
	 * @param int    $status   HTTP status.
	 * @param bool   $failing  Whether it is an error for Klarna.
	 */
	public function test_judges_an_answer_as_the_page_does( string $endpoint, int $status, bool $failing ): void {
		$this->assertSame( $failing, CallStatus::failing( $endpoint, $status ) );
	}
}

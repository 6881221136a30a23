<?php
/**
 * The blocker the page last named for each callback.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * PHP does not decide who blocked a request (docs/architecture.md): only the page's diagnosis
 * does, and it stores a digest with the run it diagnosed. A scheduled or WP-CLI run is never seen
 * by the page, so it has no digest of its own. When a callback fails exactly as it did the last
 * time the page diagnosed it (same state, same HTTP status), that diagnosis still names the
 * blocker: in `wp kco-doctor check`, in the run history, and in the alerts ("Blocked by
 * Cloudflare, as diagnosed on …").
 *
 * One option, not autoloaded, with one entry per callback. A diagnosis replaces the entries of
 * the callbacks its run checked and keeps the others, so re-running one callback from its card
 * does not forget who blocks the rest. The page also diagnoses old runs (opened from the
 * history), so an entry only gives way to a run started at the same time or later.
 */
final class LastDiagnosis {

	private const OPTION = 'kco_callback_doctor_last_diagnosis';

	/**
	 * Remembers what the page has just diagnosed for each callback the run checked: its blocker,
	 * or, on a certain answer (passed, or failing with no product named), that there is none. A
	 * slow or inconclusive check says nothing about who blocks the callback and changes nothing.
	 *
	 * @param array<string, mixed> $run A stored run with its digest and diagnosedAt.
	 */
	public static function remember( array $run ): void {
		$endpoints = self::endpoints();
		$started   = (string) ( $run['startedAt'] ?? '' );
		foreach ( RunVerdict::of( $run )['endpoints'] as $endpoint ) {
			$known = $endpoints[ $endpoint['id'] ] ?? null;
			// ISO 8601 times in UTC, as the runner writes them, order as strings.
			if ( null !== $known && strcmp( $known['startedAt'], $started ) > 0 ) {
				continue;
			}
			if ( null !== $endpoint['blocker'] ) {
				$endpoints[ $endpoint['id'] ] = array(
					'state'       => $endpoint['state'],
					'httpStatus'  => $endpoint['httpStatus'],
					'blocker'     => $endpoint['blocker'],
					'startedAt'   => $started,
					'diagnosedAt' => (string) $run['diagnosedAt'],
				);
			} elseif ( EndpointState::PASSED === $endpoint['state'] || in_array( $endpoint['state'], EndpointState::FAILING, true ) ) {
				unset( $endpoints[ $endpoint['id'] ] );
			}
		}
		$value = array( 'endpoints' => $endpoints );
		if ( false === get_option( self::OPTION, false ) ) {
			add_option( self::OPTION, $value, '', false );
		} else {
			update_option( self::OPTION, $value, false );
		}
	}

	/**
	 * The blocker the page last named for a callback that failed this same way, with when.
	 *
	 * @param string      $endpoint_id The callback.
	 * @param string|null $state       Its state now (EndpointState).
	 * @param int|null    $http_status The HTTP status it was answered with now, if any.
	 * @return array{blocker: array<string, mixed>, diagnosedAt: string}|null
	 */
	public static function blocker( string $endpoint_id, ?string $state, ?int $http_status ): ?array {
		$known = self::endpoints()[ $endpoint_id ] ?? null;
		if ( null === $known || $known['state'] !== $state || $known['httpStatus'] !== $http_status ) {
			return null;
		}
		return array(
			'blocker'     => $known['blocker'],
			'diagnosedAt' => $known['diagnosedAt'],
		);
	}

	/**
	 * RunVerdict::of() with each missing blocker taken from the last diagnosis where the endpoint
	 * failed the same way. Every named blocker comes with `blockerDiagnosedAt` (ISO 8601 UTC):
	 * when the page diagnosed the run it was read from.
	 *
	 * @param array<string, mixed> $run A stored run.
	 * @return array{overall: string, endpoints: array<int, array<string, mixed>>}
	 */
	public static function verdict_of( array $run ): array {
		$verdict = RunVerdict::of( $run );
		foreach ( $verdict['endpoints'] as $index => $endpoint ) {
			if ( null !== $endpoint['blocker'] ) {
				$verdict['endpoints'][ $index ]['blockerDiagnosedAt'] = isset( $run['diagnosedAt'] ) ? (string) $run['diagnosedAt'] : null;
				continue;
			}
			$known = self::blocker( (string) $endpoint['id'], $endpoint['state'], $endpoint['httpStatus'] );
			if ( null !== $known ) {
				$verdict['endpoints'][ $index ]['blocker']            = $known['blocker'];
				$verdict['endpoints'][ $index ]['blockerDiagnosedAt'] = $known['diagnosedAt'];
			}
		}
		return $verdict;
	}

	/**
	 * The remembered entries by callback id; a malformed one is left out.
	 *
	 * @return array<string, array{state: string|null, httpStatus: int|null, blocker: array<string, mixed>, startedAt: string, diagnosedAt: string}>
	 */
	private static function endpoints(): array {
		$stored = get_option( self::OPTION, null );
		if ( ! is_array( $stored ) || ! is_array( $stored['endpoints'] ?? null ) ) {
			return array();
		}
		$endpoints = array();
		foreach ( $stored['endpoints'] as $id => $entry ) {
			if ( ! is_array( $entry ) || ! is_array( $entry['blocker'] ?? null ) || ! is_string( $entry['diagnosedAt'] ?? null ) ) {
				continue;
			}
			$endpoints[ (string) $id ] = array(
				'state'       => isset( $entry['state'] ) ? (string) $entry['state'] : null,
				'httpStatus'  => isset( $entry['httpStatus'] ) ? (int) $entry['httpStatus'] : null,
				'blocker'     => $entry['blocker'],
				'startedAt'   => (string) ( $entry['startedAt'] ?? '' ),
				'diagnosedAt' => $entry['diagnosedAt'],
			);
		}
		return $endpoints;
	}
}

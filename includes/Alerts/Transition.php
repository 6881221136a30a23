<?php
/**
 * Which callbacks changed between passing and failing with a run.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Alerts;

use KcoCallbackDoctor\Verdict\EndpointState;

defined( 'ABSPATH' ) || exit;

/**
 * Pure: the remembered state of each callback and a run's verdict in, the new remembered state
 * and the changes out. Only callbacks Klarna calls for the installed KCO count (RunVerdict's
 * `used`). A state says "failing" when Klarna's call does not get through (EndpointState::FAILING)
 * and "passing" when the signed echo came back in time; slow and inconclusive say nothing certain
 * about whether Klarna gets through, so they change nothing. A callback never judged before
 * counts as passing: the shop is assumed to take orders until a run shows otherwise.
 */
final class Transition {

	/**
	 * The new remembered state after a run.
	 *
	 * @param array<string, array<string, mixed>> $remembered Endpoint id => what was remembered.
	 * @param array<string, mixed>                $verdict    RunVerdict::of() of the run.
	 * @param string                              $at         When the run started (ISO 8601 UTC).
	 * @param string                              $run_id     The run's id.
	 * @return array{remembered: array<string, array<string, mixed>>, changed: string[], judged: bool}
	 *   `changed`: ids whose failing/passing flipped; `judged`: whether the run said anything
	 *   certain about at least one callback (false for a wholly inconclusive run).
	 */
	public static function apply( array $remembered, array $verdict, string $at, string $run_id ): array {
		$changed = array();
		$judged  = false;
		foreach ( (array) ( $verdict['endpoints'] ?? array() ) as $endpoint ) {
			if ( ! is_array( $endpoint ) || empty( $endpoint['used'] ) ) {
				continue;
			}
			$failing = self::failing( (string) ( $endpoint['state'] ?? '' ) );
			if ( null === $failing ) {
				continue;
			}
			$judged   = true;
			$id       = (string) $endpoint['id'];
			$previous = $remembered[ $id ] ?? null;
			$was      = is_array( $previous ) && ! empty( $previous['failing'] );
			$since    = is_array( $previous ) && $was === $failing && isset( $previous['since'] ) ? (string) $previous['since'] : $at;
			if ( $was !== $failing ) {
				$changed[] = $id;
			}
			$remembered[ $id ] = array(
				'failing'    => $failing,
				'since'      => $since,
				'state'      => (string) $endpoint['state'],
				'httpStatus' => isset( $endpoint['httpStatus'] ) ? (int) $endpoint['httpStatus'] : null,
				'label'      => (string) ( $endpoint['label'] ?? $id ),
				'path'       => (string) ( $endpoint['path'] ?? '' ),
				'runId'      => $run_id,
			);
		}
		return array(
			'remembered' => $remembered,
			'changed'    => $changed,
			'judged'     => $judged,
		);
	}

	/**
	 * Whether a state means failing (true), passing (false), or says nothing certain (null).
	 *
	 * @param string $state One of EndpointState's states.
	 */
	public static function failing( string $state ): ?bool {
		if ( EndpointState::PASSED === $state ) {
			return false;
		}
		if ( in_array( $state, EndpointState::FAILING, true ) ) {
			return true;
		}
		return null;
	}

	/**
	 * Ids of the remembered callbacks that are failing now.
	 *
	 * @param array<string, array<string, mixed>> $remembered Endpoint id => what was remembered.
	 * @return string[]
	 */
	public static function failing_ids( array $remembered ): array {
		$ids = array();
		foreach ( $remembered as $id => $entry ) {
			if ( is_array( $entry ) && ! empty( $entry['failing'] ) ) {
				$ids[] = (string) $id;
			}
		}
		sort( $ids );
		return $ids;
	}
}

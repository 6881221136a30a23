<?php
/**
 * What a passing loopback says about security plugins that decide in PHP
 * (src/diagnosis/verdict.ts clientAddressOutcome).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * Such plugins commonly never block loopback or private clients, so a loopback that passes
 * proves nothing about them (docs/probe-protocol.md §10); only the probe presenting Klarna's public address
 * in the header a plugin trusts exercises them.
 */
final class ClientAddress {

	public const UNTESTED = 'untested';
	public const BLOCKED  = 'blocked';

	/**
	 * 'untested', 'blocked' (with the public-address probe's HTTP status) or null when nothing
	 * stands in the way of a pass.
	 *
	 * @param array<int, array<string, mixed>> $passing     The verified Klarna-shaped probes.
	 * @param array<int, array<string, mixed>> $decisive    The endpoint's decisive observations.
	 * @param array<string, mixed>             $environment The run's environment.
	 * @param string                           $endpoint_id Endpoint id.
	 * @return array{kind: string, httpStatus: int|null}|null
	 */
	public static function outcome( array $passing, array $decisive, array $environment, string $endpoint_id ): ?array {
		$plugins = array_values(
			array_filter(
				(array) ( $environment['plugins'] ?? array() ),
				static function ( $plugin ): bool {
					return is_array( $plugin ) && 'security' === ( $plugin['category'] ?? null );
				}
			)
		);
		$from_server_itself = false;
		foreach ( $passing as $observation ) {
			if ( is_array( $observation['echo'] ?? null ) && 'public' !== ( $observation['echo']['clientAddressClass'] ?? null ) ) {
				$from_server_itself = true;
			}
		}
		if ( empty( $plugins ) || ! $from_server_itself ) {
			return null;
		}
		$untested = array(
			'kind'       => self::UNTESTED,
			'httpStatus' => null,
		);
		$public   = Observations::of_variant( $decisive, 'public-client-address' );
		if ( null === $public ) {
			return $untested;
		}
		if ( 'verified' === Observations::check_echo( $public, $endpoint_id ) ) {
			// REMOTE_ADDR stays the loopback; what a plugin judged is its header, if it arrived.
			$seen_public = 'public' === ( $public['echo']['clientAddressClass'] ?? null );
			foreach ( $plugins as $plugin ) {
				$header = $plugin['clientAddressHeader'] ?? null;
				if ( ! is_string( $header ) || ! Observations::sent_header( $public, $header ) ) {
					return $untested;
				}
				if ( ! $seen_public && ! self::arrived( $public, $header ) ) {
					return $untested;
				}
			}
			return null;
		}
		if ( ! is_array( $public['response'] ?? null ) ) {
			// No answer at all (timeout, deadline): the plugin was not exercised either way.
			return $untested;
		}
		return array(
			'kind'       => self::BLOCKED,
			'httpStatus' => Observations::status( $public ),
		);
	}

	/**
	 * Whether the echo saw the header at the site (a proxy on the way may drop or replace it).
	 *
	 * @param array<string, mixed> $observation A verified probe.
	 * @param string               $header      Header name.
	 */
	private static function arrived( array $observation, string $header ): bool {
		foreach ( (array) ( $observation['echo']['proxyHeaders'] ?? array() ) as $seen ) {
			if ( is_string( $seen ) && 0 === strcasecmp( $seen, $header ) ) {
				return true;
			}
		}
		return false;
	}
}

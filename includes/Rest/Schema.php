<?php
/**
 * JSON Schemas of the REST responses, mirroring src/api/types.ts.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\Probe\Canary;
use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\ClientAddressPolicy;
use KcoCallbackDoctor\Verdict\EndpointState;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * One place for the shapes both controllers publish; types.ts is the source they follow.
 */
final class Schema {

	private const VARIANTS = array( 'klarna', 'klarna-session', 'browser-user-agent', 'with-referer', 'without-session-id', 'get', 'public-client-address', 'numeric-order-id', 'plain-query', 'minimal-body', 'no-body', 'canary', 'wc-api-query', 'held-answer', 'static-file', 'php-page' );

	private const CANARIES = array( Canary::WC_API, Canary::REST, Canary::SITE_WC_API );

	private const ADDRESS_CLASSES = array( 'loopback', 'private', 'public', 'reserved' );

	/**
	 * Environment (GET /environment, and inside a Run).
	 *
	 * @return array<string, mixed>
	 */
	public static function environment(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-environment',
			'type'       => 'object',
			'properties' => array(
				'homeUrl'            => self::text( 'uri' ),
				'siteUrl'            => self::text( 'uri' ),
				'host'               => self::text(),
				'hostAddresses'      => self::texts(),
				'hostAddressClass'   => array(
					'type' => array( 'string', 'null' ),
					'enum' => array_merge( self::ADDRESS_CLASSES, array( null ) ),
				),
				'permalinkStructure' => self::text(),
				'wordpressVersion'   => self::text(),
				'phpVersion'         => self::text(),
				'serverSoftware'     => self::text(),
				'woocommerce'        => self::shape(
					array(
						'active'  => array( 'type' => 'boolean' ),
						'version' => self::nullable_text(),
					)
				),
				'kco'                => self::shape(
					array(
						'active'  => array( 'type' => 'boolean' ),
						'name'    => self::nullable_text(),
						'version' => self::nullable_text(),
						'flow'    => array(
							'type' => 'string',
							'enum' => array( 'classic', 'blocks', 'unknown' ),
						),
					)
				),
				'plugins'            => array(
					'type'  => 'array',
					'items' => self::shape(
						array(
							'slug'                => self::text(),
							'name'                => self::text(),
							'version'             => self::text(),
							'category'            => array(
								'type' => 'string',
								'enum' => array( 'security', 'multilingual', 'cdn', 'cache', 'maintenance' ),
							),
							'clientAddressHeader' => self::nullable_text(),
							'clientAddressTrust'  => array(
								'type' => array( 'string', 'null' ),
								'enum' => array( ClientAddressPolicy::HEADER, ClientAddressPolicy::CONNECTION, ClientAddressPolicy::UNKNOWN, null ),
							),
						)
					),
				),
				'maintenanceFile'    => array( 'type' => 'boolean' ),
				'certificate'        => array(
					'type'       => array( 'object', 'null' ),
					'properties' => array(
						'subject'     => self::text(),
						'issuer'      => self::text(),
						'validFrom'   => self::text( 'date-time' ),
						'validTo'     => self::text( 'date-time' ),
						'selfSigned'  => array( 'type' => 'boolean' ),
						'hostMatches' => array( 'type' => 'boolean' ),
					),
				),
				'certificateError'   => self::nullable_text(),
			),
		);
	}

	/**
	 * Run (POST /runs, GET /runs/{id}).
	 *
	 * @return array<string, mixed>
	 */
	public static function run(): array {
		$environment = self::environment();
		unset( $environment['$schema'], $environment['title'] );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-run',
			'type'       => 'object',
			'properties' => array(
				'id'           => self::text( 'uuid' ),
				'source'       => self::source(),
				'startedAt'    => self::text( 'date-time' ),
				'durationMs'   => array( 'type' => 'integer' ),
				'endpointIds'  => self::endpoint_ids(),
				'endpoints'    => array(
					'type'  => 'array',
					'items' => self::endpoint(),
				),
				'environment'  => $environment,
				'observations' => array(
					'type'  => 'array',
					'items' => self::observation(),
				),
				'trimmed'      => array(
					'description' => __( 'Whether bodies and headers of the least important observations were left out to keep the stored run under 256 KB.', 'kco-callback-doctor' ),
					'type'        => 'boolean',
				),
				'digest'       => DigestSchema::digest( RunDigestController::MAX_ENTRIES ),
				'diagnosedAt'  => self::text( 'date-time' ),
			),
		);
	}

	/**
	 * RunSummary (GET /runs items).
	 *
	 * @return array<string, mixed>
	 */
	public static function run_summary(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-run-summary',
			'type'       => 'object',
			'properties' => array(
				'id'          => self::text( 'uuid' ),
				'startedAt'   => self::text( 'date-time' ),
				'durationMs'  => array( 'type' => 'integer' ),
				'source'      => self::source(),
				'endpointIds' => self::endpoint_ids(),
				'overall'     => array(
					'type' => 'string',
					'enum' => array( RunVerdict::OK, RunVerdict::WARNING, RunVerdict::CRITICAL, RunVerdict::UNKNOWN ),
				),
				'verdicts'    => array(
					'type'  => 'array',
					'items' => self::shape(
						array(
							'id'    => array(
								'type' => 'string',
								'enum' => Catalogue::ids(),
							),
							'state' => array(
								'type' => 'string',
								'enum' => array( EndpointState::PASSED, EndpointState::BLOCKED, EndpointState::REDIRECTED, EndpointState::UNREACHABLE, EndpointState::SLOW, EndpointState::INCONCLUSIVE ),
							),
							'used'  => array( 'type' => 'boolean' ),
						)
					),
				),
			),
		);
	}

	/**
	 * Who started a run.
	 *
	 * @return array<string, mixed>
	 */
	private static function source(): array {
		return array(
			'type' => 'string',
			'enum' => Doctor::sources(),
		);
	}

	/**
	 * EndpointDescriptor.
	 *
	 * @return array<string, mixed>
	 */
	private static function endpoint(): array {
		return self::shape(
			array(
				'id'                 => array(
					'type' => 'string',
					'enum' => Catalogue::ids(),
				),
				'label'              => self::text(),
				'method'             => array(
					'type' => 'string',
					'enum' => array( 'POST' ),
				),
				'path'               => self::text(),
				'deadlineMs'         => array( 'type' => array( 'integer', 'null' ) ),
				'strictDeadlineMs'   => array( 'type' => array( 'integer', 'null' ) ),
				'kcoVersions'        => self::text(),
				'usedByInstalledKco' => array( 'type' => array( 'boolean', 'null' ) ),
				'canary'             => array(
					'type' => 'string',
					'enum' => self::CANARIES,
				),
			)
		);
	}

	/**
	 * Observation.
	 *
	 * @return array<string, mixed>
	 */
	private static function observation(): array {
		$headers = array(
			'type'                 => 'object',
			'additionalProperties' => array( 'type' => 'string' ),
		);
		return self::shape(
			array(
				'endpoint'  => array(
					'type' => 'string',
					'enum' => array_merge( Catalogue::ids(), self::CANARIES ),
				),
				'variant'   => array(
					'type' => 'string',
					'enum' => self::VARIANTS,
				),
				'basedOn'   => array(
					'type' => array( 'string', 'null' ),
					'enum' => array_merge( self::VARIANTS, array( null ) ),
				),
				'request'   => self::shape(
					array(
						'method'     => array(
							'type' => 'string',
							'enum' => array( 'GET', 'POST' ),
						),
						'url'        => self::text( 'uri' ),
						'headers'    => $headers,
						'bodyBytes'  => array( 'type' => 'integer' ),
						'bodySha256' => self::text(),
					)
				),
				'error'     => array(
					'type'       => array( 'object', 'null' ),
					'properties' => array(
						'code'    => array(
							'type' => 'string',
							'enum' => array( 'timeout', 'dns', 'connect', 'tls', 'deadline', 'other' ),
						),
						'message' => self::text(),
					),
				),
				'response'  => array(
					'type'       => array( 'object', 'null' ),
					'properties' => array(
						'status'        => array( 'type' => 'integer' ),
						'reason'        => self::text(),
						'headers'       => $headers,
						'body'          => self::text(),
						'bodyTruncated' => array( 'type' => 'boolean' ),
					),
				),
				'redirects' => array(
					'type'  => 'array',
					'items' => self::shape(
						array(
							'url'      => self::text( 'uri' ),
							'status'   => array( 'type' => 'integer' ),
							'location' => self::text(),
							'followed' => array( 'type' => 'boolean' ),
						)
					),
				),
				'timing'    => self::shape(
					array(
						'totalMs'       => array( 'type' => 'integer' ),
						'connectMs'     => array( 'type' => array( 'integer', 'null' ) ),
						'tlsMs'         => array( 'type' => array( 'integer', 'null' ) ),
						'measuredAlone' => array( 'type' => 'boolean' ),
					)
				),
				'echo'      => array(
					'type'       => array( 'object', 'null' ),
					'properties' => array(
						'protocol'           => array(
							'type' => 'integer',
							'enum' => array( 1 ),
						),
						'probeId'            => self::text(),
						'endpoint'           => array(
							'type' => 'string',
							'enum' => array_merge( Catalogue::ids(), self::CANARIES ),
						),
						'routedAs'           => self::text(),
						'method'             => self::text(),
						'bodyBytes'          => array( 'type' => 'integer' ),
						'bodySha256'         => self::text(),
						'queryKeys'          => self::texts(),
						'handlerRegistered'  => array( 'type' => 'boolean' ),
						'clientAddressClass' => array(
							'type' => 'string',
							'enum' => self::ADDRESS_CLASSES,
						),
						'proxyHeaders'       => self::texts(),
						'heldMs'             => array( 'type' => 'integer' ),
					),
				),
			)
		);
	}

	/**
	 * Array of endpoint ids.
	 *
	 * @return array<string, mixed>
	 */
	private static function endpoint_ids(): array {
		return array(
			'type'  => 'array',
			'items' => array(
				'type' => 'string',
				'enum' => Catalogue::ids(),
			),
		);
	}

	/**
	 * Object with the given properties.
	 *
	 * @param array<string, mixed> $properties Properties.
	 * @return array<string, mixed>
	 */
	private static function shape( array $properties ): array {
		return array(
			'type'       => 'object',
			'properties' => $properties,
		);
	}

	/**
	 * String, optionally with a format.
	 *
	 * @param string $format JSON Schema format.
	 * @return array<string, mixed>
	 */
	private static function text( string $format = '' ): array {
		return '' === $format ? array( 'type' => 'string' ) : array(
			'type'   => 'string',
			'format' => $format,
		);
	}

	/**
	 * String or null.
	 *
	 * @return array<string, mixed>
	 */
	private static function nullable_text(): array {
		return array( 'type' => array( 'string', 'null' ) );
	}

	/**
	 * Array of strings.
	 *
	 * @return array<string, mixed>
	 */
	private static function texts(): array {
		return array(
			'type'  => 'array',
			'items' => array( 'type' => 'string' ),
		);
	}
}

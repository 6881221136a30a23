<?php
/**
 * JSON translations for the admin app, made by bin/make-json.sh, as WordPress loads them.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Admin\Page;
use PHPUnit\Framework\TestCase;

/**
 * A translator's .po becomes a JSON file that WordPress finds for the page's script handle:
 * WordPress looks for `{domain}-{locale}-{md5 of the script's path in the plugin}.json`
 * (load_script_textdomain() in wp-includes/l10n.php), first in the folder the page passed to
 * wp_set_script_translations(), then in wp-content/languages/plugins, where language packs go.
 */
final class ScriptTranslationsTest extends TestCase {

	private const HANDLE = 'kco-callback-doctor';

	private const DOMAIN = 'kco-callback-doctor';

	/**
	 * Scratch folder for the .po file.
	 *
	 * @var string
	 */
	private $scratch = '';

	/**
	 * JSON files this test made, removed afterwards.
	 *
	 * @var string[]
	 */
	private $made = array();

	/**
	 * Folders this test created in the stack (as the user running the tests), removed afterwards
	 * so the web server's own folders stay as they were.
	 *
	 * @var string[]
	 */
	private $created_folders = array();

	protected function setUp(): void {
		$this->scratch = sys_get_temp_dir() . '/kco-json-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->scratch );
		add_filter( 'determine_locale', array( $this, 'german' ) );
		wp_deregister_script( self::HANDLE );
	}

	protected function tearDown(): void {
		remove_filter( 'determine_locale', array( $this, 'german' ) );
		wp_deregister_script( self::HANDLE );
		foreach ( array_merge( $this->made, glob( $this->scratch . '/*' ) ) as $file ) {
			unlink( $file );
		}
		rmdir( $this->scratch );
		foreach ( $this->created_folders as $folder ) {
			rmdir( $folder );
		}
	}

	/**
	 * The locale of the request under test.
	 */
	public function german(): string {
		return 'de_DE';
	}

	public function test_a_translated_app_string_reaches_the_admin_page_script(): void {
		$this->enqueue_the_page_script();
		$this->assertFalse( load_script_textdomain( self::HANDLE, self::DOMAIN ), 'a German translation of the app exists before the test made one' );

		$destination = WP_LANG_DIR . '/plugins';
		foreach ( array( WP_LANG_DIR, $destination ) as $folder ) {
			if ( ! is_dir( $folder ) ) {
				mkdir( $folder );
				array_unshift( $this->created_folders, $folder );
			}
		}
		$before = glob( $destination . '/' . self::DOMAIN . '-de_DE-*.json' );
		$this->make_json( $this->german_po( 'Run checks', 'Prüfungen starten' ), $destination );
		$this->made = array_values( array_diff( glob( $destination . '/' . self::DOMAIN . '-de_DE-*.json' ), $before ) );
		$this->assertCount( 1, $this->made, 'one JSON file, for the one script the app is built into' );

		// What the page prints for its script handle, read the way WordPress reads it.
		$json = load_script_textdomain( self::HANDLE, self::DOMAIN );
		$this->assertIsString( $json, 'WordPress did not find the JSON file for the page script' );
		$messages = json_decode( $json, true )['locale_data']['messages'];
		$this->assertSame( array( 'Prüfungen starten' ), $messages['Run checks'] );
		$this->assertArrayNotHasKey( 'Copy report', $messages, 'untranslated strings belong in no JSON file' );

		$printed = wp_scripts()->print_translations( self::HANDLE, false );
		$this->assertIsString( $printed );
		$this->assertStringContainsString( '"' . self::DOMAIN . '"', $printed );
		$this->assertStringContainsString( 'Pr\u00fcfungen starten', $printed );
	}

	public function test_the_page_passes_its_own_languages_folder_for_bundled_translations(): void {
		$this->enqueue_the_page_script();
		$script = wp_scripts()->registered[ self::HANDLE ];
		$this->assertSame( self::DOMAIN, $script->textdomain );
		$this->assertSame( KCO_CALLBACK_DOCTOR_DIR . '/languages', $script->translations_path );

		// A JSON file made into the plugin's own languages folder is found by the same name.
		$json_files = $this->make_json( $this->german_po( 'Copy report', 'Bericht kopieren' ), $this->scratch );
		$this->assertCount( 1, $json_files );
		$json = load_script_textdomain( self::HANDLE, self::DOMAIN, $this->scratch );
		$this->assertIsString( $json );
		$this->assertSame( array( 'Bericht kopieren' ), json_decode( $json, true )['locale_data']['messages']['Copy report'] );
	}

	/**
	 * Registers and queues the app's script the way the admin page does: the menu entry first,
	 * then the enqueue callback for the hook suffix WordPress gave it.
	 */
	private function enqueue_the_page_script(): void {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$admins = get_users(
			array(
				'role'   => 'administrator',
				'number' => 1,
				'fields' => 'ID',
			)
		);
		wp_set_current_user( (int) $admins[0] );
		Page::register();
		$suffix = get_plugin_page_hookname( Page::SLUG, $this->parent_of_page() );
		Page::enqueue( $suffix );
		$this->assertTrue( wp_script_is( self::HANDLE, 'enqueued' ), 'the page did not queue its script' );
	}

	/**
	 * The menu the page was added under (WooCommerce, or Tools without WooCommerce).
	 */
	private function parent_of_page(): string {
		return isset( $GLOBALS['_parent_pages'][ Page::SLUG ] ) ? (string) $GLOBALS['_parent_pages'][ Page::SLUG ] : '';
	}

	/**
	 * A German .po made from the plugin's own template, with one string translated.
	 *
	 * @param string $msgid  Source string of the app.
	 * @param string $msgstr Its translation.
	 * @return string Path of the .po file.
	 */
	private function german_po( string $msgid, string $msgstr ): string {
		$template = (string) file_get_contents( KCO_CALLBACK_DOCTOR_DIR . '/languages/kco-callback-doctor.pot' );
		$entry    = 'msgid ' . wp_json_encode( $msgid, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\nmsgstr \"\"";
		$this->assertStringContainsString( $entry, $template, "the template has no entry for \"$msgid\"" );
		$po = str_replace( $entry, 'msgid ' . wp_json_encode( $msgid ) . "\nmsgstr \"" . $msgstr . '"', $template );
		$po = str_replace( '"X-Domain: kco-callback-doctor\n"', "\"X-Domain: kco-callback-doctor\\n\"\n\"Language: de_DE\\n\"", $po );
		$path = $this->scratch . '/kco-callback-doctor-de_DE.po';
		file_put_contents( $path, $po );
		return $path;
	}

	/**
	 * Runs bin/make-json.sh (npm run i18n:json) on a .po file.
	 *
	 * @param string $po          The .po file.
	 * @param string $destination Folder for the JSON files.
	 * @return string[] JSON files in the destination afterwards.
	 */
	private function make_json( string $po, string $destination ): array {
		$command = 'bash ' . escapeshellarg( KCO_CALLBACK_DOCTOR_DIR . '/bin/make-json.sh' ) . ' ' . escapeshellarg( $po ) . ' ' . escapeshellarg( $destination ) . ' 2>&1';
		exec( $command, $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		return glob( $destination . '/*.json' );
	}
}

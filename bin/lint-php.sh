#!/usr/bin/env bash
# php -l on every PHP file of the project with the machine's PHP, then a parse of the same files
# under PHP 7.4 (the plugin's floor) through @php-wasm/cli, which brings its own PHP builds.
set -uo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.php')
status=0
for file in "${files[@]}"; do
	php -l "$file" >/dev/null 2>&1 || { php -l "$file"; status=1; }
done
echo "php -l ($(php -r 'echo PHP_VERSION;')): ${#files[@]} files"

# php-wasm-cli exits 0 even on errors, so the verdict is read from the script's own output line.
output=$(PHP=7.4 npx --no-install php-wasm-cli bin/php-syntax-check.php "${files[@]}" 2>&1)
echo "$output" | grep -E "syntax error|parsed" || echo "$output"
echo "$output" | grep -qE "^PHP 7\.4\.[0-9]+ parsed [0-9]+ files, 0 with errors$" || status=1
exit $status

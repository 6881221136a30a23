/**
 * Babel config used only to extract the app's translatable strings (bin/make-pot.sh): the stock
 * preset so TypeScript and JSX parse, and @wordpress/babel-plugin-makepot writing the strings of
 * every file it sees to the .pot named by KCO_MAKEPOT_OUTPUT.
 */
module.exports = {
	babelrc: false,
	presets: [ '@wordpress/babel-preset-default' ],
	plugins: [
		[
			'@wordpress/babel-plugin-makepot',
			{
				output: process.env.KCO_MAKEPOT_OUTPUT,
				headers: {
					'project-id-version': 'Callback Doctor for Klarna Checkout',
					'content-type': 'text/plain; charset=UTF-8',
					'plural-forms': 'nplurals=2; plural=(n != 1);',
					'x-domain': 'kco-callback-doctor',
					'x-generator':
						'bin/make-pot.sh (babel-plugin-makepot and xgettext)',
				},
			},
		],
	],
};

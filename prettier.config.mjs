// Formatting: `npm run format` writes it, `npm run format:check` lists what differs. Prettier's
// defaults (double quotes, semicolons, trailing commas, 2 spaces) are already the code's style; lines
// run long here (one statement, one line, up to about 160 characters), so the width is 160.
// Tailwind 4 is configured in CSS: the plugin reads the theme from the stylesheet to sort classes.

/** @type {import("prettier").Config & import("prettier-plugin-tailwindcss").PluginOptions} */
const config = {
  printWidth: 160,
  plugins: ["prettier-plugin-tailwindcss"],
  tailwindStylesheet: "./app/globals.css",
};

export default config;

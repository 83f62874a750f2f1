// Draws the app icons in public/icons/ from the product mark (two overlapping rings, as in
// components/brand.tsx and public/icon.svg). The PNGs are committed; run this again after changing
// the mark: `node scripts/make-icons.mjs`.
// It uses sharp, which Next.js installs for image optimisation (an optional dependency of `next`),
// so the project needs no image tool of its own.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/paths.mjs";

const TEAL = "#0f766e"; // brand-700, the theme colour
const AMBER = "#f59e0b"; // amber-500, the second ring

/**
 * The mark on a 64×64 canvas. `scale` shrinks the rings around the centre: maskable icons must keep
 * everything inside the middle 80% circle, because launchers crop them to their own shapes.
 */
function markSvg(size, { tile, scale = 1, mono = false }) {
  const teal = mono ? "#fff" : TEAL;
  const amber = mono ? "#fff" : AMBER;
  const background =
    tile === "rounded" ? `<rect width="64" height="64" rx="14" fill="#fff"/>` : tile === "square" ? `<rect width="64" height="64" fill="#fff"/>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">${background}<g transform="translate(32 32) scale(${scale}) translate(-32 -32)"><circle cx="25" cy="32" r="14" fill="none" stroke="${teal}" stroke-width="5"/><circle cx="39" cy="32" r="14" fill="none" stroke="${amber}" stroke-width="5"/></g></svg>`;
}

const icons = [
  // purpose "any": the rounded white tile of the favicon.
  { file: "icon-192.png", size: 192, tile: "rounded" },
  { file: "icon-512.png", size: 512, tile: "rounded" },
  // purpose "maskable": full bleed, rings well inside the safe zone.
  { file: "maskable-512.png", size: 512, tile: "square", scale: 0.78 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: "apple-touch-icon.png", size: 180, tile: "square", scale: 0.9 },
  // Notification badge: Android uses only the alpha channel, so white on transparent.
  { file: "badge-96.png", size: 96, scale: 1.12, mono: true },
];

let sharp;
try {
  ({ default: sharp } = await import("sharp"));
} catch {
  console.error("sharp is missing: it comes with `next` (npm install), unless optional dependencies were omitted.");
  process.exit(1);
}

const dir = join(ROOT, "public", "icons");
mkdirSync(dir, { recursive: true });
for (const { file, size, ...look } of icons) {
  const path = join(dir, file);
  const info = await sharp(Buffer.from(markSvg(size, look)))
    .png({ compressionLevel: 9 })
    .toFile(path);
  if (info.width !== size || info.height !== size) throw new Error(`${file} came out ${info.width}×${info.height}`);
  console.log(`${file}  ${size}×${size}  ${info.size} bytes`);
}

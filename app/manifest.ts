import type { MetadataRoute } from "next";

// The web app manifest, served at /manifest.webmanifest and linked from every page by Next.js.
// Colours match app/globals.css: the brand teal (brand-700) and the stone-50 page background.
// The icons are drawn by scripts/make-icons.mjs.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Overlap",
    short_name: "Overlap",
    description: "See when close friends want to do the same thing nearby. Your location stays coarse, private and yours.",
    start_url: "/plans",
    scope: "/",
    display: "standalone",
    theme_color: "#0f766e",
    background_color: "#fafaf9",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}

import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { RegisterServiceWorker } from "@/components/pwa/register-service-worker";
import { deviceTheme } from "@/lib/server/theme";
import { themeAttribute, themeColours } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Overlap — see when friends want to do the same thing nearby", template: "%s · Overlap" },
  description:
    "Tell close friends what you feel like doing. When your plans overlap nearby, you both get a ping. Your location stays coarse, private and yours.",
  // The web app manifest (app/manifest.ts) is linked by Next.js itself.
  icons: { icon: "/icon.svg", apple: "/icons/apple-touch-icon.png" },
  appleWebApp: { capable: true, title: "Overlap", statusBarStyle: "default" },
};

export async function generateViewport(): Promise<Viewport> {
  return { width: "device-width", initialScale: 1, themeColor: themeColours(await deviceTheme()) };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme={themeAttribute(await deviceTheme())}>
      <body className="min-h-dvh font-sans">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        {children}
        <RegisterServiceWorker />
      </body>
    </html>
  );
}

"use client";

import { useState } from "react";
import type { Resolution } from "@/lib/geo/precision";

export type AreaState = { status: "idle" } | { status: "locating" } | { status: "ready"; cell: string } | { status: "error"; message: string };

const MESSAGES: Record<number, string> = {
  1: "Location access is off for this site. Allow it in your browser’s settings to post — Overlap only ever sends a coarse area.",
  2: "Your position isn’t available right now. Check that location services are on, then try again.",
  3: "Finding your position took too long. Try again.",
};

/**
 * Asks the browser for its position once and snaps it to a cell *here, in the browser*: only the
 * cell id ever leaves the device.
 */
export function useArea(resolution: Resolution) {
  const [area, setArea] = useState<AreaState>({ status: "idle" });
  function locate() {
    if (!("geolocation" in navigator)) {
      setArea({ status: "error", message: "This browser can’t share a location." });
      return;
    }
    setArea({ status: "locating" });
    navigator.geolocation.getCurrentPosition(
      async (position) => {
        try {
          // The H3 library (~200 kB) loads only here, once a position is to be snapped: the page
          // does not wait for it.
          const { snapToCell } = await import("@/lib/geo");
          setArea({ status: "ready", cell: snapToCell(position.coords.latitude, position.coords.longitude, resolution) });
        } catch {
          setArea({ status: "error", message: MESSAGES[2]! });
        }
      },
      (error) => setArea({ status: "error", message: MESSAGES[error.code] ?? MESSAGES[2]! }),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  }
  return { area, locate };
}

"use client";

import { useEffect, useState } from "react";
import type { Resolution } from "@/lib/geo/precision";
import { placeLabel, type Place } from "@/lib/places/search";
import { readUsualArea } from "./habit-store";
import { usePlans } from "./plans";

/**
 * Where a chosen area came from: the browser's position, this device's usual area, or a place picked
 * by name (`label`: its name, shown on this page and never sent).
 */
export type AreaSource = { from: "position" } | { from: "usual"; resolution: Resolution } | { from: "place"; label: string };

export type AreaState =
  { status: "idle" } | { status: "locating" } | ({ status: "ready"; cell: string } & AreaSource) | { status: "error"; message: string; denied: boolean };

/** The H3 library (~200 kB) loads only once an area is to be snapped or checked: the page does not wait for it. */
const h3 = () => import("@/lib/geo");

const MESSAGES: Record<number, string> = {
  1: "Location access is off for this site, so we can’t find your area.",
  2: "Your position isn’t available right now. Check that location services are on, then try again.",
  3: "Finding your position took too long. Try again.",
};

/**
 * The area a plan is posted with, chosen three ways, each snapped to a cell *here, in the browser*:
 * only the cell id ever leaves the device.
 * - `locate`: the browser's position, asked for once.
 * - `choosePlace`: a town or neighbourhood picked from the list shipped with the app.
 * - `takeUsual`: the area of the last plan posted from this device (`usual`, null if there is none),
 *   at the owner's precision or coarser.
 */
export function useArea(resolution: Resolution) {
  const { owner } = usePlans();
  const [area, setArea] = useState<AreaState>({ status: "idle" });
  const [usual, setUsual] = useState<{ cell: string; resolution: Resolution } | null>(null);
  useEffect(() => {
    let current = true;
    void readUsualArea(owner).then((cell) => {
      if (!cell) return;
      void h3().then(({ acceptedResolution }) => {
        // Offered only at the owner's precision or coarser, as it was sent: a finer one is not
        // coarsened here (a parent cell need not hold every point of its child, so two plans could
        // then narrow the area down between them).
        const kept = acceptedResolution(cell);
        if (current) setUsual(kept && kept <= resolution ? { cell, resolution: kept } : null);
      });
    });
    return () => {
      current = false;
    };
  }, [owner, resolution]);

  function locate() {
    if (!("geolocation" in navigator)) {
      setArea({ status: "error", message: "This browser can’t share a location.", denied: true });
      return;
    }
    setArea({ status: "locating" });
    navigator.geolocation.getCurrentPosition(
      async (position) => {
        try {
          setArea({ status: "ready", cell: (await h3()).snapToCell(position.coords.latitude, position.coords.longitude, resolution), from: "position" });
        } catch {
          setArea({ status: "error", message: MESSAGES[2]!, denied: false });
        }
      },
      (error) => setArea({ status: "error", message: MESSAGES[error.code] ?? MESSAGES[2]!, denied: error.code === 1 }),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  }

  return {
    area,
    usual,
    locate,
    choosePlace: async (place: Place) => {
      try {
        setArea({ status: "ready", cell: (await h3()).snapToCell(place.lat, place.lng, resolution), from: "place", label: placeLabel(place) });
      } catch {
        setArea({ status: "error", message: "Couldn’t load what turns a place into an area. Check your connection and try again.", denied: false });
      }
    },
    takeUsual: () => {
      if (usual) setArea({ status: "ready", cell: usual.cell, from: "usual", resolution: usual.resolution });
    },
    reset: () => setArea({ status: "idle" }),
  };
}

export type AreaChoice = ReturnType<typeof useArea>;

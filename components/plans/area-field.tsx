"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { precisionOf, type Resolution } from "@/lib/geo/precision";
import { LocationHelp } from "./location-help";
import { PlaceSearch } from "./place-search";
import { fieldset, legend } from "./plan-fields";
import type { AreaChoice, AreaState } from "./use-area";

type Errors = Record<string, string[] | undefined>;

/** What the form will send, in words: the area's size and where it came from, never a cell id. */
function chosenWords(area: Extract<AreaState, { status: "ready" }>, resolution: Resolution, verb: string): string {
  const size = precisionOf(resolution).area;
  if (area.from === "usual") {
    return `We’ll ${verb} your usual area (${precisionOf(area.resolution).area}): the one your last plan from this device used.`;
  }
  if (area.from === "place") return `We’ll ${verb} an area of ${size} around ${area.label} — the name stays on this device.`;
  return `We’ll ${verb} an area of ${size} around you — never your exact position.`;
}

/**
 * Where: an area chosen by the browser's position, this device's usual area, or a place picked by
 * name, snapped to a cell at the owner's precision in the browser (useArea); sends `cell` only.
 * When location access is off, says how to turn it back on, and the other two ways are right there.
 * `standing`: the area is chosen once for every week, so it is worded as such.
 */
export function AreaField({
  errors,
  resolution,
  where,
  standing = false,
  children,
}: {
  errors: Errors;
  resolution: Resolution;
  where: AreaChoice;
  standing?: boolean;
  children?: ReactNode;
}) {
  const { area, usual } = where;
  const precision = precisionOf(resolution);
  const [searching, setSearching] = useState(false);
  const change = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const byName = useRef<HTMLButtonElement>(null);
  // Once an area is chosen, the button that chose it is gone: focus goes to "Change area" (only on
  // that change, not when the form is drawn again with an area already chosen, e.g. after a post).
  const status = useRef(area.status);
  useEffect(() => {
    if (area.status === "ready" && status.current !== "ready") change.current?.focus();
    status.current = area.status;
  }, [area.status]);
  const after = (button: RefObject<HTMLButtonElement | null>) => requestAnimationFrame(() => button.current?.focus());

  return (
    <fieldset className={fieldset}>
      <legend className={legend}>Where</legend>
      <p className="text-sm text-stone-600">
        {standing && "Chosen once, for every week: share it from where you usually go. "}
        Your phone turns its position, or the place you pick, into a {precision.name.toLowerCase()}-sized area — {precision.area} — before anything is sent.
        Friends only ever hear “in your area”.{" "}
        <Link href="/settings/precision" className="font-medium text-brand-800 underline underline-offset-2">
          Change precision
        </Link>
      </p>
      <div role="status">
        {area.status === "ready" && (
          <p className="flex items-start gap-2 rounded-lg bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900">
            <span aria-hidden="true">✓</span> {chosenWords(area, resolution, standing ? "keep" : "share")}
          </p>
        )}
      </div>
      {area.status === "ready" ? (
        <Button
          ref={change}
          type="button"
          variant="ghost"
          className="self-start"
          onClick={() => {
            where.reset();
            setSearching(false);
            after(first);
          }}
        >
          Change area
        </Button>
      ) : (
        <>
          {area.status === "error" && (
            <div role="alert" className="flex flex-col gap-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              <p className="font-medium">{area.message}</p>
              {area.denied && (
                <p>You can still post: {usual ? "use your usual area, or " : ""}choose a place by name. Either way only the area is sent, as always.</p>
              )}
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <Button ref={first} type="button" variant="secondary" onClick={where.locate} pending={area.status === "locating"}>
              {area.status === "locating" ? "Finding your area…" : standing ? "Use my area here" : "Share my area"}
            </Button>
            {usual && (
              <Button type="button" variant="secondary" onClick={where.takeUsual}>
                Use my usual area
              </Button>
            )}
            {!searching && (
              <Button ref={byName} type="button" variant="secondary" onClick={() => setSearching(true)}>
                Choose a place by name
              </Button>
            )}
          </div>
          {searching && (
            <PlaceSearch
              onPick={(place) => {
                where.choosePlace(place);
                setSearching(false);
              }}
              onClose={() => {
                setSearching(false);
                after(byName);
              }}
            />
          )}
          {area.status === "error" && area.denied && <LocationHelp />}
        </>
      )}
      <input type="hidden" name="cell" value={area.status === "ready" ? area.cell : ""} />
      {children}
      <FieldError id={`${standing ? "standing" : "compose"}-cell-error`} message={errors.cell?.[0]} />
    </fieldset>
  );
}

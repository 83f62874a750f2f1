"use client";

import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { parsePlaces, PLACES_PATH } from "@/lib/places/format";
import { indexPlaces, placeLabel, populationWords, searchPlaces, type Place, type PlaceIndex } from "@/lib/places/search";

let loading: Promise<PlaceIndex> | null = null;

/**
 * The whole list of places, fetched the first time a search opens on this page (again after a
 * failure) and searched here. Whole, and without cookies: the request says nothing of what is typed
 * or of who asks.
 */
function loadPlaces(): Promise<PlaceIndex> {
  loading ??= fetch(PLACES_PATH, { credentials: "omit" }).then(async (response) => {
    if (!response.ok) throw new Error(`places: ${response.status}`);
    return indexPlaces(parsePlaces(await response.text()));
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * "Choose a place by name": a combobox over the list of towns and neighbourhoods (arrow keys move
 * through the results, Enter picks, Escape clears and then closes). `onPick` gets the place; what was
 * typed and the place's name stay on this page.
 */
export function PlaceSearch({ onPick, onClose }: { onPick: (place: Place) => void; onClose: () => void }) {
  const id = useId();
  const [index, setIndex] = useState<PlaceIndex | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const typed = useDeferredValue(query);
  const results = useMemo(() => (index ? searchPlaces(index, typed) : []), [index, typed]);
  const option = (i: number) => `${id}-place-${i}`;

  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    let current = true;
    loadPlaces().then(
      (loaded) => current && setIndex(loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  useEffect(() => {
    if (active >= 0) document.getElementById(option(active))?.scrollIntoView({ block: "nearest" });
  });

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Only the list on screen: while it catches up with what was typed, keys choose nothing.
    const shown = typed === query ? results : [];
    const count = shown.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((now) => (now < 0 ? (step === 1 ? 0 : count - 1) : (now + step + count) % count));
    } else if (event.key === "Enter") {
      // Never the post form's submit: Enter here picks a place, or does nothing.
      event.preventDefault();
      // Enter (a phone's Search key) with no option active takes the first.
      const place = shown[active < 0 ? 0 : active];
      if (place) onPick(place);
    } else if (event.key === "Escape") {
      // Not the standing-plan form's Escape (which closes the whole form).
      event.preventDefault();
      event.stopPropagation();
      if (query !== "") {
        setQuery("");
        setActive(-1);
      } else onClose();
    }
  }

  const open = results.length > 0 && typed === query;
  let status: string;
  if (failed) status = "";
  else if (!index) status = "Loading the list of places…";
  else if (query.trim() === "") status = "Type the first letters of a town or neighbourhood.";
  else if (results.length === 0) status = typed === query ? `No place found for “${query.trim()}”. Try another spelling, or a larger town nearby.` : "";
  else status = `${results.length === 1 ? "1 place" : `${results.length} places`}. Up and down arrows to move, Enter to choose.`;

  return (
    <div className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3 sm:p-4">
      <label htmlFor={`${id}-input`} className="text-sm font-semibold text-stone-800">
        Town or neighbourhood
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && active >= 0 ? option(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        autoCapitalize="words"
        spellCheck={false}
        enterKeyHint="search"
        value={query}
        placeholder="e.g. Lisbon"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Places"
        hidden={!open}
        className="divide-y divide-stone-200 overflow-hidden rounded-lg border border-stone-200"
      >
        {open &&
          results.map((place, i) => (
            <li
              key={`${place.name}-${place.country}-${place.lat}-${place.lng}`}
              id={option(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(place)}
              className={`flex min-h-12 cursor-pointer flex-col justify-center px-3 py-2 ${i === active ? "bg-brand-50 text-brand-900 outline-2 -outline-offset-2 outline-brand-700" : "hover:bg-stone-50"}`}
            >
              <span className="font-medium">{placeLabel(place)}</span>
              {populationWords(place) && <span className="text-sm text-stone-600">{populationWords(place)}</span>}
            </li>
          ))}
      </ul>
      {/* With results shown, what to do with them is for screen readers: the list speaks for itself. */}
      <p role="status" className={open ? "sr-only" : "text-sm text-stone-700"}>
        {status}
      </p>
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        Searched on this device: what you type is never sent, and neither is the name you pick — only the area around it.
      </p>
      {failed && (
        <div role="alert" className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm font-medium text-red-700">
          We couldn’t load the list of places. Check your connection, then try again.
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </Button>
        </div>
      )}
      <Button type="button" variant="ghost" className="self-start" onClick={onClose}>
        Cancel
      </Button>
    </div>
  );
}

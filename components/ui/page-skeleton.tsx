// What a tab's page looks like while it loads: its heading and cards as grey shapes, in the page's
// own layout so nothing jumps when the content arrives. Shown from the tap on a tab until the server
// has answered (components/pending-route.tsx).
//
// Not a loading.tsx: that makes every full page load stream this skeleton first and the page after
// it, swapped in by a script — without JavaScript the skeleton would stay for good (measured).

export type SkeletonKind = "plans" | "friends" | "notifications" | "settings";

type Block = "form" | "people" | "lines";

const shapes: Record<SkeletonKind, Block[]> = {
  plans: ["form", "lines"],
  friends: ["people", "form"],
  notifications: ["lines"],
  settings: ["form", "lines"],
};

/** The skeleton for a tab's path, or null for a page that has none. */
export function skeletonFor(path: string): SkeletonKind | null {
  const section = path.split(/[?#]/)[0]!.split("/")[1];
  return section === "plans" || section === "friends" || section === "notifications" || section === "settings" ? section : null;
}

const bar = "rounded-md bg-stone-200";

function Card({ block }: { block: Block }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <div className={`h-6 w-40 ${bar}`} />
      <div className="mt-4 flex flex-col gap-3">
        {block === "people" &&
          [0, 1, 2, 3].map((row) => (
            <div key={row} className="flex items-center gap-3 py-1">
              <div className="h-10 w-10 shrink-0 rounded-full bg-stone-200" />
              <div className={`h-4 w-1/3 ${bar}`} />
            </div>
          ))}
        {block === "form" && (
          <>
            <div className={`h-4 w-2/3 ${bar}`} />
            <div className={`h-11 w-full ${bar}`} />
            <div className={`h-11 w-32 ${bar}`} />
          </>
        )}
        {block === "lines" &&
          [0, 1, 2].map((row) => (
            <div key={row} className="flex flex-col gap-2 py-1">
              <div className={`h-4 w-1/2 ${bar}`} />
              <div className={`h-4 w-5/6 ${bar}`} />
            </div>
          ))}
      </div>
    </div>
  );
}

// The page's own heading, when it does not depend on who is reading ("Hi Sam" does: a bar instead).
const titles: Record<SkeletonKind, string | null> = { plans: null, friends: "Friends", notifications: "Notifications", settings: "Privacy & settings" };
const h1 = "text-2xl font-semibold tracking-tight sm:text-3xl";

/** A page's shape while it loads; says "Loading…" to screen readers and marks itself busy. */
export function PageSkeleton({ kind }: { kind: SkeletonKind }) {
  const title = titles[kind];
  return (
    <div aria-busy="true" data-skeleton={kind} className="flex flex-col gap-6">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <div>
        {title ? (
          <h1 className={h1}>{title}</h1>
        ) : (
          // The height of the h1, with a bar where its words will be.
          <h1 className={`${h1} flex items-center`}>
            <span className="sr-only">Plans</span>
            <span aria-hidden="true" className={`inline-block h-7 w-44 motion-safe:animate-pulse sm:h-8 ${bar}`}>
              &nbsp;
            </span>
          </h1>
        )}
        {/* One line of the intro under the heading. */}
        <div aria-hidden="true" className="mt-1 flex h-6 items-center motion-safe:animate-pulse">
          <div className={`h-4 w-full max-w-md ${bar}`} />
        </div>
      </div>
      <div aria-hidden="true" className="flex flex-col gap-6 motion-safe:animate-pulse">
        {shapes[kind].map((block, index) => (
          <Card key={index} block={block} />
        ))}
      </div>
    </div>
  );
}

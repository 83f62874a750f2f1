import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth";

export const metadata: Metadata = { title: "Now" };

const steps = [
  { title: "Say what you feel like doing", body: "“Surf now”, “tennis tonight” — with a time window and how far you’d travel." },
  { title: "Share a coarse area, not a pin", body: "Your phone snaps your position to an area of about 5 km² before sending it." },
  { title: "Get a ping when a friend overlaps", body: "If a close friend wants the same thing nearby, you both hear about it — nobody else does." },
];

export default async function NowPage() {
  const user = await requireUser();
  return (
    <div className="flex flex-col gap-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Hi {user.displayName}</h1>
        <p className="mt-1 text-stone-600">This is where your plans and your friends’ overlapping plans will show up.</p>
      </section>
      <section aria-labelledby="how-it-works" className="rounded-2xl border border-dashed border-stone-300 bg-white p-6">
        <h2 id="how-it-works" className="font-semibold">
          Nothing here yet
        </h2>
        <p className="mt-1 text-stone-600">Here’s how Overlap will work for you:</p>
        <ol className="mt-4 flex flex-col gap-4">
          {steps.map((step, index) => (
            <li key={step.title} className="flex gap-3">
              <span
                aria-hidden="true"
                className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-800"
              >
                {index + 1}
              </span>
              <div>
                <p className="font-medium">{step.title}</p>
                <p className="text-stone-600">{step.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/server/auth/auth";

const promises = [
  {
    title: "Coarse on purpose",
    body: "Your phone turns its position into a neighbourhood-sized area before anything is sent. Exact coordinates never leave your device.",
  },
  {
    title: "Friends only, and only on a match",
    body: "A friend learns your name, the activity, the time and “in your area” — only when you both want the same thing. Never a distance, never a map.",
  },
  {
    title: "Yours to keep or delete",
    body: "Everything expires by default. Choose how long anything is kept, see what friends were told, export it all or delete it all.",
  },
];

export default async function LandingPage() {
  if (await currentUser()) redirect("/plans");
  return (
    <div className="mx-auto max-w-5xl">
      <section className="mx-auto max-w-2xl text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Spontaneous plans with friends</p>
        <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">Want to surf now? Find out which friend does too.</h1>
        <p className="mt-5 text-lg text-pretty text-stone-700">
          Overlap tells you when a close friend wants to do the same thing as you, nearby, at the same time — and pings you both. It never stores your exact
          location, never shows it to anyone, and never uses it for anything but your matches.
        </p>
        <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
          <Link href="/sign-up" className={buttonClasses("primary", "px-6")}>
            Create your account
          </Link>
          <Link href="/sign-in" className={buttonClasses("secondary", "px-6")}>
            I already have one
          </Link>
        </div>
      </section>
      <section aria-labelledby="promises" className="mt-16 sm:mt-20">
        <h2 id="promises" className="sr-only">
          Our privacy promises
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {promises.map((promise) => (
            <li key={promise.title} className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
              <h3 className="font-semibold">{promise.title}</h3>
              <p className="mt-2 text-stone-700">{promise.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

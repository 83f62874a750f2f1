"use client";

import Link from "next/link";
import type { Reach } from "@/lib/views/plans";
import { usePlans } from "./plans";

type Step = { done: boolean; title: string; detail: string; href: string; cta: string };

/**
 * For a new account: the three steps to a first match, each ticked as it is done (posting ticks the
 * last one at once, from the plans on this page). Gone once all three are done.
 */
export function GettingStarted({ reach }: { reach: Reach }) {
  const { plans } = usePlans();
  const steps: Step[] = [
    {
      done: reach.friends > 0,
      title: "Invite a friend",
      detail: reach.friends > 0 ? `You have ${reach.friends === 1 ? "1 friend" : `${reach.friends} friends`} here.` : "Only friends can ever match with you.",
      href: "/friends#invite",
      cta: "Make an invite link",
    },
    {
      done: reach.close > 0,
      title: "Mark close friends",
      detail: reach.close > 0 ? `${reach.close} marked close.` : "By default only close friends hear about your plans.",
      href: "/friends#your-friends",
      cta: "Choose close friends",
    },
    {
      done: plans.length > 0,
      title: "Post a plan",
      detail: plans.length > 0 ? "We’ll tell you when a friend wants the same thing nearby." : "Say what you feel like doing, and when.",
      href: "#compose",
      cta: "Post a plan",
    },
  ];
  const left = steps.filter((step) => !step.done).length;
  if (left === 0) return null;
  return (
    <section aria-labelledby="getting-started-title" className="rounded-2xl border border-brand-100 bg-brand-50 p-5 sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="getting-started-title" className="text-lg font-semibold tracking-tight">
          Getting started
        </h2>
        <p className="text-sm text-stone-700">
          {steps.length - left} of {steps.length} done
        </p>
      </div>
      <ol className="mt-3 flex flex-col gap-3">
        {steps.map((step) => (
          <li key={step.title} className="flex items-start gap-3">
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-sm ${
                step.done ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 bg-white text-transparent"
              }`}
            >
              ✓
            </span>
            <div className="min-w-0 flex-1">
              <p className={step.done ? "font-medium text-stone-600 line-through decoration-stone-400" : "font-medium text-stone-900"}>
                {step.title}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              <p className="text-sm text-stone-700">{step.detail}</p>
              {!step.done && (
                <Link
                  href={step.href}
                  className="mt-1 inline-flex min-h-10 items-center text-sm font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900"
                >
                  {step.cta}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

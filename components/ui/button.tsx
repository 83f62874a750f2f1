import type { ComponentProps } from "react";

type Variant = "primary" | "secondary" | "ghost" | "danger" | "danger-secondary";

const variants: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-brand-700/60",
  secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100 disabled:text-stone-500",
  ghost: "text-stone-700 hover:bg-stone-200/70 disabled:text-stone-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-red-700/60",
  // A destructive action that is not the page's main one (Remove, Block in a list): it asks first.
  "danger-secondary": "border border-stone-300 bg-white text-red-700 hover:bg-red-50 disabled:text-stone-500",
};

export function buttonClasses(variant: Variant = "primary", extra = ""): string {
  return `inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 text-base font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${extra}`;
}

type Props = ComponentProps<"button"> & { variant?: Variant; pending?: boolean };

/** A button that shows a spinner and stays disabled while its form is being sent. */
export function Button({ variant = "primary", pending = false, className = "", children, disabled, ...rest }: Props) {
  return (
    <button {...rest} disabled={disabled || pending} aria-busy={pending || undefined} className={buttonClasses(variant, className)}>
      {pending && (
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4 animate-spin">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="3" opacity="0.3" />
          <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
      )}
      {children}
    </button>
  );
}

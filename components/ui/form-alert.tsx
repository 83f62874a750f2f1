/** A form-level message, announced to screen readers when it appears. */
export function FormAlert({ message, tone = "error" }: { message?: string; tone?: "error" | "info" }) {
  if (!message) return <div role="alert" aria-live="assertive" className="sr-only" />;
  const colours = tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-brand-100 bg-brand-50 text-brand-900";
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      aria-live={tone === "error" ? "assertive" : "polite"}
      className={`rounded-lg border px-4 py-3 text-sm ${colours}`}
    >
      {message}
    </div>
  );
}

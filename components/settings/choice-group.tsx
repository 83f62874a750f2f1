import { FieldError } from "@/components/ui/field-error";

export type Choice = { value: string | number; label: string; description?: string };

/** A radio group drawn as selectable rows: one labelled choice per row, an optional line of detail under each. */
export function ChoiceGroup({
  name,
  legend,
  help,
  choices,
  current,
  error,
}: {
  name: string;
  legend: string;
  help?: string;
  choices: readonly Choice[];
  current: string | number;
  error?: string;
}) {
  const errorId = `${name}-error`;
  const helpId = `${name}-help`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={[help ? helpId : "", error ? errorId : ""].join(" ").trim() || undefined}>
      <legend className="text-sm font-semibold text-stone-800">{legend}</legend>
      {help && (
        <p id={helpId} className="text-sm text-stone-600">
          {help}
        </p>
      )}
      <div className="mt-1 grid gap-2 sm:grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]">
        {choices.map((choice) => (
          <label
            key={choice.value}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 hover:border-stone-400 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700"
          >
            <input type="radio" name={name} value={choice.value} defaultChecked={String(choice.value) === String(current)} className="mt-1 accent-brand-700" />
            <span className="flex flex-col">
              <span className="font-medium text-stone-900">{choice.label}</span>
              {choice.description && <span className="text-sm text-stone-600">{choice.description}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

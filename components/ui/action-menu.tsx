"use client";

import { useRef, useState, type ReactNode } from "react";
import { useFocusBack } from "@/components/ui/focus-back";
import { ConfirmAction } from "@/components/ui/inline-action";
import { MenuButton } from "@/components/ui/menu-button";
import type { FormAction } from "@/lib/validation/form";

/** An action kept out of sight in a row's overflow menu; it always asks first. */
export type MenuAction = {
  label: string;
  action: FormAction;
  /** Hidden fields naming what the action is about (ids). */
  fields: Record<string, string>;
  confirm: string;
  done: string;
};

/**
 * A row's quiet controls (`children`, e.g. a star) and an overflow menu of destructive actions about
 * `name`. Choosing one replaces the controls with its question, on a line of its own; "No" brings
 * them back with focus on the menu button.
 */
export function ActionMenu({ name, actions, children }: { name: string; actions: MenuAction[]; children?: ReactNode }) {
  const [asking, setAsking] = useState<MenuAction | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useFocusBack(asking !== null, button);

  if (asking) {
    return <ConfirmAction {...asking} ariaLabel={`${asking.label} ${name}`} variant="danger" onNo={() => setAsking(null)} className="basis-full" />;
  }
  return (
    <div className="flex shrink-0 items-center gap-1">
      {children}
      <MenuButton
        ref={button}
        label={`More actions for ${name}`}
        items={actions.map((action) => ({ label: action.label, tone: "danger", onSelect: () => setAsking(action) }))}
      />
    </div>
  );
}

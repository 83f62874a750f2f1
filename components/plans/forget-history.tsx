"use client";

import { useEffect } from "react";
import { forgetHistory } from "./habit-store";

/** On a signed-out page (after signing out or deleting the account): this device forgets the plan history its suggestions came from. */
export function ForgetHistory() {
  useEffect(() => {
    void forgetHistory();
  }, []);
  return null;
}

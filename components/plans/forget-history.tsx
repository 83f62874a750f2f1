"use client";

import { useEffect } from "react";
import { ZONE_COOKIE } from "@/lib/clock";
import { forgetHistory } from "./habit-store";

/**
 * On a signed-out page (after signing out or deleting the account): this device forgets the plan
 * history its suggestions came from, its usual area, and the time zone it told the server.
 */
export function ForgetHistory() {
  useEffect(() => {
    void forgetHistory();
    document.cookie = `${ZONE_COOKIE}=; path=/; max-age=0`;
  }, []);
  return null;
}

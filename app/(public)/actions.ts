"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { createAccount } from "@/lib/server/auth/accounts";
import { publicAction } from "@/lib/server/action";
import { signIn } from "@/lib/server/auth/auth";
import { enforce, retryMessage, SIGN_UP_PER_IP } from "@/lib/server/rate-limit";
import { clientIp } from "@/lib/server/auth/request";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";

const WRONG_CREDENTIALS = "That email and password don’t match an account. Check them and try again.";

export const signUpAction = publicAction(signUpSchema, async (input, { headers }) => {
  await enforce(SIGN_UP_PER_IP, clientIp(headers));
  const created = await createAccount(input);
  if (!created.ok) return { ok: false, fieldErrors: created.fieldErrors, message: "Please fix the highlighted fields." };
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (error) {
    // The account exists; only the automatic sign-in was refused (e.g. this address is rate-limited).
    if (error instanceof CredentialsSignin) redirect(`/sign-in?created=1${input.next ? `&next=${encodeURIComponent(input.next)}` : ""}`);
    throw error;
  }
  redirect(input.next ?? "/plans");
});

export const signInAction = publicAction(signInSchema, async (input) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    const limited = /^rate_limited:(\d+)$/.exec(error.code);
    return { ok: false, message: limited ? retryMessage(Number(limited[1])) : WRONG_CREDENTIALS };
  }
  redirect(input.next ?? "/plans");
});

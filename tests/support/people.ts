import { createAccount } from "@/lib/server/auth/accounts";
import { newAccount } from "./db";

export type Person = { id: string; handle: string; displayName: string };

/** Creates a user directly in the database (no sign-in) for data-layer tests. */
export async function person(displayName: string): Promise<Person> {
  const input = newAccount({ displayName });
  const created = await createAccount(input);
  if (!created.ok) throw new Error("could not create a test user");
  return { id: created.userId, handle: input.handle, displayName };
}

import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { SignInInput, SignUpInput } from "@/lib/validation/auth";
import { db } from "../db";
import { sql, statement } from "../sql";
import { hashPassword, verifyPassword } from "./passwords";

export type CreateAccountResult = { ok: true; userId: string } | { ok: false; fieldErrors: { email?: string[]; handle?: string[] } };

// Whose email it is stays private: the message says only that the address is taken.
const EMAIL_TAKEN = "An account with this email already exists. Sign in instead, or use another email.";
const HANDLE_TAKEN = "That handle is taken. Try another one.";

export async function createAccount(input: SignUpInput): Promise<CreateAccountResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({
      data: { email: input.email, handle: input.handle, displayName: input.displayName, passwordHash },
      select: { id: true },
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    // The unique index that fired is not reported the same way by every driver; ask the table instead.
    const [emailTaken, handleTaken] = await Promise.all([
      db().user.count({ where: { email: input.email } }),
      db().user.count({ where: { handle: input.handle } }),
    ]);
    return {
      ok: false,
      fieldErrors: {
        ...(emailTaken ? { email: [EMAIL_TAKEN] } : {}),
        ...(handleTaken || !emailTaken ? { handle: [HANDLE_TAKEN] } : {}),
      },
    };
  }
}

/** The user id for a correct email and password, else null. Same work whether or not the email exists. */
export async function verifyCredentials(input: SignInInput): Promise<string | null> {
  const user = await db().user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !matches || user.disabledAt) return null;
  return user.id;
}

/** How long an account counts as new: the plans page shows it how to get to a first match meanwhile. */
export const NEW_ACCOUNT_MS = 14 * 24 * 3_600_000;

const CREATED_SINCE = statement(`SELECT created_at > $2 AS "isNew" FROM users WHERE id = $1`, ["uuid", "timestamptz"], { isNew: "bool" });

/** Whether `userId`'s account was made within NEW_ACCOUNT_MS of `now`. */
export async function isNewAccount(userId: string, now = new Date()): Promise<boolean> {
  const [row] = await sql.rows(CREATED_SINCE, [userId, new Date(now.getTime() - NEW_ACCOUNT_MS)]);
  return row?.isNew ?? false;
}

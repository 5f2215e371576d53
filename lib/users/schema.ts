/**
 * The console's accounts, neutral: sign-in and user administration input, shared by the forms and
 * their server actions, and the account limits Better Auth is configured with
 * (lib/server/auth/auth.ts). Better Auth's createUser does not apply the minimum password length,
 * so this schema is the one place it is enforced for accounts an administrator creates.
 */
import { z } from "zod";

import { ROLES, type Role } from "@/lib/permissions";

import {
  MAX_BAN_REASON_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "./limits";

const userId = z.string().trim().min(1, "Choose a user.").max(100);
const role = z.enum(ROLES, { error: "Choose one of the listed roles." });

export const createUserSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the person's name.")
    .max(100, "Names are at most 100 characters."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(MAX_EMAIL_LENGTH, `Email addresses are at most ${MAX_EMAIL_LENGTH} characters.`)
    .pipe(z.email("Enter an email address such as name@example.com.")),
  role,
  password: z
    .string()
    .min(
      MIN_PASSWORD_LENGTH,
      `The initial password must be at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
    .max(MAX_PASSWORD_LENGTH, `Passwords are at most ${MAX_PASSWORD_LENGTH} characters.`),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const signInSchema = z.object({
  email: z.email("Enter the email address of your console account.").max(MAX_EMAIL_LENGTH),
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_LENGTH, `Passwords are at most ${MAX_PASSWORD_LENGTH} characters.`),
});

export const setUserRoleSchema = z.object({ userId, role });
export type SetUserRoleInput = z.infer<typeof setUserRoleSchema>;

export const disableUserSchema = z.object({
  userId,
  // A blank reason from the form means "no reason given".
  reason: z
    .string()
    .trim()
    .max(MAX_BAN_REASON_LENGTH, `Keep the reason under ${MAX_BAN_REASON_LENGTH} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type DisableUserInput = z.infer<typeof disableUserSchema>;

export const userIdSchema = z.object({ userId });
export type UserIdInput = z.infer<typeof userIdSchema>;

/** One row of the user administration table, in plain values a client component can take. */
export interface ConsoleUser {
  id: string;
  name: string;
  email: string;
  /** null when the stored role is not one of ours (such a user cannot sign in). */
  role: Role | null;
  isActive: boolean;
  banReason: string | null;
  /** ISO 8601. */
  createdAt: string;
  activeSessions: number;
  /** Set while too many failed sign-ins keep the account out (it ends by itself at `until`). */
  signInLock: SignInLock | null;
}

export interface SignInLock {
  /** ISO 8601: when the last of the account's locks ends. */
  until: string;
  /** Locked from every address, not only from some. */
  isEverywhere: boolean;
  /** The addresses it is locked from, when not everywhere. */
  addresses: string[];
}

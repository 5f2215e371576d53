import "server-only";

/**
 * User administration on top of Better Auth's admin endpoints. Better Auth checks that the caller
 * may use them (the admin's own request headers are passed on); this module adds what it does not
 * know about: no administrator may lock themselves out, and the last active administrator stays.
 */
import { isAPIError } from "better-auth/api";

import { AppError } from "@/lib/errors";
import type { ConsoleAuth } from "@/lib/server/auth/auth";
import { clearSignInLockout } from "@/lib/server/auth/sign-in-limiter";
import type { Database } from "@/lib/server/db";
import { withAdvisoryLock } from "@/lib/server/db/open";
import type {
  CreateUserInput,
  DisableUserInput,
  SetUserRoleInput,
  UserIdInput,
} from "@/lib/users/schema";

import {
  type UserRecord,
  countActiveSessions,
  countOtherActiveAdmins,
  findConsoleUser,
  findUserIdByEmail,
} from "./directory";

export interface AdminContext {
  auth: ConsoleAuth;
  db: Database;
  /** The acting administrator's request headers (their session cookie). */
  headers: Headers;
  actorId: string;
}

export const DUPLICATE_EMAIL_MESSAGE = "A user with this email already exists.";
export const SELF_DISABLE_MESSAGE =
  "You cannot disable your own account. Ask another administrator.";
export const SELF_DEMOTE_MESSAGE = "You cannot change your own role. Ask another administrator.";

const lastAdminMessage = (target: UserRecord) =>
  `${target.name} is the last active administrator. Make someone else an administrator first.`;

/**
 * Changes that could remove an administrator run one at a time, across every console process
 * sharing the database, so two administrators demoting each other at the same moment cannot both
 * pass the last-admin check.
 */
const ADMIN_CHANGE_LOCK = 7_421_950_114;
const oneAtATime = <T>(context: AdminContext, task: () => Promise<T>): Promise<T> =>
  withAdvisoryLock(context.db, ADMIN_CHANGE_LOCK, task);

/**
 * Better Auth's expected refusals become returned failures; anything else stays unexpected.
 * `isAPIError` rather than `instanceof`: the Better Auth instance is built from the
 * instrumentation bundle at start-up, whose copy of the APIError class is not the one an action's
 * bundle imports.
 */
async function callAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = (error.body as { code?: string } | undefined)?.code;
    if (code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" || code === "USER_ALREADY_EXISTS") {
      throw new AppError("CONFLICT", {
        message: "Some fields need attention.",
        fieldErrors: {
          email: [DUPLICATE_EMAIL_MESSAGE],
        },
      });
    }
    if (code === "YOU_CANNOT_BAN_YOURSELF")
      throw new AppError("CONFLICT", { message: SELF_DISABLE_MESSAGE });
    if (code === "USER_NOT_FOUND")
      throw new AppError("NOT_FOUND", { message: "This user no longer exists." });
    if (error.status === "FORBIDDEN" || error.status === "UNAUTHORIZED") {
      throw new AppError("FORBIDDEN", { message: "Your role does not allow this." });
    }
    if (error.status === "BAD_REQUEST")
      throw new AppError("INVALID_INPUT", { message: error.message });
    throw error;
  }
}

async function requireTarget(context: AdminContext, userId: string): Promise<UserRecord> {
  const target = await findConsoleUser(context.db, userId);
  if (!target) throw new AppError("NOT_FOUND", { message: "This user no longer exists." });
  return target;
}

async function assertNotLastAdmin(context: AdminContext, target: UserRecord): Promise<void> {
  if (target.role !== "admin" || !target.isActive) return;
  if ((await countOtherActiveAdmins(context.db, target.id)) === 0) {
    throw new AppError("CONFLICT", { message: lastAdminMessage(target) });
  }
}

export async function createConsoleUser(context: AdminContext, input: CreateUserInput) {
  // Checked first so the answer names the field; Better Auth's own check still backs it up.
  if (await findUserIdByEmail(context.db, input.email)) {
    throw new AppError("CONFLICT", {
      message: "Some fields need attention.",
      fieldErrors: {
        email: [DUPLICATE_EMAIL_MESSAGE],
      },
    });
  }
  const { user } = await callAuth(() =>
    context.auth.api.createUser({
      headers: context.headers,
      body: { name: input.name, email: input.email, password: input.password, role: input.role },
    }),
  );
  return { userId: user.id, name: input.name, email: user.email, role: input.role };
}

export function setConsoleUserRole(context: AdminContext, input: SetUserRoleInput) {
  return oneAtATime(context, async () => {
    const target = await requireTarget(context, input.userId);
    if (input.role !== "admin") {
      if (target.id === context.actorId)
        throw new AppError("CONFLICT", { message: SELF_DEMOTE_MESSAGE });
      await assertNotLastAdmin(context, target);
    }
    await callAuth(() =>
      context.auth.api.setRole({
        headers: context.headers,
        body: { userId: target.id, role: input.role },
      }),
    );
    return {
      userId: target.id,
      name: target.name,
      email: target.email,
      previousRole: target.role,
      role: input.role,
    };
  });
}

export function disableConsoleUser(context: AdminContext, input: DisableUserInput) {
  return oneAtATime(context, async () => {
    const target = await requireTarget(context, input.userId);
    if (target.id === context.actorId)
      throw new AppError("CONFLICT", { message: SELF_DISABLE_MESSAGE });
    await assertNotLastAdmin(context, target);
    const revokedSessions = await countActiveSessions(context.db, target.id);
    // banUser also deletes every session of the user, so they are refused at their next request.
    await callAuth(() =>
      context.auth.api.banUser({
        headers: context.headers,
        body: {
          userId: target.id,
          banReason: input.reason ?? "No reason given",
        },
      }),
    );
    return {
      userId: target.id,
      name: target.name,
      email: target.email,
      reason: input.reason ?? null,
      revokedSessions,
    };
  });
}

export async function enableConsoleUser(context: AdminContext, input: UserIdInput) {
  const target = await requireTarget(context, input.userId);
  await callAuth(() =>
    context.auth.api.unbanUser({ headers: context.headers, body: { userId: target.id } }),
  );
  return { userId: target.id, name: target.name, email: target.email };
}

export async function revokeConsoleUserSessions(context: AdminContext, input: UserIdInput) {
  const target = await requireTarget(context, input.userId);
  const revokedSessions = await countActiveSessions(context.db, target.id);
  await callAuth(() =>
    context.auth.api.revokeUserSessions({
      headers: context.headers,
      body: { userId: target.id },
    }),
  );
  return {
    userId: target.id,
    name: target.name,
    email: target.email,
    revokedSessions,
    isSelf: target.id === context.actorId,
  };
}

/**
 * Ends a sign-in lockout at once: the account's failure counts go, and so does their share in
 * the counts of the addresses it failed from (lib/server/auth/sign-in-limiter.ts).
 */
export async function clearConsoleUserLockout(context: AdminContext, input: UserIdInput) {
  const target = await requireTarget(context, input.userId);
  const clearedKeys = await clearSignInLockout(context.db, target.email);
  return { userId: target.id, name: target.name, email: target.email, clearedKeys };
}

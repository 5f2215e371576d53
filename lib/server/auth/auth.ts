import "server-only";

import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { eq } from "drizzle-orm";

import { ANONYMOUS, recordAuditEvent } from "@/lib/server/audit/store";
import type { Database } from "@/lib/server/db";
import * as schema from "@/lib/server/db/schema";
import { fingerprint, log } from "@/lib/server/log";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/users/limits";

import { accessControl, authRoles } from "./access";
import {
  type SignInLimits,
  releaseAfterSuccess,
  reserveSignInAttempt,
  signInKeysFor,
} from "./sign-in-limiter";

const SIGN_IN_PATH = "/sign-in/email";
// Sign-in lines name the account by a digest of its email (the audit trail has the address).
const authLog = log.child({ module: "auth" });
const emailHashOf = (email: string) => (email ? fingerprint(email) : null);

export interface AuthSettings {
  secret: string;
  baseURL: string;
  /** The only header trusted for the client IP; none means per-account limits only. */
  trustedIpHeader?: string | undefined;
  signInLimits: SignInLimits;
  /** The sign-in limits' clock (tests move it); the real time by default. */
  now?: () => Date;
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function clientIp(ctx: HookContext, header: string | undefined): string | null {
  if (!header) return null;
  const value = (ctx.headers ?? ctx.request?.headers)?.get(header);
  // A proxy that appends instead of overwriting yields a list; its own entry is the last one.
  const ip = value?.split(",").at(-1)?.trim();
  return ip ? ip.slice(0, 64) : null;
}

interface SignInAttempt {
  /** As typed, normalised: for the log's digest only. */
  email: string;
  /** The email of the account it names, when that account exists; null otherwise. */
  accountEmail: string | null;
  ip: string | null;
}

/**
 * Who an attempt is about. Only an existing account's email is kept (limiter keys, audit rows):
 * made-up addresses are what a flood is made of, and each would otherwise add rows of its own.
 */
async function signInAttempt(
  ctx: HookContext,
  db: Database,
  settings: AuthSettings,
): Promise<SignInAttempt> {
  const body = (ctx.body ?? {}) as { email?: unknown };
  const email = typeof body.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : "";
  const ip = clientIp(ctx, settings.trustedIpHeader);
  const [account] = email
    ? await db
        .select({ email: schema.user.email })
        .from(schema.user)
        .where(eq(schema.user.email, email))
    : [];
  return { email, accountEmail: account?.email ?? null, ip };
}

const limitKind = (key: string) => key.slice(0, key.indexOf(":"));

/**
 * Better Auth for the console: email + password accounts only, no self sign-up, database
 * sessions (no cookie cache, so a revoked session or a ban takes effect at the next request),
 * sign-in limited per account and per trusted client IP (lib/server/auth/sign-in-limiter.ts),
 * every sign-in on the audit trail (failures and refusals aggregated per client and minute).
 */
export function createConsoleAuth(db: Database, settings: AuthSettings) {
  return betterAuth({
    secret: settings.secret,
    baseURL: settings.baseURL,
    trustedOrigins: [settings.baseURL],
    database: drizzleAdapter(db, { provider: "pg", schema }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60, cookieCache: { enabled: false } },
    // Better Auth's own messages join the console's JSON log. Only the message: its extra
    // arguments can carry user records or request data.
    logger: {
      level: "warn",
      log: (level, message) => authLog[level]({ source: "better-auth" }, message),
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      // Sign-in has its own failure-based limit below (per account and per IP).
      customRules: { [SIGN_IN_PATH]: false },
    },
    advanced: {
      // Every request reads its session: with joins, the session and its user come in one query
      // (the schema's relations), not two in a row.
      database: { joins: true },
      ipAddress: {
        ipAddressHeaders: settings.trustedIpHeader
          ? [settings.trustedIpHeader]
          : ["x-forwarded-for"],
      },
    },
    plugins: [
      admin({ ac: accessControl, roles: authRoles, defaultRole: "support", adminRoles: ["admin"] }),
      // Must stay last: it writes Better Auth's cookies from server actions.
      nextCookies(),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const attempt = await signInAttempt(ctx, db, settings);
        const now = settings.now?.() ?? new Date();
        // Counted before the password is checked: simultaneous guesses cannot all get through.
        const reservation = await reserveSignInAttempt(
          db,
          signInKeysFor({ email: attempt.accountEmail, ip: attempt.ip }, settings.signInLimits),
          settings.signInLimits.windowSeconds,
          now,
        );
        if (reservation.ok) return;
        const wait = reservation.retryAfterSeconds;
        authLog.warn(
          {
            event: "sign_in",
            outcome: "locked",
            emailHash: emailHashOf(attempt.email),
            ip: attempt.ip,
            limit: limitKind(reservation.key),
            retryAfterSeconds: wait,
          },
          "sign-in refused: too many failures",
        );
        await recordAuditEvent(
          db,
          {
            action: "auth.sign_in",
            outcome: "denied",
            actor: { ...ANONYMOUS, email: attempt.accountEmail, ipAddress: attempt.ip },
            errorName: "TOO_MANY_ATTEMPTS",
            errorMessage: "Too many failed sign-ins",
          },
          now,
        );
        throw new APIError("TOO_MANY_REQUESTS", {
          code: "TOO_MANY_ATTEMPTS",
          message: `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
        });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const attempt = await signInAttempt(ctx, db, settings);
        const created = ctx.context.newSession;
        if (created) {
          // Successes never count: the reservation is given back.
          await releaseAfterSuccess(
            db,
            signInKeysFor({ email: created.user.email, ip: attempt.ip }, settings.signInLimits),
          );
          authLog.info(
            { event: "sign_in", outcome: "success", userId: created.user.id, ip: attempt.ip },
            "sign-in",
          );
          await recordAuditEvent(db, {
            action: "auth.sign_in",
            outcome: "success",
            actor: {
              id: created.user.id,
              email: created.user.email,
              role: (created.user as { role?: string | null }).role ?? null,
              ipAddress: attempt.ip,
              userAgent: created.session.userAgent ?? null,
            },
          });
          return;
        }
        // A failure keeps its reservation: it was counted before the check.
        const returned = ctx.context.returned;
        const code = isAPIError(returned)
          ? String((returned.body as { code?: string } | undefined)?.code ?? returned.status)
          : "UNKNOWN";
        authLog.warn(
          {
            event: "sign_in",
            outcome: "failure",
            emailHash: emailHashOf(attempt.email),
            ip: attempt.ip,
            errorCode: code,
          },
          "sign-in failed",
        );
        await recordAuditEvent(
          db,
          {
            action: "auth.sign_in",
            outcome: "failure",
            actor: { ...ANONYMOUS, email: attempt.accountEmail, ipAddress: attempt.ip },
            errorName: code,
            errorMessage: isAPIError(returned) ? returned.message : "Sign-in failed",
            aggregate: true,
          },
          settings.now?.() ?? new Date(),
        );
      }),
    },
  });
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;

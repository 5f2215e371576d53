"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { COMPACT_CONTROL, SMALL_BUTTON } from "@/components/fields/classes";
import { InputField } from "@/components/fields/controls";
import { FieldShell } from "@/components/fields/shell";
import { LocalTime } from "@/components/local-time";
import type { ActionResult } from "@/lib/errors";
import { ROLE_LABELS, type Role, isRole } from "@/lib/permissions";
import { MAX_BAN_REASON_LENGTH } from "@/lib/users/limits";
import type { ConsoleUser } from "@/lib/users/schema";

import { RoleOptions } from "./role-options";
import { clearSignInLockout } from "../actions/clear-sign-in-lockout";
import { disableUser } from "../actions/disable-user";
import { enableUser } from "../actions/enable-user";
import { revokeUserSessions } from "../actions/revoke-user-sessions";
import { setUserRole } from "../actions/set-user-role";

export interface Announcement {
  tone: "success" | "error";
  text: string;
}

/** "2026-11-30 14:05 UTC": the same text on the server and in every browser (no hydration gap). */
function formatCreated(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Where the lock applies: everywhere, or the addresses it was earned from. */
function lockScope(lock: NonNullable<ConsoleUser["signInLock"]>): string {
  if (lock.isEverywhere) return "from every address";
  return `from ${lock.addresses.join(", ")}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function UserRow({
  user,
  isSelf,
  onResult,
}: {
  user: ConsoleUser;
  isSelf: boolean;
  onResult: (announcement: Announcement) => void;
}) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>(user.role ?? "support");
  const [roleError, setRoleError] = useState<string[] | undefined>();
  const [dialog, setDialog] = useState<"disable" | "revoke" | null>(null);
  const [reasonError, setReasonError] = useState<string[] | undefined>();

  /** Runs one action; announces the outcome and reloads the table on success. */
  function perform<T>(
    call: () => Promise<ActionResult<T>>,
    success: (data: T) => string,
    failurePrefix: string,
    onFailure?: (fieldErrors: Record<string, string[]>) => boolean,
  ) {
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        setDialog(null);
        onResult({ tone: "success", text: success(result.data) });
        router.refresh();
        return;
      }
      // A field error inside the dialog keeps it open with the text as typed.
      if (onFailure?.(result.fieldErrors)) return;
      setDialog(null);
      const detail = Object.values(result.fieldErrors).flat()[0] ?? result.formError;
      onResult({ tone: "error", text: `${failurePrefix}: ${detail}` });
    });
  }

  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="py-3 pr-4 text-left font-medium">
        {user.name}
        {isSelf ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
      </th>
      <td className="py-3 pr-4">{user.email}</td>
      <td className="py-3 pr-4">
        <form
          className="flex items-start gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            setRoleError(undefined);
            perform(
              () => setUserRole({ userId: user.id, role }),
              (data) =>
                `${user.name} is now ${ROLE_LABELS[data.role]} (was ${
                  isRole(data.previousRole) ? ROLE_LABELS[data.previousRole] : "no role"
                }).`,
              `Could not change the role of ${user.name}`,
              (fieldErrors) => {
                setRoleError(fieldErrors.role);
                return false;
              },
            );
          }}
        >
          <FieldShell
            id={`role-${user.id}`}
            label={`Role for ${user.name}`}
            isLabelHidden
            error={roleError}
          >
            {(control) => (
              <select
                {...control}
                value={role}
                disabled={isPending}
                onChange={(event) => setRole(event.target.value as Role)}
                className={`${COMPACT_CONTROL} text-sm`}
              >
                <RoleOptions />
              </select>
            )}
          </FieldShell>
          <button
            type="submit"
            disabled={isPending || role === user.role}
            aria-label={`Save role for ${user.name}`}
            className={SMALL_BUTTON}
          >
            Save role
          </button>
        </form>
      </td>
      <td className="py-3 pr-4">
        {user.isActive ? (
          "Active"
        ) : (
          <>
            <span className="font-medium text-red-800">Disabled</span>
            {user.banReason ? (
              <span className="block text-xs text-slate-500">Reason: {user.banReason}</span>
            ) : null}
          </>
        )}
        {user.signInLock ? (
          <span className="block text-xs font-medium text-amber-900">
            Sign-in locked until <LocalTime iso={user.signInLock.until} />
            <span className="block font-normal text-slate-600">
              {lockScope(user.signInLock)}, after too many failed sign-ins
            </span>
          </span>
        ) : null}
      </td>
      <td className="py-3 pr-4 whitespace-nowrap">
        <time dateTime={user.createdAt}>{formatCreated(user.createdAt)}</time>
      </td>
      <td className="py-3 pr-4 text-right tabular-nums">{user.activeSessions}</td>
      <td className="py-3">
        <div className="flex flex-wrap gap-2">
          {user.isActive ? (
            <button
              type="button"
              disabled={isPending}
              onClick={() => {
                setReasonError(undefined);
                setDialog("disable");
              }}
              aria-label={`Disable ${user.name}`}
              className={SMALL_BUTTON}
            >
              Disable
            </button>
          ) : (
            <button
              type="button"
              disabled={isPending}
              onClick={() =>
                perform(
                  () => enableUser({ userId: user.id }),
                  () => `${user.name} is enabled again and can sign in.`,
                  `Could not re-enable ${user.name}`,
                )
              }
              aria-label={`Re-enable ${user.name}`}
              className={SMALL_BUTTON}
            >
              Re-enable
            </button>
          )}
          {user.signInLock ? (
            <button
              type="button"
              disabled={isPending}
              onClick={() =>
                perform(
                  () => clearSignInLockout({ userId: user.id }),
                  () => `${user.name} can sign in again: the lockout is cleared.`,
                  `Could not clear the lockout of ${user.name}`,
                )
              }
              className={SMALL_BUTTON}
            >
              Clear lockout
            </button>
          ) : null}
          <button
            type="button"
            disabled={isPending}
            onClick={() => setDialog("revoke")}
            aria-label={`Revoke all sessions of ${user.name}`}
            className={SMALL_BUTTON}
          >
            Revoke sessions
          </button>
        </div>
        <ConfirmDialog
          isOpen={dialog === "disable"}
          title={`Disable ${user.name}?`}
          confirmLabel="Disable user"
          isPending={isPending}
          onClose={() => setDialog(null)}
          onConfirm={(form) =>
            perform(
              () => {
                const reason = form.get("reason");
                return disableUser({
                  userId: user.id,
                  reason: typeof reason === "string" ? reason : undefined,
                });
              },
              (data) =>
                `${user.name} is disabled; ${plural(data.revokedSessions, "session")} ended.`,
              `Could not disable ${user.name}`,
              (fieldErrors) => {
                setReasonError(fieldErrors.reason);
                return Boolean(fieldErrors.reason);
              },
            )
          }
        >
          <p className="text-sm text-slate-700">
            {user.name} ({user.email}) is signed out everywhere at once and can no longer sign in
            until re-enabled.
          </p>
          <InputField
            label="Reason (optional)"
            name="reason"
            maxLength={MAX_BAN_REASON_LENGTH}
            error={reasonError}
          />
        </ConfirmDialog>
        <ConfirmDialog
          isOpen={dialog === "revoke"}
          title={`Revoke all sessions of ${user.name}?`}
          confirmLabel="Revoke sessions"
          isPending={isPending}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            perform(
              () => revokeUserSessions({ userId: user.id }),
              (data) =>
                `Ended ${plural(data.revokedSessions, "session")} of ${user.name}.` +
                (data.isSelf ? "" : " They can sign in again."),
              `Could not revoke the sessions of ${user.name}`,
            )
          }
        >
          <p className="text-sm text-slate-700">
            {isSelf
              ? "This signs you out on every device, this one included."
              : `${user.name} (${user.email}) is signed out on every device (${plural(user.activeSessions, "active session")}). They can sign in again.`}
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

"use client";

import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";

import { DANGER_BUTTON, SECONDARY_BUTTON } from "./fields/classes";

/**
 * A native modal <dialog>: the browser traps focus, closes it on Escape and returns focus to the
 * button that opened it. The title names the user, so nobody confirms the wrong row.
 */
export function ConfirmDialog({
  isOpen,
  title,
  confirmLabel,
  dismissLabel = "Cancel",
  isPending,
  onConfirm,
  onClose,
  children,
}: {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  /** The button that closes without acting ("Cancel" unless that reads as the action). */
  dismissLabel?: string;
  isPending: boolean;
  onConfirm: (form: FormData) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm(new FormData(event.currentTarget));
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {isOpen ? (
        <form onSubmit={onSubmit} noValidate className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <fieldset disabled={isPending} className="space-y-4">
            {children}
            <div className="flex justify-end gap-3">
              <button type="button" onClick={onClose} className={SECONDARY_BUTTON}>
                {dismissLabel}
              </button>
              <button type="submit" className={DANGER_BUTTON}>
                {isPending ? "Working…" : confirmLabel}
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
    </dialog>
  );
}

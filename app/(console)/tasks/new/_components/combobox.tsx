"use client";

import { type KeyboardEvent, type Ref, useId, useState } from "react";

import { CONTROL, LABEL } from "@/components/fields/classes";
import { ErrorText, HintText, describedBy } from "@/components/fields/shell";

export interface ComboboxOption {
  id: string;
  label: string;
  detail?: string;
}

/**
 * A searchable single choice following the WAI-ARIA combobox pattern (list autocomplete): type
 * to filter, arrows to move, Enter to choose, Escape to close. The input shows the chosen
 * option's label; the value is the option's id.
 */
export function Combobox({
  label,
  inputId,
  options,
  value,
  onChange,
  onBlur,
  inputRef,
  error,
  hint,
  isLoading = false,
  loadError,
  noun,
  isRequired = false,
}: {
  label: React.ReactNode;
  inputId: string;
  options: ComboboxOption[];
  value: string;
  onChange: (id: string) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  error?: string[] | undefined;
  hint?: React.ReactNode;
  isLoading?: boolean;
  loadError?: string | null;
  /** Plural noun for messages ("flows"). */
  noun: string;
  isRequired?: boolean;
}) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [isEditing, setEditing] = useState(false);
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const selected = options.find((option) => option.id === value);
  const needle = query.trim().toLowerCase();
  const filtered =
    isEditing && needle
      ? options.filter((o) => `${o.label} ${o.detail ?? ""} ${o.id}`.toLowerCase().includes(needle))
      : options;
  const activeIndex = Math.min(active, Math.max(filtered.length - 1, 0));
  const activeOption = isOpen ? filtered[activeIndex] : undefined;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(option: ComboboxOption) {
    onChange(option.id);
    setEditing(false);
    setQuery("");
    setOpen(false);
  }

  function open(index: number) {
    setOpen(true);
    setActive(index);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!isOpen)
          open(
            Math.max(
              filtered.findIndex((o) => o.id === value),
              0,
            ),
          );
        else setActive(Math.min(activeIndex + 1, filtered.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!isOpen) open(Math.max(filtered.length - 1, 0));
        else setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Home":
      case "End":
        if (isOpen) {
          event.preventDefault();
          setActive(event.key === "Home" ? 0 : filtered.length - 1);
        }
        break;
      case "Enter":
        // Enter on an open list chooses; on a closed one it submits the form as usual.
        if (isOpen && activeOption) {
          event.preventDefault();
          choose(activeOption);
        }
        break;
      case "Escape":
        if (isOpen || isEditing) {
          event.preventDefault();
          setOpen(false);
          setEditing(false);
          setQuery("");
        }
        break;
      default:
        break;
    }
  }

  const text = isEditing ? query : (selected?.label ?? value);
  const status = isLoading
    ? `Loading ${noun}…`
    : loadError
      ? loadError
      : isOpen && filtered.length === 0
        ? `No ${noun} match “${query.trim()}”.`
        : null;
  const statusId = `${inputId}-status`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  return (
    <div className="relative space-y-1">
      <label htmlFor={inputId} className={LABEL}>
        {label}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={activeOption ? optionId(activeIndex) : undefined}
        aria-required={isRequired || undefined}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(
          hint ? hintId : null,
          status ? statusId : null,
          error?.length ? errorId : null,
        )}
        placeholder={`Search ${noun}`}
        value={text}
        onChange={(event) => {
          setQuery(event.target.value);
          setEditing(true);
          open(0);
          if (event.target.value === "") onChange("");
        }}
        onKeyDown={onKeyDown}
        onClick={() => (isOpen ? setOpen(false) : open(0))}
        onBlur={() => {
          setOpen(false);
          setEditing(false);
          setQuery("");
          onBlur?.();
        }}
        className={CONTROL}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={typeof label === "string" ? label : noun}
        hidden={!isOpen || filtered.length === 0}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded border border-slate-300 bg-white py-1 shadow-lg"
      >
        {/* Options exist only while the list is open: a closed combobox costs no render and no
            DOM per option when its lookup answers while the page starts. */}
        {(isOpen ? filtered : []).map((option, index) => (
          <li
            key={option.id}
            id={optionId(index)}
            role="option"
            aria-selected={option.id === value}
            // mousedown would blur the input first and close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={`cursor-pointer px-3 py-1.5 text-sm ${
              index === activeIndex ? "bg-brand-50 text-slate-900" : "text-slate-700"
            }`}
          >
            <span className={option.id === value ? "font-semibold" : undefined}>
              {option.label}
            </span>
            {option.detail ? (
              <span className="ml-2 text-xs text-slate-600">{option.detail}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <HintText id={hintId} hint={hint} />
      {status ? (
        <p id={statusId} className={`text-xs ${loadError ? "text-red-700" : "text-slate-500"}`}>
          {status}
        </p>
      ) : null}
      <ErrorText id={errorId} error={error} />
    </div>
  );
}

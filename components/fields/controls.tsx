/**
 * The console's labelled controls: an input, a select and a textarea, each inside FieldShell with
 * the one control look (CONTROL). Plain functions without state or directive, so a server-rendered
 * filter form and the composer's client sections render the same markup.
 *
 * A field's id comes from its `path` in the form's values when it has one (the composer's
 * "references.0.name"), else from its `name`; either way it is `fieldId(...)`, which tests and
 * `aria-describedby` rely on.
 */
import type { ComponentProps, ReactNode } from "react";

import { CONTROL } from "./classes";
import { FieldShell, fieldId } from "./shell";

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | undefined;
} & FieldKey;

/** Where the id comes from: the value's path in the form, else the control's name. */
type FieldKey = { path: string; name?: string } | { path?: undefined; name: string };

const idOf = (key: FieldKey) => fieldId(key.path === undefined ? key.name : key.path);

export function InputField(props: FieldProps & Omit<ComponentProps<"input">, "id">) {
  const { label, hint, error, path: _path, ...input } = props;
  return (
    <FieldShell id={idOf(props)} label={label} hint={hint} error={error}>
      {(control) => <input className={CONTROL} {...control} {...input} />}
    </FieldShell>
  );
}

/** A select; its options are children (see Options for a list of value/label pairs). */
export function SelectField(props: FieldProps & Omit<ComponentProps<"select">, "id">) {
  const { label, hint, error, path: _path, children, ...select } = props;
  return (
    <FieldShell id={idOf(props)} label={label} hint={hint} error={error}>
      {(control) => (
        <select className={CONTROL} {...control} {...select}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField(props: FieldProps & Omit<ComponentProps<"textarea">, "id">) {
  const { label, hint, error, path: _path, ...textarea } = props;
  return (
    <FieldShell id={idOf(props)} label={label} hint={hint} error={error}>
      {(control) => <textarea className={CONTROL} rows={4} {...control} {...textarea} />}
    </FieldShell>
  );
}

export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

/** Beside a label or legend whose field must be filled. */
export function RequiredMark() {
  return <span className="font-normal text-red-700"> (required)</span>;
}

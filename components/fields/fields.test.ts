import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Choice, ChoiceGroup } from "./choices";
import { CONTROL, PRIMARY_BUTTON } from "./classes";
import { InputField, Options, SelectField, TextAreaField } from "./controls";
import { FieldShell } from "./shell";

/** The kit's markup is the contract the e2e specs and outside checks read: ids, names, aria. */

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("the field kit's markup", () => {
  it("ties a named input to its label, and says nothing more while it has no hint or error", () => {
    expect(html(createElement(InputField, { label: "Email", name: "email", type: "email" }))).toBe(
      '<div class="space-y-1"><label for="field-email" class="block text-sm font-medium text-slate-700">Email</label>' +
        `<input class="${CONTROL}" id="field-email" type="email" name="email"/></div>`,
    );
  });

  it("describes a control by its hint, then its error, and marks it invalid", () => {
    const markup = html(
      createElement(InputField, {
        label: "Text",
        name: "q",
        hint: "Name or id.",
        error: ["Too long.", "Try again."],
      }),
    );
    expect(markup).toContain('aria-invalid="true" aria-describedby="field-q-hint field-q-error"');
    expect(markup).toContain('<p id="field-q-hint" class="text-xs text-slate-500">Name or id.</p>');
    expect(markup).toContain(
      '<p id="field-q-error" class="text-sm text-red-700">Too long. Try again.</p>',
    );
  });

  it("takes the id from the path and keeps the name it is given", () => {
    const markup = html(
      createElement(
        SelectField,
        { label: "Move by", path: "bulk-offset", name: "offset" },
        createElement(Options, { options: [{ value: "60", label: "1 hour later" }] }),
      ),
    );
    expect(markup).toContain('<label for="field-bulk-offset"');
    expect(markup).toContain('id="field-bulk-offset" name="offset"');
    expect(markup).toContain('<option value="60">1 hour later</option>');
  });

  it("makes a safe id of a nested path, and lets the caller's rows win over the default", () => {
    const markup = html(
      createElement(TextAreaField, { label: "Value", path: "attributes.0.value", rows: 2 }),
    );
    expect(markup).toContain('id="field-attributes-0-value"');
    expect(markup).toContain('rows="2"');
    expect(markup).not.toContain("name=");
  });

  it("hides a label from sight only, so the control keeps its accessible name", () => {
    const markup = html(
      // Called as the function it is: its child is a render function, not an element.
      FieldShell({
        id: "role-u1",
        label: "Role for Ada",
        isLabelHidden: true,
        error: ["Choose a role."],
        children: (control) => createElement("select", control),
      }),
    );
    expect(markup).toContain('<label for="role-u1" class="sr-only">Role for Ada</label>');
    expect(markup).toContain(
      '<select id="role-u1" aria-invalid="true" aria-describedby="role-u1-error">',
    );
  });

  it("groups radio choices under their legend, each inside its label", () => {
    const markup = html(
      ChoiceGroup({
        legend: "When",
        note: createElement("p", { id: "note" }, "Why not"),
        children: createElement(Choice, { label: "Start now", value: "now", name: "mode" }),
      }),
    );
    expect(markup).toBe(
      '<fieldset><legend class="block text-sm font-medium text-slate-700">When</legend>' +
        '<div class="mt-2 flex flex-wrap gap-4"><label class="flex items-center gap-2 text-sm">' +
        '<input type="radio" name="mode" value="now"/>Start now</label></div><p id="note">Why not</p></fieldset>',
    );
  });
});

describe("the looks written once", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const KIT = path.join(ROOT, "components/fields/classes.ts");
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
    });

  it("keeps the control and primary button classes in the kit alone", () => {
    // A copy elsewhere is how six control strings drifted apart: each look is one constant.
    const markers = [CONTROL.split(" ").at(-1)!, PRIMARY_BUTTON.split(" ")[1]!];
    expect(markers).toEqual(["aria-invalid:border-red-600", "hover:bg-brand-700"]);
    const copies = [...sources(path.join(ROOT, "app")), ...sources(path.join(ROOT, "components"))]
      .filter((file) => file !== KIT)
      .filter((file) => markers.some((marker) => readFileSync(file, "utf8").includes(marker)))
      .map((file) => path.relative(ROOT, file));
    expect(copies).toEqual([]);
  });
});

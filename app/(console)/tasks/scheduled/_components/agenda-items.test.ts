/**
 * Held tasks on the agenda (the query fills them in; here they are built by hand): a visible
 * "Held" or "Release failed" badge in the list and the grid, a link to /tasks/<console id>, and
 * the same checkbox for the bulk actions as a Connect task (the console moves and cancels a held
 * one by itself). A Connect task keeps its status badge and ContactId link.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { AgendaItem } from "@/lib/task/agenda-item";
import { weekDays } from "@/lib/task/agenda-week";

import { AgendaGrid } from "./agenda-grid";
import { AgendaTable } from "./agenda-table";

const base = {
  instanceId: "inst-1",
  createdAt: "2026-12-01T08:00:00.000Z",
  createdBy: { id: "u-1", email: "lead@tasks.test" },
  bulkJobId: null,
  routing: null,
  link: null,
  checkedAt: null,
  statusProblem: null,
};
const inConnect: AgendaItem = {
  ...base,
  kind: "connect",
  id: "contact-1",
  contactId: "contact-1",
  name: "Call back Ana",
  status: "scheduled",
  scheduledAt: "2026-12-14T08:30:00.000Z",
  checkedAt: "2026-12-02T07:00:00.000Z",
};
const held: AgendaItem = {
  ...base,
  kind: "held",
  id: "held_01",
  contactId: null,
  state: "held",
  name: "Renewal call",
  status: null,
  scheduledAt: "2026-12-15T09:00:00.000Z",
};
const failed: AgendaItem = {
  ...held,
  id: "held_02",
  state: "release_failed",
  name: "Quarterly review",
  scheduledAt: "2026-12-16T13:45:00.000Z",
};
const items = [inConnect, held, failed];

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
/** The markup of the table row or link that names `name`. */
const partOf = (html: string, tag: "tr" | "a", name: string) => {
  const part = html
    .match(new RegExp(`<${tag}[ >].*?</${tag}>`, "g"))
    ?.find((chunk) => text(chunk).includes(name));
  if (!part) throw new Error(`no <${tag}> names ${name}`);
  return part;
};

describe("the agenda list", () => {
  const html = renderToStaticMarkup(
    createElement(AgendaTable, {
      tasks: items,
      selectedIds: new Set<string>(),
      isDisabled: false,
      onToggle: () => undefined,
    }),
  );

  it("badges held tasks Held or Release failed and links them by their console id", () => {
    const heldRow = partOf(html, "tr", "Renewal call");
    expect(text(heldRow)).toContain("Held");
    expect(text(heldRow)).not.toContain("Unchecked");
    expect(heldRow).toContain('href="/tasks/held_01"');
    const failedRow = partOf(html, "tr", "Quarterly review");
    expect(text(failedRow)).toContain("Release failed");
    expect(failedRow).toContain('href="/tasks/held_02"');
  });

  it("offers the bulk checkbox for held and Connect tasks alike", () => {
    for (const name of ["Call back Ana", "Renewal call", "Quarterly review"]) {
      expect(partOf(html, "tr", name)).toContain(`Select ${name}`);
      expect(partOf(html, "tr", name)).toContain('type="checkbox"');
    }
  });

  it("keeps Connect's status and the ContactId link for a Connect task", () => {
    const row = partOf(html, "tr", "Call back Ana");
    expect(text(row)).toContain("Scheduled");
    expect(text(row)).not.toMatch(/Held|Release failed/);
    expect(row).toContain('href="/tasks/contact-1"');
  });
});

describe("the week grid", () => {
  const html = renderToStaticMarkup(
    createElement(AgendaGrid, {
      items,
      days: weekDays("2026-12-14"),
      timeZone: "Europe/Paris",
      caption: "14 – 20 Dec 2026",
    }),
  );

  it("names the week and the zone in its caption", () => {
    expect(html).toContain(
      "Scheduled tasks by day and hour, 14 – 20 Dec 2026, in your time zone (Europe/Paris)",
    );
  });

  it("shows each task at its local time, held ones with their badge and console-id link", () => {
    expect(text(partOf(html, "a", "Call back Ana"))).toBe("09:30 Call back Ana");
    const heldEntry = partOf(html, "a", "Renewal call");
    expect(text(heldEntry)).toBe("10:00 Renewal call Held");
    expect(heldEntry).toContain('href="/tasks/held_01"');
    const failedEntry = partOf(html, "a", "Quarterly review");
    expect(text(failedEntry)).toBe("14:45 Quarterly review Release failed");
    expect(failedEntry).toContain('href="/tasks/held_02"');
  });
});

import { describe, expect, it } from "vitest";

import { PERMISSIONS, ROLES, hasPermission } from "./permissions";

describe("hasPermission", () => {
  it("gives the admin everything", () => {
    for (const permission of PERMISSIONS) expect(hasPermission("admin", permission)).toBe(true);
  });

  it("lets supervisors manage any task and read the whole audit trail, but not users", () => {
    expect(hasPermission("supervisor", "task.manage.any")).toBe(true);
    expect(hasPermission("supervisor", "audit.read.all")).toBe(true);
    expect(hasPermission("supervisor", "users.manage")).toBe(false);
  });

  it("lets leads schedule and manage only their own tasks", () => {
    expect(hasPermission("lead", "task.schedule")).toBe(true);
    expect(hasPermission("lead", "task.manage.own")).toBe(true);
    expect(hasPermission("lead", "task.manage.any")).toBe(false);
    expect(hasPermission("lead", "audit.read.all")).toBe(false);
  });

  it("lets support create tasks (linked ones too) but not schedule them", () => {
    expect(hasPermission("support", "task.create")).toBe(true);
    expect(hasPermission("support", "task.schedule")).toBe(false);
    expect(hasPermission("support", "task.read.all")).toBe(false);
  });

  it("refuses unknown, missing and disguised roles", () => {
    expect(ROLES).not.toContain("root");
    expect(hasPermission("root", "task.create")).toBe(false);
    expect(hasPermission(null, "task.create")).toBe(false);
    expect(hasPermission("admin,support", "users.manage")).toBe(false);
  });
});

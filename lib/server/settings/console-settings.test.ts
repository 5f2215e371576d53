import { describe, expect, it } from "vitest";

import { describeDataStore, describeSignInProtection } from "./console-settings";

describe("describeDataStore", () => {
  it("names the embedded server's folder when no database URL is set", () => {
    expect(
      describeDataStore({ DATA_DIR: ".data", DATABASE_URL: undefined }, "/srv/console"),
    ).toEqual({
      kind: "embedded",
      folder: "/srv/console/.data/postgres",
    });
  });

  it("keeps only the host and database name of a PostgreSQL URL", () => {
    const store = describeDataStore({
      DATA_DIR: ".data",
      DATABASE_URL:
        "postgresql://console_user:s3cr%40t-password@db.internal:5433/task_console?sslmode=require",
    });
    expect(store).toEqual({ kind: "postgres", host: "db.internal:5433", database: "task_console" });
    const shown = JSON.stringify(store);
    expect(shown).not.toContain("s3cr");
    expect(shown).not.toContain("console_user");
    expect(shown).not.toContain("sslmode");
  });

  it("names a Unix socket host given as a query parameter", () => {
    expect(
      describeDataStore({
        DATA_DIR: ".data",
        DATABASE_URL: "postgres:///console?host=/var/run/postgresql",
      }),
    ).toEqual({ kind: "postgres", host: "local socket /var/run/postgresql", database: "console" });
  });
});

describe("describeSignInProtection", () => {
  it("reports a missing trusted header as null (per-account limits only)", () => {
    expect(
      describeSignInProtection({
        TRUSTED_IP_HEADER: undefined,
        SIGN_IN_MAX_FAILURES: 5,
        SIGN_IN_WINDOW_SECONDS: 600,
      }),
    ).toEqual({ trustedIpHeader: null, maxFailures: 5, windowSeconds: 600 });
  });
});

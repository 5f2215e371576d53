/**
 * The setup project (playwright.config.ts), run before the specs: each demo role signs in once
 * through the real form, and its browser state is stored for the specs that only need a session
 * (e2e/auth-state.ts).
 */
import { test as setup } from "@playwright/test";

import { storeSignedInState } from "./auth-state";
import { ROLES } from "../lib/permissions";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ browser }) => {
    await storeSignedInState(browser, role);
  });
}

import type { Metadata } from "next";

import { serverEnv } from "@/lib/env";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";
import {
  describeDataStore,
  describeSignInProtection,
} from "@/lib/server/settings/console-settings";

import { ConnectSettingsView } from "./_components/connect-settings-view";

export const metadata: Metadata = { title: "Connect settings" };

export default async function ConnectSettingsPage() {
  await requirePageUser("connect.settings.read");
  const env = serverEnv();
  return (
    <section aria-labelledby="connect-settings-title" className="space-y-6">
      <div>
        <h1 id="connect-settings-title" className="text-2xl font-semibold">
          Connect settings
        </h1>
        <p className="mt-1 text-slate-600">
          What this console talks to and where it keeps its records. Set through environment
          variables; secrets are never shown.
        </p>
      </div>
      <ConnectSettingsView
        overview={await describeConnectOverview()}
        dataStore={describeDataStore(env)}
        signIn={describeSignInProtection(env)}
      />
    </section>
  );
}

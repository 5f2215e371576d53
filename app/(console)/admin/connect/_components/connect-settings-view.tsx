import type { ReactNode } from "react";

import { ColumnHeaders } from "@/components/column-headers";
import type { ConnectOverview } from "@/lib/server/connect/instance";
import type { DataStore, SignInProtection } from "@/lib/server/settings/console-settings";

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">{children}</dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds} seconds (${seconds / 3600} h)`;
  if (seconds % 60 === 0) return `${seconds} seconds (${seconds / 60} min)`;
  return `${seconds} seconds`;
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

export function ConnectSettingsView({
  overview,
  dataStore,
  signIn,
}: {
  overview: ConnectOverview;
  dataStore: DataStore;
  signIn: SignInProtection;
}) {
  return (
    <div className="space-y-6">
      <Panel id="connect-endpoint-title" title="Amazon Connect">
        <Facts>
          <Fact term="Mode">
            {overview.mode === "local" ? "Local Connect endpoint (demo)" : "Amazon Web Services"}
          </Fact>
          <Fact term="Region">{overview.region}</Fact>
          <Fact term="Endpoint">
            <span className="font-mono">{overview.endpoint}</span>
          </Fact>
          <Fact term="Credential source">{overview.credentialSource}</Fact>
        </Facts>
      </Panel>

      <Panel id="connect-instances-title" title="Instances">
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">Configured Amazon Connect instances</caption>
          <thead>
            <ColumnHeaders
              rowClassName="text-left text-slate-500"
              cellClassName="py-2 pr-4 font-medium"
              columns={[
                "Instance id",
                "Alias",
                "Status",
                "Created",
                "Inbound calls",
                { label: "Outbound calls", key: "Outbound calls", className: "py-2 font-medium" },
              ]}
            />
          </thead>
          <tbody>
            {overview.instances.map((entry) =>
              entry.ok ? (
                <tr key={entry.instance.id} className="border-t border-slate-100">
                  <th scope="row" className="py-2 pr-4 text-left font-mono text-xs font-normal">
                    {entry.instance.id}
                  </th>
                  <td className="py-2 pr-4">{entry.instance.alias}</td>
                  <td className="py-2 pr-4">{entry.instance.status}</td>
                  <td className="py-2 pr-4">
                    {entry.instance.createdAt ? (
                      <time dateTime={entry.instance.createdAt.toISOString()}>
                        {entry.instance.createdAt.toISOString().slice(0, 10)}
                      </time>
                    ) : (
                      "Unknown"
                    )}
                  </td>
                  <td className="py-2 pr-4">{yesNo(entry.instance.inboundCalls)}</td>
                  <td className="py-2">{yesNo(entry.instance.outboundCalls)}</td>
                </tr>
              ) : (
                <tr key={entry.id} className="border-t border-slate-100 bg-red-50 text-red-800">
                  <th scope="row" className="py-2 pr-4 text-left font-mono text-xs font-normal">
                    {entry.id}
                  </th>
                  <td colSpan={5} className="py-2">
                    Could not describe this instance: {entry.error}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Panel>

      <Panel id="data-store-title" title="Data store">
        <Facts>
          {dataStore.kind === "embedded" ? (
            <>
              <Fact term="Database">Embedded PostgreSQL server (started by the console)</Fact>
              <Fact term="Folder">
                <span className="font-mono">{dataStore.folder}</span>
              </Fact>
            </>
          ) : (
            <>
              <Fact term="Database">PostgreSQL server</Fact>
              <Fact term="Host">
                <span className="font-mono">{dataStore.host}</span>
              </Fact>
              <Fact term="Database name">
                <span className="font-mono">{dataStore.database}</span>
              </Fact>
            </>
          )}
        </Facts>
      </Panel>

      <Panel id="sign-in-protection-title" title="Sign-in protection">
        <Facts>
          <Fact term="Client IP header">
            {signIn.trustedIpHeader ? (
              <span className="font-mono">{signIn.trustedIpHeader}</span>
            ) : (
              "None"
            )}
          </Fact>
          <Fact term="Failures allowed">{signIn.maxFailures}</Fact>
          <Fact term="Window">{formatWindow(signIn.windowSeconds)}</Fact>
        </Facts>
        {signIn.trustedIpHeader ? (
          <p className="mt-3 text-sm text-slate-700">
            Failed sign-ins are limited per account and per client IP, read only from the{" "}
            <span className="font-mono">{signIn.trustedIpHeader}</span> header your proxy sets.
          </p>
        ) : (
          <p
            role="note"
            className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            TRUSTED_IP_HEADER is not set: only per-account limits apply. Set it to the header your
            reverse proxy overwrites with the client address (for example x-real-ip) to also limit
            sign-ins per client IP.
          </p>
        )}
      </Panel>
    </div>
  );
}

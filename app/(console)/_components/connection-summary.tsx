import type { ConnectOverview } from "@/lib/server/connect/instance";

export function ConnectionSummary({ overview }: { overview: ConnectOverview }) {
  return (
    <section
      aria-labelledby="connection-title"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="connection-title" className="text-lg font-medium">
        Amazon Connect
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">Mode</dt>
        <dd>
          {overview.mode === "local" ? "Local Connect endpoint (demo)" : "Amazon Web Services"}
        </dd>
        <dt className="text-slate-500">Region</dt>
        <dd>{overview.region}</dd>
        <dt className="text-slate-500">Endpoint</dt>
        <dd className="font-mono">{overview.endpoint}</dd>
      </dl>
      <h3 className="mt-5 text-sm font-medium text-slate-700">Instances</h3>
      <ul className="mt-2 space-y-2">
        {overview.instances.map((entry) =>
          entry.ok ? (
            <li key={entry.instance.id} className="rounded border border-slate-100 p-3 text-sm">
              <p className="font-medium">{entry.instance.alias}</p>
              <p className="font-mono text-xs text-slate-500">{entry.instance.id}</p>
              <p className="mt-1">
                Status: <span>{entry.instance.status}</span>
              </p>
            </li>
          ) : (
            <li
              key={entry.id}
              role="status"
              className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            >
              <p className="font-mono text-xs">{entry.id}</p>
              <p>Could not reach this instance: {entry.error}</p>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

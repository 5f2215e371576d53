import Link from "next/link";

/** An id nobody knows: said plainly, with the id, and a way back. */
export function ContactNotFound({ contactId, reason }: { contactId: string; reason: string }) {
  return (
    <section aria-labelledby="task-title" className="space-y-4">
      <h1 id="task-title" className="text-2xl font-semibold">
        Contact not found
      </h1>
      <p className="text-slate-700">
        No contact <code className="font-mono break-all">{contactId}</code>. {reason}
      </p>
      <p>
        <Link href="/tasks" className="text-brand-700 underline">
          Back to the tasks
        </Link>
      </p>
    </section>
  );
}

import Link from "next/link";

/** Nothing scheduled in the week or range on screen, with the way to schedule something. */
export function AgendaEmpty({ message }: { message: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
      <p className="font-medium text-slate-800">{message}</p>
      <p className="mt-2 text-sm">
        <Link href="/tasks/new" className="text-brand-700 underline">
          Schedule a task
        </Link>
      </p>
    </div>
  );
}

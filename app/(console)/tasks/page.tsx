import type { Metadata } from "next";
import Link from "next/link";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { Pagination } from "@/components/pagination";
import { fieldErrorsOf } from "@/lib/server/action";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { listConsoleTasks } from "@/lib/server/tasks/registry";
import { STATUS_MAX_AGE_MS } from "@/lib/server/tasks/snapshots";
import { taskScopeFor } from "@/lib/server/tasks/task-rows";
import { taskListFiltersSchema, taskListQuery } from "@/lib/task/list";
import { firstValues } from "@/lib/url-filters";

import { RefreshStatuses } from "./_components/refresh-statuses";
import { TaskFilters } from "./_components/task-filters";
import { TaskTable } from "./_components/task-table";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.read.own");
  const values = firstValues(await searchParams);
  const parsed = taskListFiltersSchema.safeParse(values);
  const scope = taskScopeFor(user);
  const result = parsed.success ? await listConsoleTasks(await getDb(), parsed.data, scope) : null;

  return (
    <section aria-labelledby="tasks-title" className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 id="tasks-title" className="text-2xl font-semibold">
            Tasks
          </h1>
          <p className="mt-1 text-slate-600">
            Tasks created through the console, newest first. Statuses come from Amazon Connect and
            are re-read at most every {STATUS_MAX_AGE_MS / 1000} seconds; times are in your time
            zone, the date filters use UTC days.
          </p>
        </div>
        <Link href="/tasks/new" className={PRIMARY_BUTTON}>
          New task
        </Link>
      </div>
      <TaskFilters
        values={values}
        errors={parsed.success ? {} : fieldErrorsOf(parsed.error)}
        canReadAll={scope.canReadAll}
      />
      {result && parsed.success ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p role="status" className="text-sm text-slate-700">
              {result.total === 0
                ? "No tasks match these filters."
                : `${result.total} ${result.total === 1 ? "task" : "tasks"} match.`}
            </p>
            {result.tasks.length > 0 ? (
              <RefreshStatuses
                contactIds={result.tasks.flatMap((task) =>
                  task.contactId ? [task.contactId] : [],
                )}
              />
            ) : null}
          </div>
          {result.tasks.length > 0 ? (
            <>
              <TaskTable
                tasks={result.tasks}
                caption={`Tasks ${(result.page - 1) * result.pageSize + 1}–${
                  (result.page - 1) * result.pageSize + result.tasks.length
                } of ${result.total}, newest first`}
              />
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                href={(page) => {
                  const query = taskListQuery({ ...parsed.data, page });
                  return query ? `/tasks?${query}` : "/tasks";
                }}
              />
            </>
          ) : null}
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          Some filters need attention; fix them to see the tasks.
        </p>
      )}
    </section>
  );
}

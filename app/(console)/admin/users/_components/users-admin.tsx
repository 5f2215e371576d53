"use client";

import { useState } from "react";

import { ColumnHeaders } from "@/components/column-headers";
import type { ConsoleUser } from "@/lib/users/schema";

import { CreateUserForm } from "./create-user-form";
import { type Announcement, UserRow } from "./user-row";

export function UsersAdmin({
  users,
  currentUserId,
}: {
  users: ConsoleUser[];
  currentUserId: string;
}) {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  return (
    <div className="space-y-6">
      <CreateUserForm />
      <section
        aria-labelledby="user-list-title"
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="user-list-title" className="text-lg font-medium">
          Accounts
        </h2>
        <p
          role="status"
          aria-live="polite"
          aria-label="User changes"
          className={`mt-2 min-h-5 text-sm ${
            announcement?.tone === "error" ? "text-red-700" : "text-green-800"
          }`}
        >
          {announcement?.text}
        </p>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Console users</caption>
            <thead>
              <ColumnHeaders
                rowClassName="text-left text-slate-500"
                cellClassName="py-2 pr-4 font-medium"
                columns={[
                  "Name",
                  "Email",
                  "Role",
                  "Status",
                  "Created",
                  {
                    label: "Active sessions",
                    key: "Active sessions",
                    className: "py-2 pr-4 text-right font-medium",
                  },
                  { label: "Actions", key: "Actions", className: "py-2 font-medium" },
                ]}
              />
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === currentUserId}
                  onResult={setAnnouncement}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

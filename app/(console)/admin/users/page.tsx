import type { Metadata } from "next";

import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { listConsoleUsers } from "@/lib/server/users/directory";

import { UsersAdmin } from "./_components/users-admin";

export const metadata: Metadata = { title: "Users · Connect Task Console" };

export default async function UsersPage() {
  const user = await requirePageUser("users.manage");
  const users = await listConsoleUsers(await getDb());
  return (
    <section aria-labelledby="users-title" className="space-y-6">
      <div>
        <h1 id="users-title" className="text-2xl font-semibold">
          Users
        </h1>
        <p className="mt-1 text-slate-600">
          Create console accounts, change roles, disable accounts and end their sessions. Every
          change is recorded in the audit trail.
        </p>
      </div>
      <UsersAdmin users={users} currentUserId={user.id} />
    </section>
  );
}

import { LocalTime } from "@/components/local-time";
import { TaskStatusBadge } from "@/components/task-status-badge";
import type { ContactSummary } from "@/lib/server/connect/contacts";
import type { Snapshot } from "@/lib/server/tasks/snapshots";
import type { TaskPageData } from "@/lib/server/tasks/task-page";
import { taskTimes } from "@/lib/task/status";

import { ContactAttributes, ContactReferences } from "./contact-data";
import { Fact, PageSection, Problem } from "./page-section";

const time = (date: Date | null) => (date ? <LocalTime iso={date.toISOString()} /> : null);
const code = (value: string | null) =>
  value ? <code className="font-mono text-xs">{value}</code> : null;

/**
 * A task's "created" and "started", labelled for what Connect's answer actually says: its
 * InitiationTimestamp is the creation for some readings and the start for others (see
 * lib/task/status.ts), so it is never shown as one or the other without checking.
 */
function TaskTimeFacts({ snapshot }: { snapshot: Snapshot }) {
  const { contact, status } = snapshot;
  const { createdAt, startedAt } = taskTimes(contact, snapshot.checkedAt);
  const notStarted =
    status === "scheduled" ? "Not yet" : "Never: it ended before its scheduled time";
  return (
    <>
      <Fact term="Created in Connect">
        {time(createdAt) ?? (contact.scheduledAt ? "Not reported by Connect" : null)}
      </Fact>
      <Fact term="Started">{time(startedAt) ?? notStarted}</Fact>
    </>
  );
}

function ContactFacts({ snapshot }: { snapshot: Snapshot }) {
  const contact: ContactSummary = snapshot.contact;
  return (
    <dl aria-label="Contact details" className="divide-y divide-slate-100">
      <Fact term="Status">
        <TaskStatusBadge status={snapshot.status} checkedAt={snapshot.checkedAt.toISOString()} />
      </Fact>
      <Fact term="Channel">{contact.channel}</Fact>
      <Fact term="Name">{contact.name}</Fact>
      <Fact term="Description">
        {contact.description ? (
          <span className="whitespace-pre-wrap">{contact.description}</span>
        ) : null}
      </Fact>
      <Fact term="Initiation method">{contact.initiationMethod}</Fact>
      <Fact term="Scheduled for">{time(contact.scheduledAt)}</Fact>
      {contact.channel === "TASK" ? (
        <TaskTimeFacts snapshot={snapshot} />
      ) : (
        <Fact term="Initiated">{time(contact.initiatedAt)}</Fact>
      )}
      <Fact term="Last updated">{time(contact.lastUpdatedAt)}</Fact>
      <Fact term="Disconnected">{time(contact.disconnectedAt)}</Fact>
      <Fact term="Disconnect reason">{contact.disconnectReason}</Fact>
      <Fact term="Expiry">
        {contact.expiryMinutes !== null ? `${contact.expiryMinutes} minutes` : null}
      </Fact>
      <Fact term="Created by (agent ARN)">{code(contact.createdByArn)}</Fact>
      <Fact term="Queue id">{code(contact.queueId)}</Fact>
      <Fact term="Agent id">{code(contact.agentId)}</Fact>
      <Fact term="Task template">{contact.templateName}</Fact>
      <Fact term="Initial contact id">{code(contact.initialContactId)}</Fact>
    </dl>
  );
}

/** "What Connect says": DescribeContact, ListContactReferences and GetContactAttributes. */
export function ConnectFacts({ data }: { data: TaskPageData }) {
  const { contact } = data;
  const initialContactId = contact.ok
    ? (contact.value.contact.initialContactId ?? data.contactId)
    : data.contactId;
  return (
    <PageSection
      id="connect"
      title="What Connect says"
      description={
        <>
          Read from Amazon Connect for this page (DescribeContact) in instance{" "}
          <code className="font-mono text-xs">{data.instanceId}</code>.
        </>
      }
    >
      {contact.ok ? (
        <ContactFacts snapshot={contact.value} />
      ) : (
        <>
          <Problem>Amazon Connect could not describe this contact: {contact.message}</Problem>
          {contact.cached ? (
            <>
              <p className="text-sm text-slate-600">
                What it said when the console last asked (
                <LocalTime iso={contact.cached.checkedAt.toISOString()} />
                ):
              </p>
              <ContactFacts snapshot={contact.cached} />
            </>
          ) : null}
        </>
      )}
      <ContactReferences references={data.references} />
      <ContactAttributes
        attributes={data.attributes}
        initialContactId={initialContactId === data.contactId ? null : initialContactId}
      />
    </PageSection>
  );
}

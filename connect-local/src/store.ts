/**
 * Lookups over the state, scoped by instance the way Connect scopes them: an id from one instance
 * never resolves in another. Mutations call `persist()`, which writes the state file when there
 * is a data folder.
 */
import { notFound } from "./errors";
import { saveState, type InstanceData, type State, type StoredContact } from "./state";

export class Store {
  constructor(
    readonly state: State,
    private readonly dataDir?: string,
  ) {}

  persist(): void {
    if (this.dataDir) saveState(this.dataDir, this.state);
  }

  get instanceIds(): string[] {
    return this.state.instances.map((i) => i.instance.Id);
  }

  /**
   * The instance for an id, or for its ARN where the operation allows one (ListQuickConnects).
   * Unknown → ResourceNotFoundException.
   */
  instance(idOrArn: string, allowArn = false): InstanceData {
    const found = this.state.instances.find(
      (i) => i.instance.Id === idOrArn || (allowArn && i.instance.Arn === idOrArn),
    );
    if (!found) throw notFound(`Instance not found: ${idOrArn}`);
    return found;
  }

  contact(instanceId: string, contactId: string): StoredContact | undefined {
    const c = this.state.contacts[contactId];
    return c && c.InstanceId === instanceId ? c : undefined;
  }

  requireContact(instanceId: string, contactId: string): StoredContact {
    const c = this.contact(instanceId, contactId);
    if (!c) throw notFound(`Contact not found: ${contactId}`);
    return c;
  }

  attributesOf(c: StoredContact): Record<string, string> {
    return (this.state.attributeBags[c.AttributeBag] ??= {});
  }

  tasksOf(instanceId: string): StoredContact[] {
    return Object.values(this.state.contacts).filter(
      (c) => c.InstanceId === instanceId && c.Channel === "TASK",
    );
  }
}

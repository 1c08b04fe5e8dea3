import { qualysErrors } from '../qualys/errors.js';
import { formatIpRange, formatIpSet } from '../qualys/ip-set.js';
import { idSetOf } from '../qualys/id-set.js';
import { equals, normalise, subtract, type IntervalSet, type Range } from '../qualys/interval-set.js';
import { applyChange, sameValues } from './record-change.js';
import { missingIps, needsIps, settleFields } from './record-rules.js';
import type { RecordChange, RecordInput } from './record-input.js';
import type { AuthRecord, BodyContext, Fields, PrerequisiteSwitch, RecordType } from './record-type.js';
import type { ListFilter, RecordStore, RecordWrite } from './record-store.js';

/** The vaults records may name. */
export interface VaultDirectory {
  /** `undefined` when vault `id` does not exist, else whether its type is `vaultType` (true when none is given). */
  typeMatches(id: number, vaultType: string | undefined): boolean | undefined;
  /** The ID of the vault titled so, if any: a seeded record names its vault by title. */
  idByTitle(title: string): number | undefined;
  /** Vault `id`'s title and type, as a record's body lists them; undefined when there is none. */
  vaultOf(id: number): { title: string; vaultType: string } | undefined;
}

/** What an update did to the requested IDs; each set is ID ranges, none overlapping. */
export interface UpdateOutcome {
  updated: IntervalSet;
  /** Records that exist but already held the requested values. */
  unchanged: IntervalSet;
  notFound: IntervalSet;
}

export interface DeleteOutcome {
  deleted: IntervalSet;
  notFound: IntervalSet;
}

/**
 * The rules records obey whatever their type: unique titles, IPs held by one record of a type.
 * Each write runs in one transaction, so a refused request changes nothing and two concurrent
 * requests cannot both pass a check. Its `answer` runs inside that transaction too: an answer
 * that cannot be made undoes the write instead of failing after it.
 */
/** What the records offer the families after them: which addresses records of a type cover (scans authenticate with them). */
export interface RecordCoverage {
  /** For each of `ips`, the ID of the `type` record holding it; absent when none does. */
  coveringRecords(type: string, ips: IntervalSet): { range: Range; recordId: number }[];
}

export class RecordService implements RecordCoverage {
  constructor(
    private readonly store: RecordStore,
    private readonly switches: Readonly<Record<PrerequisiteSwitch, boolean>> = { requireHostRecord: false },
    private readonly vaults: Pick<VaultDirectory, 'typeMatches' | 'vaultOf'> = { typeMatches: () => undefined, vaultOf: () => undefined },
  ) {}

  coveringRecords(type: string, ips: IntervalSet): { range: Range; recordId: number }[] {
    return this.store.ipOverlaps(type, ips).map(({ range, recordId }) => ({ range, recordId }));
  }

  /** What a type's body completes its fields with, inside the write's transaction. */
  private readonly bodyContext: BodyContext = {
    nextEntryId: () => this.store.nextEntryId(),
    vault: (id) => this.vaults.vaultOf(id),
    vaultTypeMatches: (id, vaultType) => this.vaults.typeMatches(id, vaultType) === true,
  };

  /** `fields` as the type's body completes them (IDs for new entries, vaults checked), when it has one. */
  private completed(type: RecordType, fields: Readonly<Fields>): Fields {
    return type.body === undefined ? { ...fields } : type.body.complete(fields, this.bodyContext);
  }

  /** Runs `fn` as one transaction, as every write here is: all of it lands, or none. */
  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  create<T>(type: RecordType, input: RecordInput & { title: string; ips: IntervalSet }, user: string, now: string, answer: (id: number) => T): T {
    return this.store.transaction(() => {
      this.checkTitleFree(type, input.title);
      this.checkVault(type, input.fields);
      const fields = this.completed(type, input.fields);
      this.checkIpsFree(type, input.ips);
      this.checkPrerequisite(type, input.ips);
      const id = this.store.insert({
        type: type.name,
        title: input.title,
        comments: input.comments,
        networkId: input.networkId,
        fields,
        ips: input.ips,
        createdAt: now,
        createdBy: user,
        modifiedAt: now,
      });
      return answer(id);
    });
  }

  /**
   * Applies one change to every record of `type` in `ids`, in ID order. Each record is checked
   * against the store as the earlier ones left it, so two of them can never end up sharing an IP.
   * LAST_MODIFIED moves only on the records whose values change. Changes are written in batches,
   * one statement per batch: a batch is written before any check that reads what it changes.
   */
  update<T>(type: RecordType, ids: IntervalSet, change: RecordChange, user: string, now: string, answer: (outcome: UpdateOutcome) => T): T {
    return this.store.transaction(() => {
      const records = this.store.records(type.name, ids);
      const updated: number[] = [];
      const unchanged: number[] = [];
      let pending: RecordWrite[] = [];
      const flush = () => {
        this.store.update(pending);
        pending = [];
      };
      const given = new Set(Object.keys(change.fields));
      for (const old of records) {
        const changed = applyChange(old, change);
        // A body edits the record's own entries, named by IDs of this record only.
        const withBody = change.body === undefined ? changed.fields : type.body!.apply(changed.fields, change.body, old.id);
        // The type's rules hold for the record as the update leaves it, or nothing changes.
        const settled = settleFields(type, withBody, given);
        const next = { ...changed, fields: change.body === undefined ? settled : this.completed(type, settled) };
        if (sameValues(old, next)) {
          unchanged.push(old.id);
          continue;
        }
        if (next.ips.length === 0 && needsIps(type, next.fields)) {
          if (change.removeIps === undefined) throw missingIps(type);
          throw qualysErrors.noIpsLeft(
            formatIpSet(change.removeIps)
              .map((e) => e.value)
              .join(','),
            old.id,
          );
        }
        if (next.title !== old.title) this.checkTitleFree(type, next.title, old.id);
        this.checkVault(type, next.fields);
        // The record's own IPs were already its alone: only the added part can clash.
        const added = subtract(next.ips, old.ips);
        if (added.length > 0) {
          flush();
          this.checkIpsFree(type, added, old.id);
          this.checkPrerequisite(type, added);
        }
        pending.push({
          record: { ...next, modifiedAt: now, modifiedBy: user },
          titleChanged: next.title !== old.title,
          ipsChanged: !equals(old.ips, next.ips),
        });
        updated.push(old.id);
      }
      flush();
      return answer({ updated: idSetOf(updated), unchanged: idSetOf(unchanged), notFound: subtract(ids, idSetOf(records.map((r) => r.id))) });
    });
  }

  /** Deletes the records of `type` in `ids`; the rest of `ids` is reported as not found. */
  delete<T>(type: RecordType, ids: IntervalSet, answer: (outcome: DeleteOutcome) => T): T {
    return this.store.transaction(() => {
      const deleted = idSetOf(this.store.deleteIn(type.name, ids));
      return answer({ deleted, notFound: subtract(ids, deleted) });
    });
  }

  list(type: RecordType, filter: ListFilter, limit: number): { records: AuthRecord[]; nextId?: number } {
    return this.store.list(type.name, filter, limit);
  }

  /** Names the records' current contents, so an answer made from them can be reused (RecordStore.generation). */
  generation(): string | undefined {
    return this.store.generation();
  }

  /** IDs of every type's records, for the generic list. */
  listAllTypes(filter: ListFilter, limit: number): { records: { id: number; type: string }[]; nextId?: number } {
    return this.store.listIds(filter, limit);
  }

  countByType(): Map<string, number> {
    return this.store.countByType();
  }

  /** [Q] a record's vault must exist, and be of the type the record says (1905). */
  private checkVault(type: RecordType, fields: Readonly<Record<string, string>>): void {
    const idField = type.fields.find((f) => f.references === 'vault' && fields[f.param] !== undefined);
    if (!idField) return;
    const typeField = type.fields.find((f) => f.references === 'vault-type');
    const vaultType = typeField && fields[typeField.param];
    const match = this.vaults.typeMatches(Number(fields[idField.param]), vaultType);
    if (match === undefined) throw qualysErrors.noSuchVault(idField.param, fields[idField.param]);
    if (!match) throw qualysErrors.invalidValue(typeField!.param, vaultType!, `vault ${fields[idField.param]} is not of this type`);
  }

  private checkTitleFree(type: RecordType, title: string, exceptId?: number): void {
    const holder = this.store.idByTitle(type.name, title);
    if (holder !== undefined && holder !== exceptId) throw qualysErrors.titleInUse(title, holder);
  }

  /** [Q] every IP must be held by records of the host types the declaration names, when switched on. */
  private checkPrerequisite(type: RecordType, ips: IntervalSet): void {
    const rule = type.hostRecord;
    if (!rule || !this.switches.requireHostRecord) return;
    const covered = normalise(rule.coveredBy.flatMap((t) => this.store.ipOverlaps(t, ips).map((o) => o.range)));
    const uncovered = subtract(ips, covered);
    if (uncovered.length > 0)
      throw qualysErrors.ipsNotCovered(
        formatIpSet(uncovered).map((e) => e.value),
        rule.label,
      );
  }

  private checkIpsFree(type: RecordType, ips: IntervalSet, exceptId?: number): void {
    const overlaps = this.store.ipOverlaps(type.name, ips, exceptId);
    if (overlaps.length > 0) {
      throw qualysErrors.ipsInUse(overlaps.map((o) => ({ ips: formatIpRange(o.range).value, title: o.title })));
    }
  }
}

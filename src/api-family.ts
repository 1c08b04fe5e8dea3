import type { Database } from './db/connection.js';
import type { StoredFormKind } from './db/stored-forms.js';
import type { BundledDtd } from './qualys/bundled-dtd.js';
import type { Endpoint } from './qualys/endpoint.js';
import type { SecretParams } from './qualys/secrets.js';

/**
 * What an API family is: one folder under src/ (authentication records, vaults, sessions...)
 * whose `family.ts` exports one `ApiFamily`, and one line in the registry (src/families.ts).
 * Everything the emulator wires for a family (routes, secrets, DTDs, seed, reset, dashboard,
 * generated docs) is read from this declaration; docs/architecture.md, "API families".
 */

/** The settings every family's endpoints read; at each call, as some change at run time. */
export interface ApiSettings {
  /** Records per list answer before the 1980 warning. */
  readonly pageSize: number;
  /** Records of the types needing host records must have their IPs covered by them. */
  readonly requireHostRecord: boolean;
  /** The networks `--networks` makes exist from the start, besides 0 (the networks family reads them). */
  readonly networks: readonly number[];
  /** Seconds each step of a scan lasts before it moves on by itself; 0: only the harness moves scans. */
  readonly scanStepSeconds: number;
}

/** What a family is given to build what serves it. */
export interface FamilyGiven<Links> {
  /** The database as `openDatabase` made it: its connection, group commit and the rest. */
  database: Database;
  settings: ApiSettings;
  /** Every family's secret parameters, for whatever it shows outside the API's own answers. */
  secrets: SecretParams;
  /** What the app and the families before it in the registry share with it. */
  links: Links;
}

/**
 * Who may call a family's endpoints, which decides the steps before dispatch (src/app.ts):
 * `authenticated`, Basic or QualysSession credentials and the rate limiter; `anyone`, neither
 * (the session endpoint: login is how a caller gets credentials). Both check X-Requested-With,
 * read the body and apply the fault rules.
 */
export type Callers = 'authenticated' | 'anyone';

/** One entry of a family's seed section, as the seed hands it over. */
export interface SeedEntry {
  /** Where it is in the document, e.g. `records[3]`, for messages. */
  readonly where: string;
  /** Its fields, as the document gives them. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** `action=create` and every field but those in `skip`, as API parameters (a field must be a string or a number). */
  params(skip?: readonly string[]): [string, string][];
  /** Refuses the whole seed, naming this entry. */
  refuse(message: string): never;
}

/** A family's part of the seed document (docs/controls.md, "Seed"). */
export interface FamilySeed {
  /** The document's field holding its entries, e.g. `records`. */
  field: string;
  /** The answer's field listing the IDs created, e.g. `ids`; left out when the document has no such section. */
  answer: string;
  /** Every document must have the section. */
  required?: boolean;
  /**
   * Creates one entry as the API's own create would, with exactly its validation, and answers
   * its ID. It runs inside the seed's one transaction: a refusal anywhere undoes every section.
   */
  create(entry: SeedEntry, user: string, now: string): number;
}

/** A dashboard read: what the caller asked, as a control sees it. */
export interface DashboardRequest {
  /** The path's `:name` segments. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string, any field not in `allowed` refused (400). */
  query(allowed: readonly string[]): Readonly<Record<string, string | string[] | undefined>>;
  /** Who asks, at what base URL and whether over TLS: what an API call of theirs would carry. */
  readonly user: string;
  readonly baseUrl: string;
  readonly secure: boolean;
  /** Refuses the read: 400 for a bad value, 404 for what does not exist. */
  refuse(status: 400 | 404, message: string): never;
}

/** A GET under /_emulator/ answering JSON, behind the controls' credentials and never journaled. */
export interface DashboardRoute {
  /** Below /_emulator/, `:name` standing for a path segment, e.g. `records/:type`. */
  path: string;
  answer(request: DashboardRequest): unknown;
}

/** What the dashboard shows of a family. */
export interface FamilyDashboard {
  /** The module under ui/ that shows it. */
  ui: string;
  routes: readonly DashboardRoute[];
}

/**
 * A harness control a family adds under /_emulator/ (the host generator): a POST taking a JSON
 * object and answering JSON, behind the controls' credentials; the programmatic handle runs the
 * same through `EmulatorControls.run`.
 */
export interface FamilyControl {
  /** Below /_emulator/, e.g. `hosts/generate`. */
  path: string;
  /** `refuse` answers 400 with the message; nothing is changed. */
  run(body: Readonly<Record<string, unknown>>, refuse: (message: string) => never): unknown;
}

/**
 * A harness control a family adds under /_emulator/ (the host generator): a POST taking a JSON
 * object and answering JSON, behind the controls' credentials; the programmatic handle runs the
 * same through `EmulatorControls.run`.
 */
export interface FamilyControl {
  /** Below /_emulator/, e.g. `hosts/generate`. */
  path: string;
  /**
   * Answers its JSON, or a promise of it for a control that lets other calls run while it works.
   * `refuse` answers the message with `status`: 400 (the default) when nothing is changed.
   */
  run(body: Readonly<Record<string, unknown>>, refuse: (message: string, status?: number) => never): unknown;
}

/** A page of docs/ written from declarations. */
export interface GeneratedDoc {
  /** Its file name under docs/. */
  file: string;
  write(): string;
}

/** What serves a family, built from what it is given. */
export interface FamilyParts {
  /** Every endpoint of every API version it serves, each at its own path. */
  endpoints: readonly Endpoint[];
  seed?: FamilySeed;
  /** Clears what it keeps in memory; every database table is emptied without it. */
  reset?(): void;
  dashboard?: FamilyDashboard;
  controls?: readonly FamilyControl[];
  /** The elements it keeps written beside their fields, which an app built on the database first brings to their writers' versions. */
  storedForms?: readonly StoredFormKind[];
}

/**
 * A family: its static declarations, and `build`, which makes its endpoints and the rest from
 * what it is given. `Needs` are the links it takes from the app and earlier families,
 * `Offers` what it shares with later ones; the registry's types check that every need is met.
 */
export interface ApiFamily<Needs extends object = object, Offers extends object = object> {
  /** Its folder under src/. */
  readonly name: string;
  readonly callers: Callers;
  /** [E] The largest request body its calls read, when smaller than `--max-body`. */
  readonly maxBody?: number;
  /** Parameters whose values never leave the emulator: masked in echoes, error TEXTs and the journal. */
  readonly secrets: readonly string[];
  /** The DTDs its answers name, besides the envelopes' (SIMPLE_RETURN, BATCH_RETURN). */
  readonly dtds: readonly BundledDtd[];
  /** Pages of docs/ written from its declarations by `npm run docs` (a test holds them current). */
  readonly docs: readonly GeneratedDoc[];
  /** A property, not a method, so that the registry's types check `Needs` strictly. */
  readonly build: (given: FamilyGiven<Needs>) => FamilyParts & { offers: Offers };
}

/** Any family, whatever it needs and offers. */
export type SomeFamily = ApiFamily<never, object>;

/** A family as one emulator built it. */
export type BuiltFamily = FamilyParts & { family: SomeFamily };

/**
 * The families an emulator serves, in order. Each may need what the app shares (`Shared`) and
 * what the families before it offer (`Offered`): adding one whose needs are not met so far is a
 * type error naming the missing link.
 */
export class FamilyList<Shared extends object, Offered extends object = Shared> {
  private constructor(readonly families: readonly SomeFamily[]) {}

  /** An empty list, whose families may need what the app shares. */
  static sharing<Shared extends object>(): FamilyList<Shared> {
    return new FamilyList<Shared>([]);
  }

  with<Offers extends object>(family: ApiFamily<Offered, Offers>): FamilyList<Shared, Offered & Offers> {
    return new FamilyList<Shared, Offered & Offers>([...this.families, family]);
  }

  /** Builds every family in order, each given what the app and the families before it offer. */
  build(given: Omit<FamilyGiven<never>, 'links'>, shared: Shared): BuiltFamily[] {
    const links: Record<string, unknown> = Object.fromEntries(Object.entries(shared));
    return this.families.map((family) => {
      // a copy: a family sees only what was offered before it
      const { offers, ...parts } = family.build({ ...given, links: { ...links } as never });
      for (const [name, value] of Object.entries(offers)) {
        if (name in links) throw new Error(`family ${family.name} offers ${name}, which is offered already`);
        links[name] = value;
      }
      return { ...parts, family };
    });
  }
}

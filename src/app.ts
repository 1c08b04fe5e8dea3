import Koa from 'koa';
import compose from 'koa-compose';
import { sliceOf, type Config } from './settings/config.js';
import type { Database } from './db/connection.js';
import { errorEnvelope } from './http/error-envelope.js';
import { createXmlOutput, type XmlValidator } from './http/send.js';
import { authenticate, basicAuthenticator, gatedCheck, requireXRequestedWith, sessionAuthenticator } from './http/auth.js';
import { credentialCheck } from './session/credentials.js';
import { bodyParser } from './http/body-parser.js';
import { jsonErrors } from './http/json-errors.js';
import { ownSiteOnly } from './http/site-guards.js';
import { requirePreflightedRequest } from './http/cross-site.js';
import type { AppContext, AppMiddleware, AppState } from './http/state.js';
import { apiRoutes } from './http/api-routes.js';
import { exactPaths, routerPaths } from './http/exact-paths.js';
import { answerAfterCommit } from './http/answer-after-commit.js';
import { dtdRoutes, readDtds } from './http/dtd-routes.js';
import { SecretParams } from './qualys/secrets.js';
import type { ApiSettings, SomeFamily } from './api-family.js';
import { FAMILIES, servedDtds, type Families } from './families.js';
import { SessionStore } from './session/session-store.js';
import { toolRoutes } from './tools/routes.js';
import { ProcessGroups } from './tools/process-groups.js';
import { healthRoutes } from './controls/health.js';
import { rateLimit } from './http/rate-limit.js';
import { EmulatorControls } from './controls/controls.js';
import { AccountStates } from './controls/account-states.js';
import { initialRuntimeSettings } from './settings/runtime.js';
import { journalRequests } from './controls/journal-requests.js';
import { injectFaults } from './controls/faults.js';
import { ADMIN_PREFIX, adminRouter, jsonBody, unknownControls } from './controls/admin-routes.js';
import { rootRedirect } from './controls/dashboard-files.js';
import { Conformance } from './conformance/conformance.js';
import { renewStoredForms } from './db/stored-forms.js';

export interface AppDeps {
  config: Config;
  database: Database;
  validateXml?: XmlValidator;
  /** The API families served: the registry's unless a test gives its own. */
  families?: Families;
}

/**
 * The app, with the test-harness controls that `/_emulator/` and the programmatic handle drive,
 * and `stopTools`, which ends the tools it is running (SIGTERM, SIGKILL after the grace period).
 */
export type EmulatorApp = Koa<AppState> & { controls: EmulatorControls; stopTools(): Promise<void>; conformance: Conformance };

/** Runs `steps` for every path under `prefix`, which they answer whatever it is; other paths pass by. */
function under(prefix: string, steps: AppMiddleware[]): AppMiddleware {
  const handle = compose<AppContext>(steps);
  return (ctx, next) => (ctx.path.startsWith(prefix) ? handle(ctx, async () => {}) : next());
}

/** Builds the application without listening. The whole request pipeline is the list at its end. */
export function createApp({ config, database, validateXml, families = FAMILIES }: AppDeps): EmulatorApp {
  const output = createXmlOutput(config.publicUrl, validateXml);
  const { publicUrl } = config;
  // Mutable at run time through /_emulator/config; `config` itself never changes.
  const runtime = initialRuntimeSettings(config);
  const settings: ApiSettings = {
    get pageSize() {
      return runtime.pageSize;
    },
    get requireHostRecord() {
      return runtime.requireHostRecord;
    },
    networks: config.networks,
    get scanStepSeconds() {
      return runtime.scanStepSeconds;
    },
  };
  // Masked wherever parameters are shown: what the families served declare, and nothing else.
  const secrets = new SecretParams(families.families.flatMap((f) => f.secrets));
  const sessions = new SessionStore(config.sessionTimeout * 1000);
  const check = credentialCheck(config.users);
  const { commits } = database;
  // each user's account state, which a session login (below) and every authenticated call obey
  const accounts = new AccountStates(config.users.map((u) => u.login));
  const built = families.build({ database, settings, secrets }, { sessions, credentials: gatedCheck(check, accounts) });
  // forms an older emulator wrote into this database written again, before anything reads them
  renewStoredForms(
    database.connection,
    built.flatMap((b) => b.storedForms ?? []),
  );
  const authenticators = [basicAuthenticator(check), sessionAuthenticator(sessions)];
  // the conformance modes (docs/conformance.md); opens the recording, so it may refuse the start
  const conformance = new Conformance({
    settings: sliceOf(config, 'conformance'),
    maxBody: config.maxBody,
    publicUrl,
    user: config.users[0],
    secrets,
    bodyStep: bodyParser(config.maxBody),
    authenticate: authenticate(authenticators, { accounts }),
    envelope: errorEnvelope(output, secrets),
  });
  const controls = new EmulatorControls({
    database,
    runtime,
    families: built,
    atomically: (fn) => commits.write(fn),
    secrets,
    accounts,
    conformance: conformance.report,
  });
  // per app, so closing one emulator never touches another's tools
  const groups = new ProcessGroups();

  // The steps the route groups below share. [Q] Basic or QualysSession, for the Qualys API, the
  // tool runners and the emulator controls alike; the first authenticator that knows the caller wins.
  const who = authenticate(authenticators);
  const xrw = requireXRequestedWith(() => runtime.requireXRequestedWith);
  const faults = injectFaults(controls.faults);
  const json = jsonErrors();
  const preflighted = requirePreflightedRequest();

  // The steps before a family's dispatch, by who may call it (`callers` in src/api-family.ts).
  const guards = (family: SomeFamily): AppMiddleware[] => {
    const form = bodyParser(Math.min(config.maxBody, family.maxBody ?? Infinity));
    // [Q: docs/fidelity.md §7] the session endpoint: no credentials (login is how a caller gets
    // them; logout checks its own cookie), no rate limit, [E] a short body
    if (family.callers === 'anyone') return [xrw, form, faults];
    return [
      authenticate(authenticators, { accounts }), // Basic or QualysSession [Q: 401, 2000], then the account's state [Q: 2001]
      rateLimit(controls.limiter), //  counted, headers, 1960/1965 [Q: docs/fidelity.md §8]
      xrw, //                          X-Requested-With [Q]
      form, //                         parameters from the body [Q]
      faults, //                       test-harness faults, matched on the action [E]
    ];
  };

  // The request pipeline, outermost first: six steps for every request, then route groups,
  // each listing its own steps in order. Route groups answer disjoint paths.
  const app = new Koa<AppState>();
  // 1. [E] the request journal sees each /api/ request as it finally left
  app.use(journalRequests(controls.journal, secrets, (ctx) => conformance.differenceOf(ctx)));
  // 2. every error and unanswered path leaves as a SIMPLE_RETURN, never HTML or a stack trace
  app.use(errorEnvelope(output, secrets));
  // 3. no answer before the COMMIT holding what it wrote or read (group commit: docs/architecture.md)
  app.use(answerAfterCommit(commits));
  // 4. [E] this server's own Host names and Origin only (DNS rebinding, other web sites): 403
  app.use(ownSiteOnly(config));
  // 5. [E] with --upstream or --replay: the API's calls recorded, compared or replayed (docs/conformance.md)
  app.use(conformance.step());
  // 6. /_emulator/: the test-harness controls and the dashboard, JSON in and out; every path under it ends here
  const admin = adminRouter(controls, publicUrl);
  app.use(
    under(ADMIN_PREFIX, [
      json, //                     a. any failure as {"error": ...} JSON
      preflighted, //              b. a change only as JSON or with X-Requested-With (403)
      unknownControls(), //        c. no such control 404, wrong method 405
      authenticate(authenticators, { challenge: true }), // d. the API's credentials (401, with the browser's Basic challenge)
      jsonBody(config.maxBody), // e. a JSON body, if any (400, 413, 415)
      admin.routes() as AppMiddleware, // f. the control
      admin.allowedMethods() as AppMiddleware,
    ]),
  );
  // 7. [E] the host root leads a browser to the dashboard
  app.use(rootRedirect());
  // 8. every fixed path below, found by one lookup; the groups answer disjoint paths
  app.use(
    exactPaths([
      // a. public DTDs at the URLs the DOCTYPEs name, no credentials
      dtdRoutes(readDtds(servedDtds(families))),
      // b. GET /health, JSON, no credentials; any failure, a COMMIT it waited for too, as JSON
      routerPaths(healthRoutes(sliceOf(config, 'tools'), database.connection, database.condition, [json])),
      // c. the tool runners, JSON in and out
      routerPaths(
        toolRoutes({
          settings: sliceOf(config, 'tools'),
          maxBody: config.maxBody,
          groups,
          onRun: (tool, user, run) => controls.toolRuns.add(tool, user, run),
          guards: [
            json, //        any failure as {"error": ...} JSON
            preflighted, // a request only as JSON or with X-Requested-With (403)
            who, //         the API's credentials (401), before anything is told: these endpoints run programs
          ],
        }),
      ), //         then method (405), body, fields, busy (409), run
      // d. the Qualys endpoints of every family, each behind the steps its callers need, then
      // dispatch: action, method, parameters, values
      ...built.map((b) => apiRoutes({ endpoints: b.endpoints, output, publicUrl, commits, secrets, guards: guards(b.family) })),
    ]),
  );
  return Object.assign(app, { controls, conformance, stopTools: () => groups.stopAll(config.toolKillGrace) });
}

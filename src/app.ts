import Koa from 'koa';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import { errorEnvelope } from './http/error-envelope.js';
import { createXmlOutput, type XmlValidator } from './http/send.js';
import { authenticate, basicAuthenticator, credentialCheck, requireXRequestedWith, sessionAuthenticator } from './http/auth.js';
import { bodyParser } from './http/params.js';
import { apiRoutes } from './http/api-routes.js';
import { bundledDtds, dtdRoutes } from './http/dtd-routes.js';
import { RecordStore } from './auth-records/store.js';
import { RecordService } from './auth-records/record-service.js';
import { recordEndpoint } from './auth-records/actions.js';
import { genericListEndpoint } from './auth-records/generic-list.js';
import { RECORD_TYPES } from './auth-records/types/index.js';
import { SessionStore } from './session/session-store.js';
import { sessionEndpoint } from './session/session-endpoint.js';
import { toolRoutes } from './tools/routes.js';
import { ProcessGroups } from './tools/process-groups.js';
import { healthRoutes } from './emulator/health.js';
import { rateLimit } from './http/rate-limit.js';
import { EmulatorControls } from './emulator/controls.js';
import { initialRuntimeSettings } from './emulator/runtime.js';
import { journalRequests } from './emulator/journal.js';
import { injectFaults } from './emulator/faults.js';
import { adminRoutes } from './emulator/admin-routes.js';

export interface AppDeps {
  config: Config;
  db: Db;
  validateXml?: XmlValidator;
}

/**
 * The app, with the test-harness controls that `/_emulator/` and the programmatic handle drive,
 * and `stopTools`, which ends the tools it is running (SIGTERM, SIGKILL after the grace period).
 */
export type EmulatorApp = Koa & { controls: EmulatorControls; stopTools(): Promise<void> };

/** Builds the application without listening. The middleware order is the list below. */
export function createApp({ config, db, validateXml }: AppDeps): EmulatorApp {
  const app = new Koa();
  const output = createXmlOutput(config.publicUrl, validateXml);
  // Mutable at run time through /_emulator/config; `config` itself never changes.
  const runtime = initialRuntimeSettings(config);
  const service = new RecordService(new RecordStore(db), runtime);
  const sessions = new SessionStore(config.sessionTimeout * 1000);
  const check = credentialCheck(config.users);
  const xrw = requireXRequestedWith(() => runtime.requireXRequestedWith);
  const body = bodyParser(config.maxBody);
  // Basic or QualysSession, for the Qualys API, the tool runners and the emulator controls alike
  const authenticators = [basicAuthenticator(check), sessionAuthenticator(sessions)];
  const lists = { get pageSize() { return runtime.pageSize; }, networks: config.networks };
  const endpoints = [...RECORD_TYPES.map((type) => recordEndpoint(type, service, lists)), genericListEndpoint(RECORD_TYPES, service, lists)];
  const controls = new EmulatorControls({ db, runtime, types: RECORD_TYPES, endpoints });
  controls.onReset(() => sessions.clear());
  const faults = injectFaults(controls.faults);
  // per app, so closing one emulator never touches another's tools
  const groups = new ProcessGroups();
  const records = apiRoutes({
    endpoints,
    output,
    publicUrl: config.publicUrl,
    guards: [
      authenticate(authenticators), //  1. who: Basic or QualysSession [Q: 401, 2000]
      rateLimit(controls.limiter), //   2. counted, headers, 1960/1965 [Q: docs/fidelity.md §8]
      xrw, //                           3. X-Requested-With [Q]
      body, //                          4. parameters from the body [Q]
      faults, //                        5. test-harness faults, matched on the action [E]
    ],
  });
  // [Q] session login is how a caller gets credentials, so it has no auth guard (logout checks
  // its own cookie); its own route group, as it is not rate limited either.
  const session = apiRoutes({ endpoints: [sessionEndpoint(sessions, check)], output, publicUrl: config.publicUrl, guards: [xrw, body, faults] });

  // -1. the request journal sees each /api/ request as it finally left
  app.use(journalRequests(controls.journal));
  // 0. every error and unanswered path leaves as a SIMPLE_RETURN, never HTML or a stack trace
  app.use(errorEnvelope(output));
  // test-harness controls, JSON in and out with their own JSON errors
  app.use(adminRoutes(controls, { authenticate: authenticate(authenticators), maxBody: config.maxBody, publicUrl: config.publicUrl }));
  // public DTDs at the URLs the DOCTYPEs name
  app.use(dtdRoutes(bundledDtds()).routes());
  // session login and logout: X-Requested-With, body, faults, then the action
  app.use(session.routes());
  // GET /health, JSON, no credentials
  app.use(healthRoutes(config, db).routes());
  // the tool runners: JSON in and out, same credentials, their own JSON errors
  app.use(toolRoutes({ config, authenticators, groups }).routes());
  // the Qualys record endpoints; 6+ (action, method, parameters, values) happen in dispatch
  app.use(records.routes());
  return Object.assign(app, { controls, stopTools: () => groups.stopAll(config.toolKillGrace) });
}

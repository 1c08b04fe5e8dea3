import Koa from 'koa';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import { errorEnvelope } from './http/error-envelope.js';
import { createXmlSender, type XmlValidator } from './http/send.js';
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
import { healthRoutes } from './emulator/health.js';

export interface AppDeps {
  config: Config;
  db: Db;
  validateXml?: XmlValidator;
}

/** Builds the application without listening. The middleware order is the list below. */
export function createApp({ config, db, validateXml }: AppDeps): Koa {
  const app = new Koa();
  const send = createXmlSender(config.publicUrl, validateXml);
  const service = new RecordService(new RecordStore(db), { requireUnixForDocker: config.requireUnixForDocker });
  const sessions = new SessionStore(config.sessionTimeout * 1000);
  const check = credentialCheck(config.users);
  const xrw = requireXRequestedWith(() => true);
  const body = bodyParser(config.maxBody);
  // Basic or QualysSession, for the Qualys API and the tool runners alike
  const authenticators = [basicAuthenticator(check), sessionAuthenticator(sessions)];
  const records = apiRoutes({
    endpoints: [
      ...RECORD_TYPES.map((type) => recordEndpoint(type, service, { pageSize: config.pageSize, networks: config.networks })),
      genericListEndpoint(RECORD_TYPES, service, config.pageSize),
    ],
    send,
    publicUrl: config.publicUrl,
    guards: [
      authenticate(authenticators), //                                              1. who: Basic or QualysSession [Q: 401, 2000]
      xrw, //                                                                       2. X-Requested-With [Q]
      body, //                                                                      3. parameters from the body [Q]
    ],
  });
  // [Q] session login is how a caller gets credentials, so it has no auth guard (logout checks
  // its own cookie); its own route group, as it is not rate limited either.
  const session = apiRoutes({ endpoints: [sessionEndpoint(sessions, check)], send, publicUrl: config.publicUrl, guards: [xrw, body] });

  // 0. every error and unanswered path leaves as a SIMPLE_RETURN, never HTML or a stack trace
  app.use(errorEnvelope(send, config.maxBody));
  // public DTDs at the URLs the DOCTYPEs name
  app.use(dtdRoutes(bundledDtds()).routes());
  // session login and logout: X-Requested-With, body, then the action
  app.use(session.routes());
  // GET /health, JSON, no credentials
  app.use(healthRoutes(config, db).routes());
  // the tool runners: JSON in and out, same credentials, their own JSON errors
  app.use(toolRoutes({ config, authenticators }).routes());
  // the Qualys record endpoints; 4+ (action, method, parameters, values) happen in dispatch
  app.use(records.routes());
  return app;
}

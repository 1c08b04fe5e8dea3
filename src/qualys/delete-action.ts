import type { ActionContext, ActionResult, ActionSpec } from './endpoint.js';
import { parseId } from './id-set.js';

/**
 * [Q] A family's `delete`: a POST naming one `id` and nothing else but `echo_request`; `remove`
 * checks and deletes what the parsed ID names, in the family's own transaction, and answers.
 */
export function deleteById(remove: (ctx: ActionContext, id: number) => ActionResult): ActionSpec {
  return {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'id'],
    required: ['id'],
    handle: (ctx) => remove(ctx, parseId('id', ctx.params.require('id'))),
  };
}

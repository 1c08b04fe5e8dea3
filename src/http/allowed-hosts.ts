import type { Config } from '../settings/config.js';
import { hostNameOf, isLoopback } from '../host-names.js';

/** Addresses that mean "every interface": never a name a client should be reaching. */
const WILDCARDS = new Set(['0.0.0.0', '[::]']);

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);
const unbracketed = (name: string) => name.replace(/^\[(.*)\]$/, '$1');

/**
 * Which Host headers the server answers, against DNS rebinding: a page on a name its owner
 * re-points at 127.0.0.1 reaches a loopback server with that name in Host and nothing else
 * to tell it apart. Bound to loopback, and on any address once `--allowed-hosts` is given: loopback
 * names and addresses (any port), the `--public-url` host, the `--allowed-hosts` and [E] the
 * address listened on. Undefined: every Host is answered (a non-loopback address without a list).
 */
export function allowedHostCheck(config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>): ((host: string) => boolean) | undefined {
  if (!isLoopback(config.host) && config.allowedHosts.length === 0) return undefined;
  const configured = [...config.allowedHosts, bracketed(config.host)];
  if (config.publicUrl !== undefined) configured.push(new URL(config.publicUrl).host);
  const named = new Set(configured.map(hostNameOf).filter((name) => name !== undefined && !WILDCARDS.has(name)));
  return (host) => {
    const name = hostNameOf(host);
    return name !== undefined && (named.has(name) || isLoopback(unbracketed(name)));
  };
}

/** Host names and addresses, as `--host`, `--allowed-hosts` and Host headers carry them. */

/** A name, or an address (IPv6 in brackets), without scheme, port or path. */
const NAME = String.raw`(\[[0-9A-Fa-f:.]+\]|[^\s:/@[\]]+)`;
const BARE = new RegExp(`^${NAME}$`);
const WITH_PORT = new RegExp(`^${NAME}(?::\\d*)?$`);

export function isHostName(text: string): boolean {
  return BARE.test(text);
}

/** `localhost`, 127.0.0.0/8 or `::1` (without brackets). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The host name of a Host header or a configured name, for comparing: lower case, without the
 * port and a final dot; undefined when it is no host name at all.
 */
export function hostNameOf(host: string): string | undefined {
  return WITH_PORT.exec(host)?.[1].toLowerCase().replace(/\.$/, '');
}

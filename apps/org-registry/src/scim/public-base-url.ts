import { IncomingHttpHeaders } from 'node:http';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0].trim() || undefined;
}

/** The first element of an RFC 7239 `Forwarded` header: `for=…;proto=https;host=org.example.cn`. */
function forwardedOf(header: string | undefined): { proto?: string; host?: string } {
  const element = header?.split(',')[0] ?? '';
  const pairs = element.split(';').map((pair) => pair.trim().split('='));
  const value = (name: string) => pairs.find(([key]) => key?.toLowerCase() === name)?.[1]?.replace(/^"|"$/g, '');
  return { proto: value('proto'), host: value('host') };
}

/**
 * The URL clients reach this service at, for absolute SCIM locations: the configured public base URL, else what the
 * reverse proxy says (`Forwarded`, else `X-Forwarded-Proto`/`-Host`/`-Prefix`), else the request's own Host. Values
 * that are not a scheme, host or path are ignored rather than echoed.
 */
export function publicBaseUrl(headers: IncomingHttpHeaders, ownProtocol: string, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const forwarded = forwardedOf(first(headers['forwarded']));
  const proto = [forwarded.proto, first(headers['x-forwarded-proto']), ownProtocol].map((p) => p?.toLowerCase()).find((p) => p === 'http' || p === 'https');
  const host = [forwarded.host, first(headers['x-forwarded-host']), first(headers['host'])].find((h): h is string => Boolean(h && HOST.test(h))) ?? 'localhost';
  const prefix = first(headers['x-forwarded-prefix'])?.replace(/\/+$/, '');
  return `${proto ?? 'http'}://${host}${prefix && PREFIX.test(prefix) ? prefix : ''}`;
}

import { publicBaseUrl } from './public-base-url';

describe('public base URL of SCIM locations', () => {
  it('takes the configured URL first', () => {
    expect(publicBaseUrl({ host: 'internal:3001', 'x-forwarded-host': 'proxy.example' }, 'http', 'https://org.xz.gov.cn/')).toBe('https://org.xz.gov.cn');
  });

  it('follows the reverse proxy: Forwarded, else X-Forwarded-*', () => {
    expect(publicBaseUrl({ host: 'internal:3001', forwarded: 'for=10.0.0.1;proto=https;host=org.xz.gov.cn, for=10.0.0.2' }, 'http')).toBe('https://org.xz.gov.cn');
    expect(publicBaseUrl({ host: 'internal:3001', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'org.xz.gov.cn:8443', 'x-forwarded-prefix': '/org/' }, 'http')).toBe('https://org.xz.gov.cn:8443/org');
  });

  it('falls back to the request itself', () => {
    expect(publicBaseUrl({ host: '127.0.0.1:3001' }, 'http')).toBe('http://127.0.0.1:3001');
  });

  it('ignores header values that are not a scheme, a host or a path', () => {
    expect(publicBaseUrl({ host: '127.0.0.1:3001', 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example/"><x', 'x-forwarded-prefix': '/a b' }, 'http')).toBe('http://127.0.0.1:3001');
  });
});

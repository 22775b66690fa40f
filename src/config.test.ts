import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig as load } from './config.ts';

/** Production needs a key; these tests are about other settings. */
const KEY = Buffer.alloc(32, 7).toString('base64');
const loadConfig = (env: Record<string, string>) => load({ SECRET_KEY: KEY, ...env });

describe('configuration', () => {
  it('links in mails point at the port the app listens on unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3911' }).PUBLIC_URL).toBe('http://localhost:3911');
    expect(loadConfig({ PORT: '3911', PUBLIC_URL: 'https://leerrecht.example.nl' }).PUBLIC_URL).toBe('https://leerrecht.example.nl');
  });

  it('names a wrong value before anything starts', () => {
    expect(() => loadConfig({ PORT: 'tachtig' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: 'geen adres' })).toThrow(/PUBLIC_URL/);
  });

  it('is production unless told development: no demo accounts, Secure cookies, https required off localhost', () => {
    const bare = loadConfig({});
    expect(bare).toMatchObject({ NODE_ENV: 'production', development: false, DEMO_SEED: 'off', secureCookies: true, TRUST_PROXY: 'loopback' });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ development: true, DEMO_SEED: 'on', secureCookies: false });
    expect(loadConfig({ NODE_ENV: 'development', PUBLIC_URL: 'https://leerrecht.example.nl' }).secureCookies).toBe(true);
    expect(() => loadConfig({ PUBLIC_URL: 'http://leerrecht.example.nl' })).toThrow(/PUBLIC_URL: in productie moet het adres met https/);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', PUBLIC_URL: 'http://leerrecht.test' }).PUBLIC_URL).toBe('http://leerrecht.test');
    expect(() => loadConfig({ NODE_ENV: 'test' })).toThrow(/NODE_ENV/);
  });

  it('needs SECRET_KEY in production and says so in one line; checks its form; development makes its own', () => {
    expect(() => load({})).toThrow(/^Ongeldige configuratie:\n {2}SECRET_KEY: zet SECRET_KEY .*openssl rand -base64 32.*$/);
    expect(() => load({ SECRET_KEY: 'te kort' })).toThrow(/SECRET_KEY: moet 32 willekeurige bytes zijn/);
    expect(load({ SECRET_KEY: KEY }).secretKey).toEqual(Buffer.alloc(32, 7));
    expect(load({ SECRET_KEY: Buffer.alloc(32, 9).toString('hex') }).secretKey).toEqual(Buffer.alloc(32, 9));
    expect(load({ NODE_ENV: 'development' }).secretKey).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
});

import { z } from 'zod';

/** What the sign-in page shows: one button per enabled provider. */
export const OidcProviderOption = z.object({ id: z.string(), label: z.string() });

/** A provider as its admin sees it: the client secret never leaves the server. */
export const OidcProvider = z.object({
  id: z.string(),
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  /** Trust the provider's own second factor (its `amr` claim) instead of asking our TOTP again. */
  trustIdpMfa: z.boolean(),
});
export const OidcProviderList = z.object({
  providers: z.array(OidcProvider),
  /** The address to register at the provider as redirect URI. */
  redirectUri: z.string(),
});

const label = z.string().trim().min(2, 'Vul een naam in van minstens 2 tekens.').max(120, 'Hoogstens 120 tekens.');
const clientId = z.string().trim().min(1, 'Vul de client-id in.').max(255, 'Hoogstens 255 tekens.');
const clientSecret = z.string().min(1, 'Vul het client-geheim in.').max(1000, 'Hoogstens 1000 tekens.');

/**
 * The issuer is an https address; plain http only in development (a test
 * or development provider on this machine). No query or fragment: discovery
 * appends /.well-known/openid-configuration to it.
 */
export function issuerSchema(allowHttp: boolean) {
  return z
    .string()
    .trim()
    .max(500, 'Hoogstens 500 tekens.')
    .refine((v) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        return false;
      }
      const protocolOk = url.protocol === 'https:' || (allowHttp && url.protocol === 'http:');
      return protocolOk && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    }, allowHttp ? 'Vul het adres (issuer) van de aanbieder in, bijvoorbeeld https://login.example.nl.' : 'Vul een https-adres (issuer) van de aanbieder in, bijvoorbeeld https://login.example.nl.');
}

/** Input schemas for the admin endpoints; `allowHttp` only when NODE_ENV is development. */
export function oidcProviderInputs(allowHttp: boolean) {
  const issuer = issuerSchema(allowHttp);
  const trustIdpMfa = z.boolean('Kies aan of uit.');
  const Input = z.object({ label, issuer, clientId, clientSecret, trustIdpMfa: trustIdpMfa.default(false) });
  const Patch = z
    .object({ label, issuer, clientId, clientSecret, enabled: z.boolean('Kies aan of uit.'), trustIdpMfa })
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), 'Geef minstens één veld op om te wijzigen.');
  return { Input, Patch };
}
export type OidcProviderInput = z.infer<ReturnType<typeof oidcProviderInputs>['Input']>;
export type OidcProviderPatch = z.infer<ReturnType<typeof oidcProviderInputs>['Patch']>;


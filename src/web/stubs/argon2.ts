/** Browser stand-in for @node-rs/argon2: password hashing happens only on the server. */
const serverOnly = (): never => {
  throw new Error('argon2 is server-only');
};
export const hash = serverOnly;
export const verify = serverOnly;

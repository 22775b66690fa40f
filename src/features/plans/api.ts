/**
 * The plans feature's public server API, for other features (requests ask
 * the same signers as the OPP, by the same age rule).
 */
export { requiredSigners, signingRuleOf, type SigningRule } from './signing.ts';

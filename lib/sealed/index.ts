// Sealed matching, the client-safe core: pair keys, match tokens the server compares by equality
// only, and sealed notes. Nothing here touches the database or the network.
export { generateKeyPair, pairKeys, safetyNumber, KEY_BYTES, SEALED_SALT, type KeyPair, type PairKeys } from "./keys";
export { planTokens, sealedMatch, ringCells, startMinutes, isoMinute, TOKEN_BYTES, FIELD_SEPARATOR, type PlanTokens } from "./tokens";
export { sealNote, openNote, NONCE_BYTES, NOTE_BYTES } from "./notes";

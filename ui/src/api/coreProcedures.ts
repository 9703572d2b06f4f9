/** Procedures of the core itself (the API contract), not of any business module. */
export const CORE = {
  model: 'platform.model',
  audit: 'platform.audit',
  /** Users are the core entity `platform.user`; only who may read them gets names in histories. */
  userEntity: 'platform.user',
} as const;

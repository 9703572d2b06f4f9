/** Procedures of the core itself (the API contract), not of any business module. */
export const CORE = {
  model: 'platform.model',
  audit: 'platform.audit',
  /** Colleagues' names by id, for any signed-in user. */
  userNames: 'platform.userNames',
  /** Users are the core entity `platform.user`; only who may read them gets names in histories. */
  userEntity: 'platform.user',
} as const;

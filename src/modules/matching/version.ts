/**
 * The matcher's version, stored on every recommendation round (`recommendation_rounds.matcher_version`).
 * Bump it with any change to scoring, ranking, the ladder or the planner, so push outcomes
 * (sent → viewed → applied → hired, `/api/v1/stats/push-outcomes`) can be compared per version on
 * real hires, not on the offline evaluation alone (docs/MONITORING.md).
 */
export const MATCHER_VERSION = "1";

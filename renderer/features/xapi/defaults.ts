/** The xAPI settings' defaults when the learner leaves them empty. */
export const XAPI_DEFAULTS = {
  activityBase: 'https://datalit.studio/xapi',
  homePage: 'https://datalit.studio',
} as const;

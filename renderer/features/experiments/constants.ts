/** The Experiments screen's fixed choices, shared with its tests. */

/** The significance level of every readout and demonstration on the screen. */
export const READOUT_ALPHA = 0.05;

/** The numbers of equally spaced looks the peeking demonstration reports. */
export const PEEKING_LOOKS = [1, 2, 5, 10, 20, 50, 100] as const;

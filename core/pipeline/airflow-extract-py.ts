/** Placeholder replaced below. */
export const DATALIT_EXTRACT_PY = '';

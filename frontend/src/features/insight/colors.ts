// Colours of the analytics charts.

/** Chart colours that read on the light and the dark background alike. */
export const SERIES_COLORS = ['#c06a00', '#2f7fb5', '#4f9a3a', '#9b59b6', '#c0392b', '#7f8c8d'] as const
/** Reference lines (the 1% baseline, the goals). */
export const REFERENCE_COLOR = '#888888'
export const TARGET_COLOR = '#c0392b'

import type { ReactNode } from 'react';
import type { Theme } from '@material-ui/core';

/** The charts' axis and tick labels: small, secondary, in the page's font. */
export const chartFont = (theme: Theme) => ({
  fontSize: 11,
  fill: theme.palette.text.secondary,
  fontFamily: 'inherit',
});

/**
 * An SVG chart in a `width` × `height` box that shrinks with its container. Its meaning is in
 * words in `label`: the accessible name, and the tooltip.
 */
export const ChartFrame = ({
  label,
  width,
  height,
  children,
}: {
  label: string;
  width: number;
  height: number;
  children: ReactNode;
}) => (
  <svg
    role="img"
    aria-label={label}
    viewBox={`0 0 ${width} ${height}`}
    width="100%"
    style={{ maxWidth: width, display: 'block' }}
  >
    <title>{label}</title>
    {children}
  </svg>
);

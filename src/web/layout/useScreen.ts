// The screen's size class, following rotation and resizing: antd's breakpoints (the
// same widths as Grid and Layout.Sider's `breakpoint`), read synchronously so that the
// first render on a phone is already the phone's layout.
import { useSyncExternalStore } from 'react';

const BELOW = {
  /** A phone (narrower than antd's md). */
  md: 'screen and (max-width: 767.98px)',
  /** A phone or a tablet held upright (narrower than antd's lg): the side menu folds away. */
  lg: 'screen and (max-width: 991.98px)',
} as const;

type Breakpoint = keyof typeof BELOW;

const subscribers = Object.fromEntries(Object.entries(BELOW).map(([bp, query]) => [bp, (onChange: () => void) => {
  const mq = window.matchMedia(query);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}])) as Record<Breakpoint, (onChange: () => void) => () => void>;

/** Whether the screen is narrower than antd's breakpoint `bp`. */
export function useBelow(bp: Breakpoint): boolean {
  return useSyncExternalStore(subscribers[bp], () => window.matchMedia(BELOW[bp]).matches, () => false);
}

/** Whether the screen is a phone's (narrower than antd's md breakpoint). */
export const usePhone = (): boolean => useBelow('md');

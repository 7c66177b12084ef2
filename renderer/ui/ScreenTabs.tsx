import * as Tabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';

/** One tab of a screen: its trigger's label and test id, and what it shows. */
export interface ScreenTab<T extends string> {
  id: T;
  label: string;
  testId: string;
  content: ReactNode;
}

/**
 * A screen's main area as Radix tabs (the Governance and Experiments screens): the <main> landmark
 * the skip link focuses, an optional visually hidden h1, the tab list and each tab's panel.
 */
export function ScreenTabs<T extends string>({
  className,
  testId,
  heading,
  label,
  value,
  onChange,
  tabs,
}: {
  className: string;
  testId: string;
  /** A screen-reader-only page heading, when the screen has no visible one. */
  heading?: string;
  /** The tab list's accessible name. */
  label: string;
  value: T;
  onChange: (tab: T) => void;
  tabs: ScreenTab<T>[];
}) {
  return (
    <Tabs.Root className={className} value={value} onValueChange={(v) => onChange(v as T)} asChild>
      <main id="main-content" tabIndex={-1} data-testid={testId}>
        {heading !== undefined ? <h1 className="sr-only">{heading}</h1> : null}
        <Tabs.List className="tabs-list" aria-label={label}>
          {tabs.map((tab) => (
            <Tabs.Trigger key={tab.id} className="tab" value={tab.id} data-testid={tab.testId}>
              {tab.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Content key={tab.id} className="tab-content" value={tab.id}>
            {tab.content}
          </Tabs.Content>
        ))}
      </main>
    </Tabs.Root>
  );
}

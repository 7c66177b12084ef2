/** Placeholder while the tab is being built (gov-ui-a). */
export function MaskedViewsTab() {
  return <div className="gov-tab-body" />;
}

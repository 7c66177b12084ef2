/** Placeholder while the tab is being built (gov-ui-a). */
export function CatalogueTab() {
  return <div className="gov-tab-body" />;
}

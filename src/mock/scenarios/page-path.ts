/** A scenario's page on the site, relative to the site's root (the site and `kms-mock explain` share it). */
export function scenarioPagePath(id: string): string {
  return `scenarios/${id}/`;
}

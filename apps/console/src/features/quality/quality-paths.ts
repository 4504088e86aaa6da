/** The drill-down page of a service, in one region when given. */
export function serviceDrillPath(service: {
  readonly business: string;
  readonly channel: string;
  readonly region?: string | null;
}): string {
  const path = `/quality/services/${encodeURIComponent(service.business)}/${encodeURIComponent(service.channel)}`;
  return service.region ? `${path}?region=${encodeURIComponent(service.region)}` : path;
}

// Which link targets Ensemble will store and render. Used by the editor (to refuse a bad link as it is
// typed) and by the server sanitizer (to strip any that arrive some other way).
export const allowedLinkProtocols = ['http', 'https', 'mailto'] as const;

/** True for absolute http(s)/mailto URLs and for same-site paths such as /wiki/Page. */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const protocol = url.protocol.slice(0, -1);
  return (allowedLinkProtocols as readonly string[]).includes(protocol);
}

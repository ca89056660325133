// The allowlist for stored and served page HTML. Whatever reaches the Y.Doc (a buggy or hostile client can
// write anything), only these tags, attributes and link protocols leave the server.
import sanitizeHtml from 'sanitize-html';
import { allowedLinkProtocols } from '../../shared/linkPolicy.js';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'a', 'strong', 'b', 'em', 'i',
    'u', 's', 'sub', 'sup', 'code', 'pre', 'span', 'mark', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr',
    'th', 'td',
  ],
  allowedAttributes: {
    '*': ['class', 'dir', 'style'],
    a: ['href', 'title'],
    ol: ['start'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    pre: ['data-language'],
    code: ['data-language'],
  },
  allowedClasses: { '*': [/^ens-[a-z0-9-]+$/] },
  allowedStyles: {
    '*': {
      'white-space': [/^pre-wrap$/],
      'text-align': [/^(left|right|center|justify|start|end)$/],
    },
  },
  allowedSchemes: [...allowedLinkProtocols],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '')
        ? { ...attribs, rel: 'noopener noreferrer nofollow' }
        : attribs,
    }),
  },
};
// `rel` is added by transformTags after filtering, so it must be allowed explicitly.
(options.allowedAttributes as Record<string, string[]>).a.push('rel');

export function sanitizePageHtml(html: string): string {
  return sanitizeHtml(html, options);
}

// The one script of the /embed/... views, served by the server at /embed.js (the CSP forbids inline scripts,
// and a Vite entry would tie embeds to the client build). It tells the portal page how tall the content is,
// so the portal can size its frame: `{type: 'ensemble:height', height, slug}` on load and on every resize.
//
// Where the message goes: to the origin of document.referrer when that is one of the frame's allowed parents
// (this site and WIKI_EMBED_ORIGINS, passed in data-embed-parents); else, when the portal sends no referrer, to
// each allowed parent in turn, and the browser delivers it only to the one that matches. Never to '*': the
// height is not secret, but the message names a page, and a page's own list of who may frame it costs nothing.
// A parent that attached its listener late can ask again with `{type: 'ensemble:request-height'}`.
import crypto from 'node:crypto';

/** A small text file served with a content hash in its URL, so it can be cached for a year. */
export interface EmbedAsset {
  /** The URL to reference, with ?v=<hash>. */
  url: string;
  body: string;
  etag: string;
  contentType: string;
}

export function hashedAsset(pathname: string, body: string, contentType: string): EmbedAsset {
  const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { url: `${pathname}?v=${hash}`, body, etag: `"${hash}"`, contentType };
}

/** Plain ES5 for any browser a portal is seen in, and a classic script: a module fetched from a sandboxed frame needs CORS. */
const source = `(function () {
  'use strict';
  var root = document.documentElement;
  if (window.parent === window) return;
  var slug = root.getAttribute('data-embed-slug') || '';
  var allowed = (root.getAttribute('data-embed-parents') || '').split(' ').filter(Boolean);
  var referrer = '';
  try { referrer = document.referrer ? new URL(document.referrer).origin : ''; } catch (e) { referrer = ''; }
  var targets = allowed.indexOf(referrer) !== -1 ? [referrer] : allowed;
  var last = -1;
  function report(force) {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && force !== true) return;
    last = height;
    for (var i = 0; i < targets.length; i++) {
      try { window.parent.postMessage({ type: 'ensemble:height', height: height, slug: slug }, targets[i]); } catch (e) { /* not this parent */ }
    }
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(function () { report(false); }).observe(root);
  window.addEventListener('load', function () { report(false); });
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || allowed.indexOf(event.origin) === -1) return;
    if (event.data && event.data.type === 'ensemble:request-height') report(true);
  });
  report(false);
})();
`;

export const embedScript = hashedAsset('/embed.js', source, 'text/javascript; charset=utf-8');

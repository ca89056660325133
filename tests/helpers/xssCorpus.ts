// Stored-XSS payloads for tests/e2e/xss.test.ts. Each payload, if it ever ran, would record its own id in
// `window.__xss` (and in `top.__xss` when it runs in a same-origin frame) instead of calling alert, so a
// test can tell which one ran and where. Every payload fits in a page title (200 characters); each also has a
// form of at most 100 characters, the limit of an account's display name.

export interface XssPayload {
  /** Unique, and the value the payload writes to `__xss` if it runs. */
  id: number;
  family: string;
  payload: string;
  /**
   * Set on a sample checked to run in Chromium when served unsanitized, as page markup or as a link's href;
   * tests/e2e/xss.test.ts checks that its probe sees these run, so a clean result means something.
   */
  runsUnsanitizedAs?: 'markup' | 'href';
  /**
   * The payload in at most SHORT_PAYLOAD_LENGTH characters: itself when it fits, else built with the compact
   * marker, and cut only if even that is too long.
   */
  short: string;
}

/** An account's display name holds at most this many characters. */
export const SHORT_PAYLOAD_LENGTH = 100;

/**
 * The script every payload carries. `top.__xss` is the reference, so a frame's write lands in the page's own
 * global; `self.__xss` is assigned first, so a cross-origin frame (where writing `top` throws) still records
 * it in its own global. `void` keeps a `javascript:` URL from replacing the document with its result.
 */
export const xssMarker = (id: number) => `void(top.__xss=self.__xss=[self.__xss,${id}]+[])`;

/** A shorter marker for short payloads: it records only the last id, and only in the top window. */
export const compactXssMarker = (id: number) => `void(top.__xss=${id})`;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

type Template = (mark: string, id: number) => string;
/** A template for a payload that runs in Chromium when served unsanitized in this position. */
type Sample = [Template, XssPayload['runsUnsanitizedAs']];
const runsAs = (position: 'markup' | 'href', template: Template): Sample => [template, position];

const families: Array<[family: string, templates: Array<Template | Sample>]> = [
  // javascript: URLs, plain, mixed-case, and hidden by white space, control characters and entities.
  [
    'javascript-url',
    [
      runsAs('href', (m) => `javascript:${m}`),
      (m) => `JaVaScRiPt:${m}`,
      (m) => `  javascript:${m}`,
      runsAs('href', (m) => `\u0001javascript:${m}`),
      (m) => `java\tscript:${m}`,
      (m) => `jav\nascript:${m}`,
      (m) => `java&#x09;script:${m}`,
      (m) => `jav&#x0A;ascript:${m}`,
      (m) => `&#106;&#97;vascript:${m}`,
      (m) => `javascript&colon;${m}`,
      runsAs('href', (m) => `javascript://comment/%0a${m}`),
      (m) => `<a href="java&#x09;script:${m}">tab link</a>`,
      runsAs('markup', (m) => `<a href="&#x6A;avascript:${m}">entity link</a>`),
    ],
  ],
  // data: URLs that carry HTML or SVG with script, as links and as frames.
  [
    'data-url',
    [
      (m) => `data:text/html,<script>${m}</script>`,
      (m) => `data:text/html;base64,${b64(`<script>${m}</script>`)}`,
      (m) => `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${m}"/>`,
      (m) => `data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${m}"/>`)}`,
      (m) => `<a href="data:text/html,<script>${m}</script>">data link</a>`,
    ],
  ],
  // vbscript: URLs (dead in Chromium, but a sanitizer must refuse the scheme, not rely on the browser).
  ['vbscript-url', [(m) => `vbscript:msgbox(${JSON.stringify(m)})`, (m) => `<a href="VBScript:${m}">vb link</a>`]],
  // Event-handler attributes that fire without a click: load errors, hover, focus, animation, toggling.
  [
    'event-handler',
    [
      runsAs('markup', (m) => `<img src=x onerror=${m}>`),
      (m) => `<img src="x:x" onerror="${m}">`,
      (m) => `<body onload=${m}>`,
      runsAs('markup', (m) => `<div onmouseover="${m}">hover me</div>`),
      runsAs('markup', (m) => `<input onfocus=${m} autofocus>`),
      (m) => `<select autofocus onfocus=${m}></select>`,
      runsAs('markup', (m) => `<style>@keyframes ens{}</style><b style="animation-name:ens" onanimationstart=${m}>anim</b>`),
      (m) => `<details open ontoggle=${m}><summary>s</summary></details>`,
      (m) => `<video><source onerror=${m}></video>`,
      (m) => `<a onfocus=${m} tabindex=0 autofocus>focus link</a>`,
      (_m, id) => `<img src=x onerror=&#116;op.__xss=self.__xss=[self.__xss,${id}]+[]>`,
    ],
  ],
  // SVG: script elements, onload, SMIL events, xlink:href to javascript:.
  [
    'svg',
    [
      runsAs('markup', (m) => `<svg><script>${m}</script></svg>`),
      (m) => `<svg onload=${m}>`,
      (m) => `<svg><animate onbegin=${m} attributeName=x dur=1s>`,
      runsAs('markup', (m) => `<svg><a xlink:href="javascript:${m}"><text x=9 y=9>svg link</text></a></svg>`),
    ],
  ],
  // MathML: href on math elements and namespace confusion that smuggles HTML out.
  [
    'mathml',
    [
      (m) => `<math href="javascript:${m}">math link</math>`,
      (m) => `<math><mtext><table><mglyph><style><img src=x onerror=${m}>`,
      (m) => `<math><maction actiontype="statusline" xlink:href="javascript:${m}">m</maction></math>`,
    ],
  ],
  // Embedded documents: iframe srcdoc/src, object and embed.
  [
    'embedded-document',
    [
      runsAs('markup', (m) => `<iframe srcdoc="<script>${m}</script>"></iframe>`),
      (m) => `<iframe src="javascript:${m}"></iframe>`,
      runsAs('markup', (m) => `<iframe src="data:text/html,<script>${m}</script>"></iframe>`),
      (m) => `<object data="javascript:${m}"></object>`,
      (m) => `<object data="data:text/html,<script>${m}</script>"></object>`,
      (m) => `<embed src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${m}'/>">`,
    ],
  ],
  // Document-level hijacks: <base>, meta refresh, stylesheet and HTML imports.
  [
    'document-hijack',
    [
      (m) => `<base href="javascript:${m}//"><a href="/x">based link</a>`,
      (m) => `<meta http-equiv="refresh" content="0;url=javascript:${m}">`,
      (m) => `<style>@import 'javascript:${m}';</style>`,
      (m) => `<link rel=import href="data:text/html,<script>${m}</script>">`,
      (m) => `<link rel=stylesheet href="javascript:${m}">`,
    ],
  ],
  // CSS that used to run script: expression(), url(javascript:), behaviours and bindings.
  [
    'css',
    [
      (m) => `<div style="width:expression(${m})">expr</div>`,
      (m) => `<div style="background:url(javascript:${m})">bg</div>`,
      (m) => `<p style="behavior:url(#default#time2);-moz-binding:url(javascript:${m})">bind</p>`,
    ],
  ],
  // Broken and unclosed markup that lenient parsers complete into script.
  [
    'broken-markup',
    [
      runsAs('markup', (m) => `<img src=x onerror=${m}//`),
      (m) => `<scr<script>ipt>${m}</scr</script>ipt>`,
      (m) => `"><script>${m}</script>`,
      (m) => `'><img src=x onerror=${m}>`,
      runsAs('markup', (m) => `</title><script>${m}</script>`),
      (m) => `</script><script>${m}</script>`,
      (m) => `</textarea><img src=x onerror=${m}>`,
      (m) => `<!--<img src="--><img src=x onerror=${m}>">`,
      (m) => `<!--><script>${m}</script>-->`,
      (m) => `<SCRIPT SRC=data:text/javascript,${m}></SCRIPT>`,
      (m) => `<script>${m}</script>`,
      (m) => `\u2028</script>\u2029<script>${m}</script>`,
    ],
  ],
  // Mutation XSS: markup that parses safely once and dangerously when re-serialized and parsed again.
  [
    'mutation-xss',
    [
      runsAs('markup', (m) => `<noscript><p title="</noscript><img src=x onerror=${m}>">`),
      (m) => `<svg><style><img src=x onerror=${m}></style></svg>`,
      (m) => `<svg></p><style><a id="</style><img src=1 onerror=${m}>">`,
      (m) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${m}>`,
      (m) => `<xmp><p title="</xmp><img src=x onerror=${m}>">`,
      (m) => `<noembed><img title="</noembed><img src=x onerror=${m}>"></noembed>`,
      (m) => `<template><img src=x onerror=${m}></template>`,
      (m) => `<listing>&lt;img src=x onerror=${m}&gt;</listing>`,
    ],
  ],
  // Breaking out of a quoted or unquoted attribute (titles end up in attributes and in <title>).
  [
    'attribute-breaking',
    [
      runsAs('href', (m) => `" onmouseover="${m}" x="`),
      (m) => `' autofocus onfocus='${m}' x='`,
      (m) => `" autofocus onfocus=${m} x="`,
      (m) => `\` onmouseover=${m} x=\``,
      (m) => `x onerror=${m} src=y`,
    ],
  ],
  // Template-engine and encoding tricks: client-side template syntax, full-width and overlong brackets.
  [
    'template-and-encoding',
    [
      (m) => `{{constructor.constructor('${m}')()}}`,
      (m) => `\${${m}}`,
      (m) => `\uFF1Cscript\uFF1E${m}\uFF1C/script\uFF1E`,
      (m) => `%3Cscript%3E${m}%3C/script%3E`,
      (m) => `&lt;script&gt;${m}&lt;/script&gt;`,
    ],
  ],
];

export const xssCorpus: readonly XssPayload[] = (() => {
  const out: XssPayload[] = [];
  for (const [family, templates] of families) {
    for (const entry of templates) {
      const [template, runsUnsanitizedAs] = typeof entry === 'function' ? [entry, undefined] : entry;
      const id = out.length + 1;
      const payload = template(xssMarker(id), id);
      const short = payload.length <= SHORT_PAYLOAD_LENGTH ? payload : template(compactXssMarker(id), id).slice(0, SHORT_PAYLOAD_LENGTH);
      out.push({ id, family, payload, short, ...(runsUnsanitizedAs ? { runsUnsanitizedAs } : {}) });
    }
  }
  return out;
})();

/**
 * What a reader should see of a payload that was kept as text. Page titles and rendered text may collapse
 * white space and drop control characters; nothing else may change.
 */
export function visibleForm(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\ufffd]/g, ' ').replace(/\s+/g, ' ').trim();
}

// The stylesheet of the /embed/... views, served at /embed.css. It is not the site bundle: a frame sandboxed
// without allow-same-origin has an opaque origin, so everything it loads is cross-origin, and the bundle's
// web fonts would need CORS. The page content rules (the ens-* classes) and the GC Design System colours
// mirror client/src/styles/site.css on its system-font fallbacks; change both together.
import { hashedAsset } from './embedScript.js';

const css = `*, *::before, *::after { box-sizing: border-box; }
html { background: #fff; }
body {
  margin: 0; padding: 1rem 1.25rem 0.75rem;
  font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 1rem; line-height: 1.6; color: #333;
}
h1, h2, h3, h4, h5, h6 { font-family: "Lato", "Helvetica Neue", Arial, sans-serif; line-height: 1.25; margin: 1.25em 0 0.5em; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.2rem; }
a { color: #1f497a; text-underline-offset: 0.15em; }
a:visited { color: #4b248f; }
a:hover { color: #1354ec; text-decoration-thickness: 0.125rem; }
a.ens-link--missing, a.ens-link--missing:visited { color: #b3192e; text-decoration-style: dotted; text-decoration-thickness: 0.125rem; }
:focus-visible { outline: 0.25rem solid #1354ec; outline-offset: 0.125rem; }
a:focus-visible { background: #1354ec; color: #fff; outline-color: #1354ec; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.embed__footer { border-top: 1px solid #d9d9d9; margin-top: 1rem; padding-top: 0.5rem; font-size: 0.95rem; }
.embed__footer p { margin: 0; }
.embed__empty { font-style: italic; color: #595959; }
.classification { border: 0.125rem solid #b3b3b3; border-left-width: 0.5rem; padding: 0.25rem 0.75rem; margin: 0 0 0.75rem; font-size: 0.95rem; }
.classification p { margin: 0; display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; }
.classification__space { margin-left: auto; color: #595959; }
.classification--protected-a { border-color: #8a5b00; background: #fff8eb; }
.classification--protected-b { border-color: #b3192e; background: #fcebee; }
.button { display: inline-block; padding: 0.4rem 1rem; border: 0.125rem solid #26374a; border-radius: 0.375rem; font-weight: 600; text-decoration: none; }
.button--primary, .button--primary:visited { background: #26374a; color: #fff; }
.button--primary:hover { background: #1f497a; color: #fff; }
.ens-p { margin: 0 0 1em; }
.ens-quote { margin: 1em 0; padding-left: 1rem; border-left: 0.25rem solid #b3b3b3; color: #595959; }
.ens-ul, .ens-ol { margin: 0 0 1em; padding-left: 2rem; }
.ens-li-nested { list-style-type: none; }
.ens-bold { font-weight: 700; }
.ens-italic { font-style: italic; }
.ens-underline { text-decoration: underline; }
.ens-strike { text-decoration: line-through; }
.ens-inline-code, .ens-code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 0.95em; background: #f2f2f2; }
.ens-inline-code { padding: 0.1em 0.3em; border-radius: 0.2em; }
.ens-code { display: block; padding: 1rem; overflow-x: auto; white-space: pre; border-radius: 0.375rem; margin: 0 0 1em; }
.ens-table { border-collapse: collapse; margin: 0 0 1em; width: 100%; }
.ens-td, .ens-th { border: 1px solid #8c8c8c; padding: 0.5rem; vertical-align: top; text-align: start; }
.ens-th { background: #f2f2f2; font-weight: 700; }
.ens-td > .ens-p:last-child, .ens-th > .ens-p:last-child { margin-bottom: 0; }
.ens-content > :last-child { margin-bottom: 0; }
img { max-width: 100%; height: auto; }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;

export const embedStyles = hashedAsset('/embed.css', css, 'text/css; charset=utf-8');

// The widgets' styles, scoped by their shadow roots: readable on a white portal page (GC Design System
// colours), with a visible focus ring, and a few custom properties (--ensemble-link-color,
// --ensemble-visited-color, --ensemble-focus-color) a portal may set to match its own theme.
const base =
  ':host{display:block;font:inherit;color:inherit}:host([hidden]){display:none}*{box-sizing:border-box}' +
  '.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}' +
  'a{color:var(--ensemble-link-color,#284162)}a:visited{color:var(--ensemble-visited-color,#7834bc)}' +
  'a:focus,input:focus,button:focus{outline:3px solid var(--ensemble-focus-color,#0535d2);outline-offset:2px}';

export const searchStyle =
  base +
  'form{margin:0}label{display:block;font-weight:700;margin:0 0 .25rem}' +
  '.row{display:flex;gap:.5rem;align-items:stretch}.field{position:relative;flex:1 1 auto;min-width:0}' +
  'input{width:100%;font:inherit;padding:.4rem .5rem;border:2px solid #333;border-radius:4px;background:#fff;color:#333}' +
  'button{font:inherit;padding:.4rem .9rem;border:2px solid #26374a;border-radius:4px;background:#26374a;color:#fff;cursor:pointer}' +
  'button:hover{background:#1c578a;border-color:#1c578a}' +
  'ul{position:absolute;left:0;right:0;top:100%;z-index:1000;margin:2px 0 0;padding:0;list-style:none;background:#fff;color:#333;' +
  'border:1px solid #333;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.25);max-height:20rem;overflow:auto}' +
  'ul[hidden]{display:none}li{padding:.4rem .6rem;cursor:pointer}li[aria-selected="true"]{background:#26374a;color:#fff}';

export const recentStyle =
  base +
  'h2,h3,h4,h5,h6{margin:0 0 .5rem;font-size:1.25em}ul{margin:0;padding:0;list-style:none}' +
  'li{padding:.4rem 0;border-bottom:1px solid rgba(0,0,0,.2)}li:last-child{border-bottom:0}.meta{display:block;font-size:.875em}p{margin:0}';

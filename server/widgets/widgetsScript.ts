// The portal widgets script, served at /widgets.js: two custom elements a portal page gets by including one
// script, <ensemble-search> (title typeahead, search in the wiki) and <ensemble-recent> (recently changed pages).
// Plain modern JavaScript in a string, like /embed.js: no build step, nothing to keep in step with the client
// bundle. Each element renders in its own (open) shadow root, so portal styles and ours do not meet; every
// piece of data is put in the page with textContent or attributes, never parsed as HTML.
//
// The wiki is where the script came from (document.currentScript.src, read once at load: it is only set while
// a classic script runs), so a portal writes nothing but the <script> tag and the elements. Calls go to the
// wiki's API without credentials: the widgets read as an anonymous visitor (server/plugins/cors.ts).
// Strings come from the message catalogues (keys `widgets.ui.*`, English and French), built in when the server
// starts, so the hashed URL changes with them.
import { messagesWithPrefix } from '../../shared/i18n/index.js';
import { hashedAsset } from '../embed/embedScript.js';
import { MAX_RECENT } from './schema.js';
import { recentStyle, searchStyle } from './widgetStyles.js';

/** What <ensemble-recent> lists without a limit attribute: a portal box, not a page. */
export const DEFAULT_WIDGET_LIMIT = 5;

const messages = JSON.stringify({
  en: messagesWithPrefix('en', ['widgets.ui.']),
  fr: messagesWithPrefix('fr', ['widgets.ui.']),
});

// No template-literal interpolation below: the script is written without backticks or ${…}.
const source = `(function () {
  'use strict';
  if (!window.customElements || window.customElements.get('ensemble-search')) return;
  var MESSAGES = __MESSAGES__;
  var script = document.currentScript;
  var WIKI = new URL(script && script.src ? script.src : window.location.href).origin;
  var MAX_QUERY = 200;
  var DEBOUNCE_MS = 150;
  var MAX_LIMIT = __MAX_LIMIT__;
  var DEFAULT_LIMIT = __DEFAULT_LIMIT__;

  /** en or fr: the element's own lang, else the nearest ancestor's (up to <html>), else English. */
  function localeOf(element) {
    for (var node = element; node && node.nodeType === 1; node = node.parentElement || (node.getRootNode && node.getRootNode().host) || null) {
      var lang = (node.getAttribute('lang') || '').toLowerCase().split('-')[0];
      if (Object.prototype.hasOwnProperty.call(MESSAGES, lang)) return lang;
    }
    return 'en';
  }

  function translate(locale, key, params) {
    var text = MESSAGES[locale][key] || MESSAGES.en[key] || key;
    if (!params) return text;
    return text.replace(/\\{(\\w+)\\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    for (var name in attributes) if (Object.prototype.hasOwnProperty.call(attributes, name)) element.setAttribute(name, attributes[name]);
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** Opens a wiki address in the same tab, a new one (_blank, without a window.opener) or a named frame. */
  function go(url, target) {
    if (!target || target === '_self') window.location.assign(url);
    else if (target === '_blank') window.open(url, '_blank', 'noopener');
    else window.open(url, target);
  }

  function getJson(path, signal) {
    return fetch(WIKI + path, { mode: 'cors', credentials: 'omit', headers: { accept: 'application/json' }, signal: signal }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  var SEARCH_STYLE = __SEARCH_STYLE__;
  var RECENT_STYLE = __RECENT_STYLE__;

  /**
   * Styles go in as constructed stylesheets, which a Content-Security-Policy without 'unsafe-inline' (the wiki's
   * own, many portals') allows, where a <style> element would be refused; <style> only for older browsers.
   */
  var sheets = {};
  function applyStyle(root, css) {
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheets[css]) {
        sheets[css] = new CSSStyleSheet();
        sheets[css].replaceSync(css);
      }
      root.adoptedStyleSheets = [sheets[css]];
      return [];
    }
    return [make('style', {}, css)];
  }

  class EnsembleSearch extends HTMLElement {
    static get observedAttributes() { return ['lang', 'placeholder']; }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.suggestions = [];
      this.active = -1;
      this.shownFor = '';
      this.requested = 0;
      this.timer = 0;
      this.controller = null;
      this.built = false;
    }

    connectedCallback() {
      if (!this.built) this.build();
      this.localize();
    }

    disconnectedCallback() { this.cancel(); }

    attributeChangedCallback() { if (this.built) this.localize(); }

    build() {
      var self = this;
      this.wrapper = make('form', { role: 'search', part: 'form' });
      this.label = make('label', { for: 'q', part: 'label' });
      var row = make('div', { class: 'row' });
      var field = make('div', { class: 'field' });
      this.input = make('input', {
        id: 'q', type: 'search', name: 'q', role: 'combobox', autocomplete: 'off', spellcheck: 'false', maxlength: String(MAX_QUERY),
        'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'suggestions', part: 'input',
      });
      this.listbox = make('ul', { id: 'suggestions', role: 'listbox', part: 'listbox' });
      this.listbox.hidden = true;
      this.button = make('button', { type: 'submit', part: 'button' });
      // Not role=status: the portal may have its own. Polite: the count waits for the typing to pause.
      this.live = make('div', { class: 'vh', 'aria-live': 'polite', 'aria-atomic': 'true' });
      field.append(this.input, this.listbox);
      row.append(field, this.button);
      this.wrapper.append(this.label, row, this.live);
      this.shadowRoot.append.apply(this.shadowRoot, applyStyle(this.shadowRoot, SEARCH_STYLE).concat([this.wrapper]));

      this.input.addEventListener('input', function () { self.onInput(); });
      this.input.addEventListener('keydown', function (event) { self.onKeyDown(event); });
      this.input.addEventListener('blur', function () { self.close(); });
      this.input.addEventListener('focus', function () {
        if (self.suggestions.length > 0 && self.shownFor === self.input.value) self.open();
      });
      // Pressing an option must not take focus from the box (which would close the list before the click).
      this.listbox.addEventListener('mousedown', function (event) { event.preventDefault(); });
      this.listbox.addEventListener('click', function (event) {
        var option = event.target.closest('[role="option"]');
        if (option) self.choose(Number(option.getAttribute('data-index')));
      });
      this.wrapper.addEventListener('submit', function (event) {
        event.preventDefault();
        self.submit();
      });
      this.built = true;
    }

    localize() {
      this.locale = localeOf(this);
      this.wrapper.setAttribute('lang', this.locale);
      var label = translate(this.locale, 'widgets.ui.searchLabel');
      this.label.textContent = label;
      this.wrapper.setAttribute('aria-label', label);
      this.button.textContent = translate(this.locale, 'widgets.ui.searchSubmit');
      this.listbox.setAttribute('aria-label', translate(this.locale, 'widgets.ui.listLabel'));
      var placeholder = this.getAttribute('placeholder');
      if (placeholder) this.input.setAttribute('placeholder', placeholder);
      else this.input.removeAttribute('placeholder');
    }

    onInput() {
      var self = this;
      window.clearTimeout(this.timer);
      // What was highlighted answered the previous text: Enter now searches for what is typed.
      this.highlight(-1);
      var q = this.input.value;
      if (q.trim() === '') {
        this.cancel();
        this.show([], '');
        return;
      }
      this.timer = window.setTimeout(function () { self.request(q); }, DEBOUNCE_MS);
    }

    cancel() {
      window.clearTimeout(this.timer);
      if (this.controller) this.controller.abort();
      this.controller = null;
      this.requested++;
    }

    request(q) {
      var self = this;
      if (this.controller) this.controller.abort();
      var controller = new AbortController();
      this.controller = controller;
      var seq = ++this.requested;
      var space = this.getAttribute('space');
      getJson('/api/v1/search/titles?q=' + encodeURIComponent(q.slice(0, MAX_QUERY)) + (space ? '&space=' + encodeURIComponent(space) : ''), controller.signal).then(
        function (body) {
          if (seq !== self.requested) return;
          self.controller = null;
          var results = body && Array.isArray(body.results) ? body.results.filter(function (r) {
            return r && typeof r.id === 'string' && typeof r.title === 'string';
          }) : [];
          self.show(results, q);
        },
        function () {
          // Aborted, offline, refused (a portal not allowed, a wiki closed to visitors): the search button still works.
          if (seq !== self.requested) return;
          self.controller = null;
          self.show([], '');
        }
      );
    }

    show(results, q) {
      var self = this;
      this.suggestions = results;
      this.shownFor = q;
      this.active = -1;
      this.input.removeAttribute('aria-activedescendant');
      this.listbox.replaceChildren.apply(this.listbox, results.map(function (suggestion, index) {
        var option = make('li', { id: 'suggestion-' + index, role: 'option', 'aria-selected': 'false', 'data-index': String(index), part: 'option' }, suggestion.title);
        option.addEventListener('mousemove', function () { self.highlight(index); });
        return option;
      }));
      if (results.length > 0 && this.shadowRoot.activeElement === this.input) this.open();
      else this.close();
      var count = results.length;
      this.live.textContent = q === '' ? '' : count === 0
        ? translate(this.locale, 'widgets.ui.none')
        : count === 1 ? translate(this.locale, 'widgets.ui.countOne') : translate(this.locale, 'widgets.ui.count', { count: count });
    }

    open() {
      if (this.suggestions.length === 0) return;
      this.listbox.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
    }

    close() {
      this.listbox.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.highlight(-1);
    }

    isOpen() { return !this.listbox.hidden; }

    highlight(index) {
      this.active = index;
      var options = this.listbox.children;
      for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      if (index >= 0 && options[index]) {
        this.input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        this.input.removeAttribute('aria-activedescendant');
      }
    }

    onKeyDown(event) {
      var n = this.suggestions.length;
      if (event.key === 'ArrowDown' || event.key === 'Down') {
        if (n === 0 || this.shownFor !== this.input.value) return;
        event.preventDefault();
        if (!this.isOpen()) this.open();
        if (!event.altKey) this.highlight((this.active + 1) % n);
      } else if (event.key === 'ArrowUp' || event.key === 'Up') {
        if (n === 0 || this.shownFor !== this.input.value) return;
        event.preventDefault();
        if (!this.isOpen()) this.open();
        this.highlight(this.active <= 0 ? n - 1 : this.active - 1);
      } else if (event.key === 'Enter') {
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
      } else if (event.key === 'Escape' || event.key === 'Esc') {
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value !== '') {
          event.preventDefault();
          this.input.value = '';
          this.cancel();
          this.show([], '');
        }
      }
    }

    choose(index) {
      var suggestion = this.suggestions[index];
      if (!suggestion) return;
      this.close();
      go(WIKI + '/p/' + encodeURIComponent(suggestion.id), this.getAttribute('target'));
    }

    submit() {
      var q = this.input.value.trim();
      if (q === '') {
        this.input.focus();
        return;
      }
      var space = this.getAttribute('space');
      go(WIKI + '/search?q=' + encodeURIComponent(q.slice(0, MAX_QUERY)) + (space ? '&space=' + encodeURIComponent(space) : ''), this.getAttribute('target'));
    }
  }

  var UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

  /** "2 hours ago", "il y a 2 heures", "yesterday": the largest unit the time since reaches. */
  function timeAgo(iso, locale) {
    var seconds = Math.min(0, Math.round((Date.parse(iso) - Date.now()) / 1000));
    var format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    for (var i = 0; i < UNITS.length; i++) {
      if (-seconds >= UNITS[i][1] || UNITS[i][0] === 'second') return format.format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
    }
    return '';
  }

  function clampedInteger(raw, min, max, fallback) {
    var value = /^\\s*\\d+\\s*$/.test(raw || '') ? parseInt(raw, 10) : NaN;
    return isNaN(value) ? fallback : Math.min(max, Math.max(min, value));
  }

  class EnsembleRecent extends HTMLElement {
    static get observedAttributes() { return ['space', 'limit', 'lang', 'heading', 'heading-level', 'target']; }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.requested = 0;
      this.scheduled = false;
      this.controller = null;
    }

    connectedCallback() { this.schedule(); }

    disconnectedCallback() {
      if (this.controller) this.controller.abort();
      this.requested++;
    }

    attributeChangedCallback() { if (this.isConnected) this.schedule(); }

    /** Attributes set one after another (a framework, a script) make one request. */
    schedule() {
      var self = this;
      if (this.scheduled) return;
      this.scheduled = true;
      Promise.resolve().then(function () {
        self.scheduled = false;
        if (self.isConnected) self.load();
      });
    }

    load() {
      var self = this;
      var locale = localeOf(this);
      var limit = clampedInteger(this.getAttribute('limit'), 1, MAX_LIMIT, DEFAULT_LIMIT);
      var space = this.getAttribute('space');
      var target = this.getAttribute('target');
      var wrapper = make('div', { lang: locale, part: 'container' });
      var heading = this.getAttribute('heading');
      // The list is named by the heading when there is one, else by a name of its own.
      var labelling = { 'aria-label': translate(locale, 'widgets.ui.recentLabel') };
      if (heading) {
        var level = clampedInteger(this.getAttribute('heading-level'), 2, 6, 2);
        wrapper.append(make('h' + level, { id: 'heading', part: 'heading' }, heading));
        labelling = { 'aria-labelledby': 'heading' };
      }
      var status = make('p', { 'aria-live': 'polite', part: 'status' }, translate(locale, 'widgets.ui.loading'));
      wrapper.append(status);
      this.shadowRoot.replaceChildren.apply(this.shadowRoot, applyStyle(this.shadowRoot, RECENT_STYLE).concat([wrapper]));

      if (this.controller) this.controller.abort();
      var controller = new AbortController();
      this.controller = controller;
      var seq = ++this.requested;
      var path = '/api/v1/recent?limit=' + limit + (space ? '&space=' + encodeURIComponent(space) : '');
      getJson(path, controller.signal).then(
        function (body) {
          if (seq !== self.requested) return;
          var items = body && Array.isArray(body.items) ? body.items : [];
          if (items.length === 0) {
            status.textContent = translate(locale, 'widgets.ui.empty');
            return;
          }
          var list = make('ul', Object.assign({ part: 'list' }, labelling));
          items.forEach(function (item) {
            var li = make('li', { part: 'item' });
            // The API's absolute permanent link; only ever an http(s) address, else built from the id.
            var href = /^https?:\\/\\//i.test(String(item.url)) ? String(item.url) : WIKI + '/p/' + encodeURIComponent(String(item.id));
            var link = make('a', { href: href, part: 'link' }, String(item.title));
            if (target) {
              link.setAttribute('target', target);
              if (target === '_blank') link.setAttribute('rel', 'noopener');
            }
            var meta = make('span', { class: 'meta', part: 'meta' });
            var parts = translate(locale, 'widgets.ui.changed', { space: item.space && item.space.name ? String(item.space.name) : '' }).split('{time}');
            meta.append(document.createTextNode(parts[0]));
            if (parts.length > 1) {
              meta.append(make('time', { datetime: String(item.updatedAt) }, timeAgo(item.updatedAt, locale)));
              meta.append(document.createTextNode(parts.slice(1).join('')));
            }
            li.append(link, meta);
            list.append(li);
          });
          status.remove();
          wrapper.append(list);
        },
        function () {
          if (seq !== self.requested) return;
          status.textContent = translate(locale, 'widgets.ui.error');
        }
      );
    }
  }

  window.customElements.define('ensemble-search', EnsembleSearch);
  window.customElements.define('ensemble-recent', EnsembleRecent);
})();
`
  .replace('__MESSAGES__', () => messages)
  .replace('__MAX_LIMIT__', String(MAX_RECENT))
  .replace('__DEFAULT_LIMIT__', String(DEFAULT_WIDGET_LIMIT))
  .replace('__SEARCH_STYLE__', () => JSON.stringify(searchStyle))
  .replace('__RECENT_STYLE__', () => JSON.stringify(recentStyle));

export const widgetsScript = hashedAsset('/widgets.js', source, 'text/javascript; charset=utf-8');

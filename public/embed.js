// Pentahelix embed loader: one <script type="module" src=".../embed.js"> per page, then a
// <pentahelix-widget> element (or <div data-pentahelix>) wherever a widget should appear.
// Each instance renders in its own shadow root with its own copy of the stylesheet; all
// instances share one wasm module, fetched once. Nothing is added to the host's <head> and
// the only global is the custom element itself.
const base = new URL(".", import.meta.url);
// The build (xtask/src/dist/loader.rs) rewrites this line with content-hashed names, which the
// server caches for a year; this file keeps its name and is cached for minutes.
const ASSETS = { glue: "assets/pentahelix.js", split: "assets/pentahelix_split.js", wasm: "assets/pentahelix_bg.wasm", style: "assets/widget.css" };
const ATTRIBUTES = ["api", "region", "lang", "view", "theme", "limit", "deeplink", "preview"];
// The widget's own words for what the loader draws before the wasm arrives. The build
// (xtask/src/dist/loader.rs) fills the line below from the catalogue in core/src/words, so they
// are the widget's words by construction; only the built loader, in dist/, is ever served.
const WORDS = {};
let modulePromise;
// Set when the glue or the split loader itself failed to load: the browser keeps a failed module
// import for the page's life, so only reloading the page can fetch it again.
let importFailed = false;

function loadModule() {
  // The wasm is fetched while the glue loads, not after it: one round trip less before the
  // first view on a slow mobile link. The glue's init accepts the pending response.
  modulePromise ??= (() => {
    const wasm = fetch(new URL(ASSETS.wasm, base));
    // Its failure is reported where it is awaited, not as an unhandled rejection before.
    wasm.catch(() => {});
    // The glue imports the loader of the views fetched on demand; asking for both at once saves
    // the round trip the browser would otherwise spend finding that import.
    import(new URL(ASSETS.split, base).href).catch(() => { importFailed = true; });
    const glue = import(new URL(ASSETS.glue, base).href);
    glue.catch(() => { importFailed = true; });
    return glue.then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
  })();
  // A failed load is not kept: the next attempt (the retry button) fetches afresh.
  modulePromise.catch(() => { modulePromise = undefined; });
  return modulePromise;
}

// The language a person chose with the widget's switch (`src/storage.rs`, `chosen_lang`), which
// wins over the page's `lang` attribute. Storage may be blocked (private mode): then none.
function chosenLang(options) {
  if (options.preview != null && options.preview !== "false") return null;
  try {
    return localStorage.getItem("pentahelix:lang");
  } catch {
    return null;
  }
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

// What the widget looks like while its list loads (header, tabs, placeholder cards), drawn at
// once, so a citizen on a slow link sees the widget arriving in its own space instead of a gap
// that fills a few seconds later. It is replaced whole when the wasm mounts. Nothing in it is
// interactive; the tabs are plain text until then.
function shell(options) {
  const words = /^en([-_]|$)/i.test((chosenLang(options) ?? options.lang ?? "").trim()) ? WORDS.en : WORDS.id;
  const app = element("div", "ph-app");
  app.lang = words === WORDS.en ? "en" : "id";
  app.setAttribute("aria-busy", "true");
  // The same colours the widget accepts (src/config.rs, `is_safe_colour`).
  if (/^(#([0-9a-f]{3}|[0-9a-f]{6})|[a-z]{1,20})$/i.test(options.theme ?? "")) {
    app.style.setProperty("--ph-primary", options.theme);
  }
  const header = element("header", "ph-header");
  const heading = element("div");
  heading.append(element("h2", "ph-header__title", words.app_name), element("p", "ph-header__tagline", words.tagline));
  header.append(heading, element("span", "ph-button ph-button--ghost", words.switch_language));
  const tabs = element("div", "ph-tabs");
  for (const label of words.tabs) tabs.append(element("span", "ph-tabs__tab", label));
  const status = element("div", "ph-skeletons");
  status.setAttribute("role", "status");
  status.append(element("span", "ph-visually-hidden", words.loading));
  for (let i = 0; i < 3; i++) status.append(element("div", "ph-skeleton"));
  const main = element("div", "ph-main");
  main.append(status);
  app.append(header, tabs, main);
  return { app, words, status };
}

// The stand-in's placeholders give way to a message with a retry button: a new alert element,
// which screen readers announce, in a stand-in no longer marked busy.
function showFailure({ app, status, words }, retry) {
  app.removeAttribute("aria-busy");
  const alert = element("div", "ph-notice ph-notice--error");
  alert.setAttribute("role", "alert");
  const button = element("button", "ph-button ph-button--ghost", words.retry);
  button.type = "button";
  button.addEventListener("click", () => (importFailed ? location.reload() : retry()), { once: true });
  alert.append(element("p", undefined, words.error_network), button);
  status.replaceWith(alert);
}

function optionsOf(el, prefix) {
  const options = {};
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(prefix + name);
    if (value !== null) options[name] = value;
  }
  return options;
}

// The widget sends its stored manage tokens and session to `api`, so markup that got past a
// CMS's sanitiser must not point it elsewhere: an `api` attribute counts only when it names
// the loader's own origin or one its server lists (`--other-apis`), asked for only then. A
// host's own script may still pass any `api` to `mount`; the widget keeps credentials per API.
async function apiOf(value) {
  if (value === undefined) return base.origin;
  let url;
  try {
    url = new URL(value, base);
  } catch {
    url = undefined;
  }
  if (url?.origin === base.origin || (url && (await otherApis()).includes(url.origin))) return url.href;
  console.warn(`Pentahelix: ignoring api="${value}"; the widget talks only to ${base.origin}, where it was loaded from, and the servers it lists`);
  return base.origin;
}

let otherApisPromise;
function otherApis() {
  otherApisPromise ??= fetch(new URL("/api/v1/embed/apis", base.origin))
    .then((response) => (response.ok ? response.json() : {}))
    .then((answer) => (Array.isArray(answer.origins) ? answer.origins : []))
    .catch(() => []);
  return otherApisPromise;
}

// Resolves to the mounted instance, or to undefined when the wasm could not be loaded: the
// shell then says so and `retry` is called when the person asks to try again.
async function mountInto(host, options, retry) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  root.replaceChildren();
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL(ASSETS.style, base).href;
  const container = document.createElement("div");
  container.className = "ph-root";
  // Shown once styled: unstyled, the shell would flash as bare text.
  const drawn = shell(options);
  container.hidden = true;
  const show = () => { container.hidden = false; };
  style.addEventListener("load", show, { once: true });
  style.addEventListener("error", show, { once: true });
  container.append(drawn.app);
  root.append(style, container);
  let m;
  try {
    m = await loadModule();
  } catch (error) {
    console.error("Pentahelix: the widget could not be loaded", error);
    container.hidden = false;
    showFailure(drawn, retry);
    return undefined;
  }
  const api = await apiOf(options.api);
  container.replaceChildren();
  container.hidden = false;
  return m.mount(container, { ...options, api });
}

// One widget shown in one host element, re-rendered when the element's attributes change. It
// holds the instance that `mount` returns for as long as the element shows it: wasm-bindgen
// frees a Rust value once its JS wrapper is garbage-collected, and a freed instance unmounts
// itself, so a handle nobody keeps makes the widget vanish at the next collection.
class Mounted {
  #host;
  #prefix;
  #instance;
  #generation = 0;
  #scheduled = false;

  constructor(host, prefix) {
    this.#host = host;
    this.#prefix = prefix;
  }

  // Attribute changes arrive one at a time (all of them when a custom element is upgraded):
  // coalesce them into one render in the next microtask.
  schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#host.isConnected) this.#render();
    });
  }

  unmount() {
    this.#generation++;
    this.#instance?.unmount();
    this.#instance = undefined;
  }

  async #render() {
    const generation = ++this.#generation;
    this.#instance?.unmount();
    this.#instance = undefined;
    const instance = await mountInto(this.#host, optionsOf(this.#host, this.#prefix), () => this.schedule());
    // A newer render or a removal happened while the module loaded: this one is stale.
    if (generation !== this.#generation) instance?.unmount();
    else this.#instance = instance;
  }
}

class PentahelixWidget extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mounted = new Mounted(this, "");

  connectedCallback() {
    this.#mounted.schedule();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#mounted.schedule();
  }

  disconnectedCallback() {
    this.#mounted.unmount();
  }
}

if (!customElements.get("pentahelix-widget")) {
  customElements.define("pentahelix-widget", PentahelixWidget);
}

// For CMSs that strip unknown tags: <div data-pentahelix data-region="32.73">. A div has no
// lifecycle callbacks, so one observer of the document stands in for them: it mounts divs added
// later, re-renders a div whose attributes change and unmounts a removed one. The map keeps each
// div's widget alive (see `Mounted`).
const DIV = "div[data-pentahelix]";
const divs = new Map();

function mountDivs(root) {
  const found = root.matches?.(DIV) ? [root] : [];
  for (const div of root.querySelectorAll?.(DIV) ?? []) found.push(div);
  for (const div of found) {
    if (divs.has(div)) continue;
    const mounted = new Mounted(div, "data-");
    divs.set(div, mounted);
    mounted.schedule();
  }
}

new MutationObserver((records) => {
  // A div moved elsewhere is removed and added in one batch: only one still detached is gone.
  for (const [div, mounted] of divs) {
    if (!div.isConnected) {
      mounted.unmount();
      divs.delete(div);
    }
  }
  for (const record of records) {
    if (record.type === "attributes") {
      const mounted = divs.get(record.target);
      if (mounted && !record.target.matches(DIV)) {
        mounted.unmount();
        divs.delete(record.target);
      } else if (mounted) mounted.schedule();
      else mountDivs(record.target);
    } else {
      for (const node of record.addedNodes) mountDivs(node);
    }
  }
}).observe(document.documentElement, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ["data-pentahelix", ...ATTRIBUTES.map((name) => `data-${name}`)],
});
mountDivs(document);

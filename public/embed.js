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

// The language the widget will open in: the person's choice, else the page's `lang` attribute.
function langOf(options) {
  return /^en([-_]|$)/i.test((chosenLang(options) ?? options.lang ?? "").trim()) ? "en" : "id";
}

// The same colours the widget accepts (src/config.rs, `is_safe_colour`), set through the CSSOM
// as the widget does, so a page whose Content-Security-Policy forbids inline styles keeps them.
function themed(app, options) {
  if (/^(#([0-9a-f]{3}|[0-9a-f]{6})|[a-z]{1,20})$/i.test(options.theme ?? "")) {
    app.style.setProperty("--ph-primary", options.theme);
  }
}

// What the widget looks like while its list loads (header, tabs, placeholder cards), drawn at
// once, so a citizen on a slow link sees the widget arriving in its own space instead of a gap
// that fills a few seconds later. It is replaced whole when the wasm mounts. Nothing in it is
// interactive; the tabs are plain text until then.
function shell(options) {
  const words = langOf(options) === "en" ? WORDS.en : WORDS.id;
  const app = element("div", "ph-app");
  app.lang = words === WORDS.en ? "en" : "id";
  app.setAttribute("aria-busy", "true");
  themed(app, options);
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
// which screen readers announce, in a stand-in no longer marked busy. Over a painted first page
// the message goes above the list, which stays readable.
function showFailure({ app, status, words }, retry) {
  app.removeAttribute("aria-busy");
  const alert = element("div", "ph-notice ph-notice--error");
  alert.setAttribute("role", "alert");
  const button = element("button", "ph-button ph-button--ghost", words.retry);
  button.type = "button";
  button.addEventListener("click", () => (importFailed ? location.reload() : retry()), { once: true });
  alert.append(element("p", undefined, words.error_network), button);
  if (status.isConnected) status.replaceWith(alert);
  else app.querySelector(".ph-main")?.prepend(alert);
}

// Whether the widget opens on the list, the only view painted before the wasm: not when its
// `view` names another, nor when the address opens a record (a manage link, or a deep link on a
// page that follows them). Those keep the placeholders until the wasm draws them.
function opensOnList(options) {
  const view = (options.view ?? "").trim();
  if (view !== "" && view !== "initiatives") return false;
  const hash = location.hash;
  if (hash.startsWith("#pentahelix-manage=")) return false;
  const deeplink = options.deeplink != null && options.deeplink !== "false";
  return !(deeplink && hash.startsWith("#pentahelix/") && hash !== "#pentahelix/initiatives");
}

// The list's first page as the server draws it (`GET /api/v1/embed/first-page`), asked with the
// widget's own attributes; undefined when it cannot be had, and then the placeholders stay.
async function firstPage(api, options) {
  const url = new URL(`${api.replace(/\/+$/, "")}/api/v1/embed/first-page`);
  url.searchParams.set("lang", langOf(options));
  if (options.region !== undefined) url.searchParams.set("region", options.region);
  if (options.limit !== undefined) url.searchParams.set("limit", options.limit);
  try {
    const response = await fetch(url, { credentials: "omit" });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

// Resolves once the browser has put on the screen what the page holds now: when it reports a
// largest contentful paint from then on. It may report none (something larger was painted
// before, the person has already scrolled, a tab opened in the background draws nothing), so a
// quarter of a second is the longest this waits.
function onScreen() {
  const since = performance.now();
  return new Promise((resolve) => {
    let observer;
    const done = () => {
      observer?.disconnect();
      resolve();
    };
    if (PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint")) {
      observer = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.startTime >= since)) done();
      });
      observer.observe({ type: "largest-contentful-paint", buffered: true });
    }
    setTimeout(done, 250);
  });
}

// The path of child positions from `root` down to `el`.
function pathOf(root, el) {
  const path = [];
  for (; el && el !== root; el = el.parentElement) path.unshift(Array.prototype.indexOf.call(el.parentElement?.children ?? [], el));
  return el === root ? path : undefined;
}

function at(root, path) {
  let el = root;
  for (const i of path) el = el?.children[i];
  return el;
}

// What a person does with the painted page before the wasm runs (a card or a tab clicked, a
// search typed and sent, a filter chosen), kept and done again on the widget's own elements once
// it has drawn them. The painted page is the widget's markup element for element (a browser test
// holds them equal), so each element is found again by its position. Nothing is lost, and the
// page shows that it is on its way.
class Pending {
  #root;
  #actions = [];
  #listeners = [];

  constructor(root) {
    this.#root = root;
    this.#on("click", (event) => {
      // A submit button's click (Enter in the search field makes one too) is kept as the submit.
      const button = event.target.closest?.("button:not([type=submit])");
      const path = button && pathOf(root, button);
      if (!path) return;
      const last = this.#actions.at(-1);
      if (last?.kind !== "click" || last.path.join() !== path.join()) this.#actions.push({ kind: "click", path });
      // The filters' toggle on a phone answers at once, as the widget's will (and does again).
      if (button.dataset.testid === "filters-toggle") {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        root.querySelector(".ph-filters__more")?.classList.toggle("ph-filters__more--open", open);
      } else {
        root.firstElementChild?.classList.add("ph-app--waiting");
      }
    });
    for (const type of ["input", "change"]) {
      this.#on(type, (event) => {
        const path = pathOf(root, event.target);
        if (!path) return;
        const last = this.#actions.at(-1);
        const action = { kind: "value", type, path, value: event.target.value };
        if (last?.kind === "value" && last.type === type && last.path.join() === path.join()) this.#actions[this.#actions.length - 1] = action;
        else this.#actions.push(action);
      });
    }
    // The painted form must not send the host page anywhere.
    this.#on("submit", (event) => {
      event.preventDefault();
      const path = pathOf(root, event.target);
      if (path) this.#actions.push({ kind: "submit", path });
      root.firstElementChild?.classList.add("ph-app--waiting");
    });
  }

  #on(type, listener) {
    this.#root.addEventListener(type, listener, true);
    this.#listeners.push([type, listener]);
  }

  // Where the focus is, to put it back on the same element once the widget has drawn it.
  focused() {
    const active = this.#root.getRootNode().activeElement;
    return active && pathOf(this.#root, active);
  }

  stop() {
    for (const [type, listener] of this.#listeners) this.#root.removeEventListener(type, listener, true);
  }

  replay(focused) {
    for (const action of this.#actions) {
      const el = at(this.#root, action.path);
      if (!el) continue;
      if (action.kind === "click") el.click();
      else if (action.kind === "submit") el.requestSubmit?.();
      else {
        el.value = action.value;
        el.dispatchEvent(new Event(action.type, { bubbles: true, composed: true }));
      }
    }
    // Back where it was, unless what was done again has put it somewhere already.
    if (focused && !this.#root.getRootNode().activeElement) at(this.#root, focused)?.focus({ preventScroll: true });
  }
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
  const drawn = shell(options);
  const apiPromise = apiOf(options.api);
  // The first page is painted over the placeholders if it comes before the wasm.
  let painted;
  let pending;
  const paint = (answer) => {
    if (!answer || typeof answer.html !== "string" || painted !== undefined || !container.isConnected) return;
    const template = document.createElement("template");
    template.innerHTML = answer.html;
    const app = template.content.firstElementChild;
    if (!app) return;
    themed(app, options);
    drawn.app.replaceWith(app);
    drawn.app = app;
    painted = { ...answer, html: "" };
    pending = new Pending(container);
  };
  const onList = opensOnList(options);
  const first = onList ? apiPromise.then((api) => firstPage(api, options)).then(paint) : Promise.resolve();
  // Shown once styled (unstyled, the shell would flash as bare text) and, for a moment, only
  // with the first page: placeholders replaced by cards a blink later would jump.
  container.hidden = true;
  const styled = new Promise((resolve) => {
    style.addEventListener("load", resolve, { once: true });
    style.addEventListener("error", resolve, { once: true });
  });
  const firstOrLate = Promise.race([first, new Promise((resolve) => setTimeout(resolve, 1500))]);
  const shown = Promise.all([styled, firstOrLate]).then(() => { container.hidden = false; });
  // On the list, the code is asked for once the first page is on the screen (or has failed, or
  // is late): on a thin link the two would share it, and the page is what a person reads first.
  // Any other view needs the code to show anything, and asks for it at once.
  const module = (onList ? shown.then(onScreen) : Promise.resolve()).then(loadModule);
  module.catch(() => {});
  container.append(drawn.app);
  root.append(style, container);
  let m;
  try {
    m = await module;
  } catch (error) {
    console.error("Pentahelix: the widget could not be loaded", error);
    // Said above the first page when it comes, and never painted over once said.
    await firstOrLate;
    if (painted === undefined) painted = null;
    pending?.stop();
    container.hidden = false;
    showFailure(drawn, retry);
    return undefined;
  }
  const api = await apiPromise;
  // A task of its own for the widget's first render, apart from compiling and starting the wasm:
  // on a slow phone each is a long task, and together they held up input for twice as long.
  await new Promise((resolve) => setTimeout(resolve));
  // Too late to be painted: the widget asks for its list itself.
  if (painted === undefined) painted = null;
  const focused = pending?.focused();
  pending?.stop();
  container.replaceChildren();
  container.hidden = false;
  const instance = m.mount(container, { ...options, api, ...(painted && { first: JSON.stringify(painted) }) });
  // Done again once the widget's first effects have run (the deep link's among them, which must
  // see a click as a move to write into the address, not as the view the page opened at), and
  // before the browser draws a frame without them.
  if (pending) queueMicrotask(() => pending.replay(focused));
  return instance;
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

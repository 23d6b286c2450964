// Pentahelix embed loader: one <script type="module" src=".../embed.js"> per page, then a
// <pentahelix-widget> element (or <div data-pentahelix>) wherever a widget should appear.
// Each instance renders in its own shadow root with its own copy of the stylesheet; all
// instances share one wasm module, fetched once. Nothing is added to the host's <head> and
// the only global is the custom element itself.
const base = new URL(".", import.meta.url);
// The build (xtask/src/dist.rs) rewrites this line with content-hashed names, which the server
// caches for a year; this file keeps its name and is cached for minutes.
const ASSETS = { glue: "assets/pentahelix.js", split: "assets/pentahelix_split.js", wasm: "assets/pentahelix_bg.wasm", style: "assets/widget.css" };
const ATTRIBUTES = ["api", "region", "lang", "view", "theme", "limit", "deeplink"];
let modulePromise;

function loadModule() {
  // The wasm is fetched while the glue loads, not after it: one round trip less before the
  // first view on a slow mobile link. The glue's init accepts the pending response.
  modulePromise ??= (() => {
    const wasm = fetch(new URL(ASSETS.wasm, base));
    // Its failure is reported where it is awaited, not as an unhandled rejection before.
    wasm.catch(() => {});
    // The glue imports the loader of the views fetched on demand; asking for both at once saves
    // the round trip the browser would otherwise spend finding that import.
    import(new URL(ASSETS.split, base).href).catch(() => {});
    return import(new URL(ASSETS.glue, base).href).then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
  })();
  return modulePromise;
}

function optionsOf(el, prefix) {
  const options = {};
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(prefix + name);
    if (value !== null) options[name] = value;
  }
  options.api ??= base.origin;
  return options;
}

async function mountInto(host, options) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  root.replaceChildren();
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL(ASSETS.style, base).href;
  const container = document.createElement("div");
  container.className = "ph-root";
  root.append(style, container);
  const m = await loadModule();
  return m.mount(container, options);
}

class PentahelixWidget extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #instance;
  #generation = 0;
  #scheduled = false;

  connectedCallback() {
    this.#schedule();
  }

  // Called once per attribute when the element is upgraded, then on every change: coalesce them
  // into one render in the next microtask.
  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#instance?.unmount();
    this.#instance = undefined;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#render();
    });
  }

  async #render() {
    const generation = ++this.#generation;
    this.#instance?.unmount();
    this.#instance = undefined;
    const instance = await mountInto(this, optionsOf(this, ""));
    // A newer render or a removal happened while the module loaded: this one is stale.
    if (generation !== this.#generation) instance.unmount();
    else this.#instance = instance;
  }
}

if (!customElements.get("pentahelix-widget")) {
  customElements.define("pentahelix-widget", PentahelixWidget);
}

// For CMSs that strip unknown tags: <div data-pentahelix data-region="32.73">.
for (const div of document.querySelectorAll("div[data-pentahelix]")) {
  mountInto(div, optionsOf(div, "data-"));
}

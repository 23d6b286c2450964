// The iframe fallback (`/embed/frame?region=32.73&lang=en`) for sites that forbid third-party
// scripts: the query string configures the widget, and the frame reports its height to the
// parent page on every change, so the host can size the iframe and it never shows a scrollbar.
import "/embed.js";

const widget = document.querySelector("pentahelix-widget");
const params = new URLSearchParams(location.search);
for (const name of ["region", "lang", "view", "theme", "limit", "preview"]) {
  const value = params.get(name);
  if (value !== null) widget.setAttribute(name, value);
}

let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last) {
    last = height;
    // The height is no secret, and the host's origin is unknown here: any parent may read it.
    parent.postMessage({ type: "pentahelix:height", height }, "*");
  }
}).observe(document.documentElement);

// What a host page adds next to the iframe (or pastes into its own script): size the frame to
// the height the widget reports, so it never scrolls inside the page.
addEventListener("message", (event) => {
  const frame = document.getElementById("pentahelix-frame");
  if (event.source === frame.contentWindow && event.data?.type === "pentahelix:height") {
    frame.style.height = `${event.data.height}px`;
  }
});
